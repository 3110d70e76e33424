//! Reading a price CSV: one price update per row, rows of one block forming one step.
//!
//! Plain comma-separated text (no quoting: feed names have no commas). Blank lines and lines starting with
//! `#` are skipped but counted, so a line number in an error is the one an editor shows.

use std::path::Path;

use crate::error::{CsvProblem, PathError, Result};
use crate::path::{PathStep, PricePath, first_duplicate};

/// Reads a price CSV from a file; the path is named after the file.
///
/// See [`parse_csv`] for the format. A missing or unreadable file is [`PathError::Read`].
pub fn read_csv(path: &Path, known_feeds: &[String], block_time_secs: u64) -> Result<PricePath> {
    let text = std::fs::read_to_string(path).map_err(|source| PathError::Read {
        path: path.to_owned(),
        source,
    })?;
    let name = path.file_name().map_or_else(
        || path.display().to_string(),
        |n| n.to_string_lossy().into_owned(),
    );
    parse_csv(&text, &name, known_feeds, block_time_secs)
}

/// Parses a price CSV.
///
/// The header is `block,feed,price` or `timestamp,feed,price`, optionally followed by `,gas_multiplier`.
/// Blocks are offsets from the start state (≥ 1); timestamps (seconds) become
/// `block = 1 + (ts - ts0) / block_time_secs` with `ts0` the first row's. Rows must be in non-decreasing
/// block (or timestamp) order; the rows of one block form one step, and a feed with no row in a block is
/// `None` there (not updated). A row with an empty feed and price marks a block with no update (a step that
/// only moves time, or only carries a gas multiplier). The path's feeds are `known_feeds`, in that order.
pub fn parse_csv(
    text: &str,
    name: &str,
    known_feeds: &[String],
    block_time_secs: u64,
) -> Result<PricePath> {
    if let Some(dup) = first_duplicate(known_feeds) {
        return Err(PathError::Parameter {
            at: name.to_owned(),
            name: "known feeds".into(),
            value: format!("[{}]", known_feeds.join(", ")),
            expected: format!("must not list `{dup}` twice"),
        });
    }
    let mut lines = text
        .lines()
        .enumerate()
        .map(|(i, l)| (i + 1, l.trim()))
        .filter(|(_, l)| !l.is_empty() && !l.starts_with('#'));
    let err = |line: usize, text: &str, problem: CsvProblem| PathError::Csv {
        name: name.to_owned(),
        line,
        text: shorten(text),
        problem,
    };

    let Some((header_line, header)) = lines.next() else {
        return Err(err(1, "", CsvProblem::Empty));
    };
    let header =
        Header::parse(header).ok_or_else(|| err(header_line, header, CsvProblem::BadHeader))?;
    if header.timestamps && block_time_secs == 0 {
        return Err(err(
            header_line,
            text_of(text, header_line),
            CsvProblem::ZeroBlockTime,
        ));
    }

    let mut builder = Builder::new(known_feeds);
    let mut previous_key: Option<u64> = None;
    let mut ts0 = None;
    for (line, row) in lines {
        let at = |problem| err(line, row, problem);
        let fields: Vec<&str> = row.split(',').map(str::trim).collect();
        if fields.len() != header.columns {
            return Err(at(CsvProblem::Columns {
                expected: header.columns,
                found: fields.len(),
            }));
        }
        let column = if header.timestamps {
            "timestamp"
        } else {
            "block"
        };
        let key: u64 = fields[0].parse().map_err(|_| {
            at(CsvProblem::BadNumber {
                column,
                value: fields[0].into(),
                kind: "whole number",
            })
        })?;
        if let Some(previous) = previous_key
            && key < previous
        {
            return Err(at(CsvProblem::NotIncreasing {
                column,
                value: key,
                previous,
            }));
        }
        previous_key = Some(key);
        let block = if header.timestamps {
            let ts0 = *ts0.get_or_insert(key);
            1 + (key - ts0) / block_time_secs
        } else if key == 0 {
            return Err(at(CsvProblem::BlockZero));
        } else {
            key
        };

        let update = match (fields[1], fields[2]) {
            ("", "") => None,
            ("", _) | (_, "") => return Err(at(CsvProblem::HalfRow)),
            (feed, price) => {
                let index = known_feeds.iter().position(|f| f == feed).ok_or_else(|| {
                    at(CsvProblem::UnknownFeed {
                        feed: feed.into(),
                        known: known(known_feeds),
                    })
                })?;
                Some((index, positive(price, "price").map_err(at)?))
            }
        };
        let gas = match fields.get(3) {
            Some(g) if !g.is_empty() => Some(positive(g, "gas_multiplier").map_err(at)?),
            _ => None,
        };
        builder.row(block, line, update, gas).map_err(at)?;
    }
    let steps = builder.finish();
    if steps.is_empty() {
        return Err(err(
            header_line,
            text_of(text, header_line),
            CsvProblem::NoRows,
        ));
    }
    Ok(PricePath {
        name: name.to_owned(),
        feeds: known_feeds.to_vec(),
        steps,
    })
}

