//! Writing a path as the CSV [`parse_csv`](super::parse_csv) reads back to the same path: a generated
//! scenario saved next to a report can be replayed exactly.

use std::fmt::Write as _;
use std::path::Path;

use crate::error::{PathError, Result};
use crate::path::PricePath;

impl PricePath {
    /// The path as a `block,feed,price` CSV (with a `gas_multiplier` column if any step's is not 1).
    ///
    /// Prices are written with Rust's shortest round-trip formatting, so reading the text back gives the same
    /// bits. A step with no update is written as `block,,` so that its block (and gas) survive.
    pub fn to_csv(&self) -> String {
        let gas = self.steps.iter().any(|s| s.gas_multiplier != 1.0);
        let mut out = String::from(if gas {
            "block,feed,price,gas_multiplier\n"
        } else {
            "block,feed,price\n"
        });
        for step in &self.steps {
            let gas = if gas {
                format!(",{}", step.gas_multiplier)
            } else {
                String::new()
            };
            let mut any = false;
            for (feed, price) in self.feeds.iter().zip(&step.prices) {
                if let Some(price) = price {
                    any = true;
                    // Writing to a String cannot fail.
                    let _ = writeln!(out, "{},{feed},{price}{gas}", step.block);
                }
            }
            if !any {
                let _ = writeln!(out, "{},,{gas}", step.block);
            }
        }
        out
    }
}

/// Writes `path` to `file` as a CSV (see [`PricePath::to_csv`]).
pub fn write_csv(path: &PricePath, file: &Path) -> Result<()> {
    std::fs::write(file, path.to_csv()).map_err(|source| PathError::Write {
        path: file.to_owned(),
        source,
    })
}
