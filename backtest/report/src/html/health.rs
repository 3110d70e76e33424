//! Plot 2: how many open borrowing positions sit in each health bucket over time, as a stacked area, for one
//! representative run (the first in key order) of each path.

use super::chart::{
    Area, Drawn, MAX_POINTS, PLOT_W, axes, figure, height_for, legend, legend_width, render,
    sample, span,
};
use super::first_run_per_path;
use crate::model::{HEALTH_BUCKET_COUNT, HEALTH_BUCKETS};
use crate::result::BacktestResult;
use plotters::prelude::*;

/// ColorBrewer RdBu, 10 classes: reds below health 1.0 (liquidatable), blues above.
const BUCKET_COLORS: [RGBColor; HEALTH_BUCKET_COUNT] = [
    RGBColor(0x67, 0x00, 0x1f),
    RGBColor(0xb2, 0x18, 0x2b),
    RGBColor(0xd6, 0x60, 0x4d),
    RGBColor(0xf4, 0xa5, 0x82),
    RGBColor(0xd1, 0xe5, 0xf0),
    RGBColor(0x92, 0xc5, 0xde),
    RGBColor(0x43, 0x93, 0xc3),
    RGBColor(0x21, 0x66, 0xac),
    RGBColor(0x10, 0x4a, 0x8a),
    RGBColor(0x05, 0x30, 0x61),
];

/// Legend label of bucket `i`: `< 0.8`, `0.8 - 0.9`, ..., `>= 2`.
pub(super) fn bucket_label(i: usize) -> String {
    match i {
        0 => format!("health < {}", HEALTH_BUCKETS[0]),
        i if i >= HEALTH_BUCKETS.len() => {
            format!("health >= {}", HEALTH_BUCKETS[HEALTH_BUCKETS.len() - 1])
        }
        i => format!("{} - {}", HEALTH_BUCKETS[i - 1], HEALTH_BUCKETS[i]),
    }
}

pub(super) fn plots(result: &BacktestResult) -> String {
    let mut out = String::new();
    for (path, run) in first_run_per_path(result) {
        let health = &run.metrics.series.health;
        if health.is_empty() {
            continue;
        }
        let caption = format!(
            "Path {path}: open positions by health factor ({})",
            run.key.label()
        );
        out.push_str(&figure(&caption, &stacked(health)));
    }
    out
}

/// Stacked area: band `b` spans the cumulative count of buckets below `b` to that including `b`.
fn stacked(health: &[Vec<u32>]) -> String {
    let steps = sample(health.len(), MAX_POINTS);
    // cumulative[k][b] = positions in buckets < b at sampled step k; a row of the wrong length counts as 0s.
    let cumulative: Vec<[f64; HEALTH_BUCKET_COUNT + 1]> = steps
        .iter()
        .map(|&s| {
            let mut c = [0.0; HEALTH_BUCKET_COUNT + 1];
            for b in 0..HEALTH_BUCKET_COUNT {
                c[b + 1] = c[b] + f64::from(health[s].get(b).copied().unwrap_or(0));
            }
            c
        })
        .collect();
    let entries: Vec<(String, RGBColor)> = (0..HEALTH_BUCKET_COUNT)
        .rev()
        .map(|b| (bucket_label(b), BUCKET_COLORS[b]))
        .collect();
    let legend_w = legend_width(entries.iter().map(|(l, _)| l.len()));
    render(
        PLOT_W + legend_w,
        height_for(entries.len()),
        |root: &Area<'_>| -> Drawn {
            let (plot, side) = root.split_horizontally(PLOT_W);
            let x = span(steps.iter().map(|s| *s as f64), false);
            let y = span(
                cumulative
                    .iter()
                    .map(|c| c[HEALTH_BUCKET_COUNT])
                    .chain([0.0]),
                false,
            );
            let mut chart = axes(&plot, x, y, "step", "open positions")?;
            for b in 0..HEALTH_BUCKET_COUNT {
                let upper = steps
                    .iter()
                    .zip(&cumulative)
                    .map(|(s, c)| (*s as f64, c[b + 1]));
                let lower = steps
                    .iter()
                    .zip(&cumulative)
                    .rev()
                    .map(|(s, c)| (*s as f64, c[b]));
                let band: Vec<(f64, f64)> = upper.chain(lower).collect();
                chart.draw_series(std::iter::once(Polygon::new(
                    band,
                    BUCKET_COLORS[b].filled(),
                )))?;
            }
            legend(&side, &entries)
        },
    )
}

#[cfg(test)]
mod tests {
    #[test]
    fn bucket_labels() {
        assert_eq!(super::bucket_label(0), "health < 0.8");
        assert_eq!(super::bucket_label(3), "0.95 - 1");
        assert_eq!(super::bucket_label(9), "health >= 2");
    }
}