/// The header's shape.
struct Header {
    /// `timestamp` rather than `block` in the first column.
    timestamps: bool,
    /// 3, or 4 with a gas multiplier.
    columns: usize,
}

impl Header {
    fn parse(line: &str) -> Option<Self> {
        let names: Vec<String> = line
            .split(',')
            .map(|f| f.trim().to_ascii_lowercase())
            .collect();
        let timestamps = match names.first()?.as_str() {
            "block" => false,
            "timestamp" => true,
            _ => return None,
        };
        let rest: Vec<&str> = names[1..].iter().map(String::as_str).collect();
        match rest.as_slice() {
            ["feed", "price"] | ["feed", "price", "gas_multiplier"] => Some(Self {
                timestamps,
                columns: names.len(),
            }),
            _ => None,
        }
    }
}

/// Collects rows into steps, one per block.
struct Builder<'a> {
    feeds: &'a [String],
    steps: Vec<PathStep>,
    /// The line each feed of the current step was priced on, for the duplicate message.
    lines: Vec<usize>,
    /// The current step's gas multiplier, if a row gave one.
    gas: Option<f64>,
}

impl<'a> Builder<'a> {
    fn new(feeds: &'a [String]) -> Self {
        Self {
            feeds,
            steps: Vec::new(),
            lines: vec![0; feeds.len()],
            gas: None,
        }
    }

    fn row(
        &mut self,
        block: u64,
        line: usize,
        update: Option<(usize, f64)>,
        gas: Option<f64>,
    ) -> Result<(), CsvProblem> {
        if self.steps.last().is_none_or(|s| s.block != block) {
            self.close_step();
            self.steps.push(PathStep {
                block,
                prices: vec![None; self.feeds.len()],
                gas_multiplier: 1.0,
                market: Vec::new(),
            });
            self.lines.fill(0);
        }
        let step = self.steps.last_mut().expect("a step was just pushed");
        if let Some((index, price)) = update {
            if step.prices[index].is_some() {
                return Err(CsvProblem::DuplicateFeed {
                    feed: self.feeds[index].clone(),
                    block,
                    first_line: self.lines[index],
                });
            }
            step.prices[index] = Some(price);
            self.lines[index] = line;
        }
        if let Some(value) = gas {
            match self.gas {
                Some(previous) if previous != value => {
                    return Err(CsvProblem::GasConflict {
                        block,
                        value,
                        previous,
                    });
                }
                _ => self.gas = Some(value),
            }
        }
        Ok(())
    }

    /// Writes the gas multiplier a row of the step gave (rows without one leave it at 1.0).
    fn close_step(&mut self) {
        if let (Some(step), Some(gas)) = (self.steps.last_mut(), self.gas.take()) {
            step.gas_multiplier = gas;
        }
    }

    fn finish(mut self) -> Vec<PathStep> {
        self.close_step();
        self.steps
    }
}

/// Parses a field that must be a finite number > 0.
fn positive(field: &str, column: &'static str) -> Result<f64, CsvProblem> {
    let value: f64 = field.parse().map_err(|_| CsvProblem::BadNumber {
        column,
        value: field.into(),
        kind: "number",
    })?;
    if value.is_finite() && value > 0.0 {
        Ok(value)
    } else if column == "price" {
        Err(CsvProblem::BadPrice { value })
    } else {
        Err(CsvProblem::BadGas { value })
    }
}

/// The known feeds for a message.
pub(crate) fn known(feeds: &[String]) -> String {
    if feeds.is_empty() {
        "none".into()
    } else {
        feeds.join(", ")
    }
}

/// Line `n` (1-based) of `text`, trimmed.
fn text_of(text: &str, n: usize) -> &str {
    text.lines().nth(n - 1).unwrap_or("").trim()
}

/// Keeps an error message one readable line even for a pathological row.
fn shorten(text: &str) -> String {
    const MAX: usize = 120;
    match text.char_indices().nth(MAX) {
        Some((cut, _)) => format!("{}…", &text[..cut]),
        None => text.to_owned(),
    }
}
