//! Plot 5: histogram of time to liquidate (blocks from liquidatable to our liquidation), one per strategy, over
//! every capture of all its params, seeds and paths.

use super::chart::{Area, Drawn, PLOT_H, PLOT_W, axes, color, figure, render, span};
use super::escape::escape;
use crate::result::BacktestResult;
use plotters::prelude::*;

/// At most this many bins; below it every block count gets its own bin.
const MAX_BINS: u64 = 40;

pub(super) fn plots(result: &BacktestResult) -> String {
    let mut out = String::new();
    for (i, strategy) in result
        .runs
        .chunk_by(|a, b| a.key.strategy == b.key.strategy)
        .enumerate()
    {
        let name = &strategy[0].key.strategy;
        let ttl: Vec<u64> = strategy
            .iter()
            .flat_map(|r| r.metrics.time_to_liquidate.iter().copied())
            .collect();
        if ttl.is_empty() {
            out.push_str(&format!("<p>{}: no captures.</p>\n", escape(name)));
            continue;
        }
        let caption = format!("Time to liquidate: {name} ({} captures)", ttl.len());
        out.push_str(&figure(&caption, &histogram(&ttl, color(i))));
    }
    out
}

/// Counts per bin of `width` blocks, bins starting at 0.
fn bins(values: &[u64]) -> (u64, Vec<u64>) {
    let max = values.iter().copied().max().unwrap_or(0);
    // The smallest whole-block width that fits 0..=max in MAX_BINS bins.
    let width = (max + 1).div_ceil(MAX_BINS);
    let mut counts = vec![0u64; (max / width + 1) as usize];
    for v in values {
        counts[(v / width) as usize] += 1;
    }
    (width, counts)
}

fn histogram(values: &[u64], c: RGBColor) -> String {
    let (width, counts) = bins(values);
    let w = width as f64;
    render(PLOT_W, PLOT_H, |root: &Area<'_>| -> Drawn {
        let x = 0.0..counts.len() as f64 * w;
        let y = span(counts.iter().map(|n| *n as f64).chain([0.0]), false);
        let y = 0.0..y.end * 1.05;
        let mut chart = axes(root, x, y, "blocks to liquidate", "captures")?;
        chart.draw_series(counts.iter().enumerate().map(|(k, n)| {
            let x0 = k as f64 * w;
            Rectangle::new([(x0, 0.0), (x0 + w, *n as f64)], c.filled())
        }))?;
        Ok(())
    })
}

#[cfg(test)]
mod tests {
    #[test]
    fn bins_cover_all_values() {
        assert_eq!(super::bins(&[0, 1, 1, 3]), (1, vec![1, 2, 0, 1]));
        let (w, counts) = super::bins(&[0, 100, 200]);
        assert_eq!(w, 6);
        assert_eq!(counts.len(), 34);
        assert_eq!(counts.iter().sum::<u64>(), 3);
        assert_eq!(super::bins(&[39]).1.len(), 40);
        let (w, counts) = super::bins(&[40]);
        assert_eq!((w, counts.len()), (2, 21));
    }
}
