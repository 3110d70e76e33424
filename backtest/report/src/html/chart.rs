//! Shared chart machinery: rendering plotters drawings to inline SVG strings, ranges, colours, a legend panel
//! beside the plot (so it never hides data), and the line chart most plots are.

use super::escape::escape;
use plotters::coord::Shift;
use plotters::coord::types::RangedCoordf64;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};
use std::ops::Range;

/// A drawing area on the SVG backend.
pub(super) type Area<'a> = DrawingArea<SVGBackend<'a>, Shift>;
/// What drawing code returns; any plotters error ends the plot (never the report).
pub(super) type Drawn = Result<(), Box<dyn std::error::Error>>;

/// Plot area size in pixels, without the legend panel.
pub(super) const PLOT_W: u32 = 640;
pub(super) const PLOT_H: u32 = 360;
/// Most points drawn per series: longer series are sampled evenly (first and last step kept), which keeps the
/// page small for long paths without changing the picture at this width.
pub(super) const MAX_POINTS: usize = 600;
const FONT: &str = "sans-serif";
const LEGEND_ROW: u32 = 18;

/// Tableau 10: distinct, colour-blind-friendly line colours.
const PALETTE: [RGBColor; 10] = [
    RGBColor(0x4e, 0x79, 0xa7),
    RGBColor(0xf2, 0x8e, 0x2b),
    RGBColor(0xe1, 0x57, 0x59),
    RGBColor(0x76, 0xb7, 0xb2),
    RGBColor(0x59, 0xa1, 0x4f),
    RGBColor(0xed, 0xc9, 0x48),
    RGBColor(0xb0, 0x7a, 0xa1),
    RGBColor(0xff, 0x9d, 0xa7),
    RGBColor(0x9c, 0x75, 0x5f),
    RGBColor(0xba, 0xb0, 0xac),
];

/// The `i`-th line colour (cycling).
pub(super) fn color(i: usize) -> RGBColor {
    PALETTE[i % PALETTE.len()]
}

/// Runs `draw` on a white `width` x `height` SVG and returns the `<svg>` element for inline use (without the
/// `xmlns` attribute, which HTML does not need, so the page names no URL). A plotters error gives a short
/// escaped message instead of a plot.
pub(super) fn render(width: u32, height: u32, draw: impl FnOnce(&Area<'_>) -> Drawn) -> String {
    let mut svg = String::new();
    let outcome = (|| -> Drawn {
        let root = SVGBackend::with_string(&mut svg, (width, height)).into_drawing_area();
        root.fill(&WHITE)?;
        draw(&root)?;
        root.present()?;
        Ok(())
    })();
    match outcome {
        Ok(()) => svg.replacen(r#" xmlns="http://www.w3.org/2000/svg""#, "", 1),
        Err(e) => format!(
            "<p class=\"error\">plot failed: {}</p>",
            escape(&e.to_string())
        ),
    }
}

/// `<figure>` with an escaped caption above the SVG.
pub(super) fn figure(caption: &str, svg: &str) -> String {
    format!(
        "<figure><figcaption>{}</figcaption>\n{svg}</figure>\n",
        escape(caption)
    )
}

/// Finite range covering `values`, 5% padded if `pad`; never empty (a single value gets a margin around it,
/// no values give 0..1), since plotters cannot lay out an empty range.
pub(super) fn span(values: impl IntoIterator<Item = f64>, pad: bool) -> Range<f64> {
    let (lo, hi) = values
        .into_iter()
        .filter(|v| v.is_finite())
        .fold((f64::INFINITY, f64::NEG_INFINITY), |(lo, hi), v| {
            (lo.min(v), hi.max(v))
        });
    if lo > hi {
        return 0.0..1.0;
    }
    if lo == hi {
        let d = if lo == 0.0 { 1.0 } else { lo.abs() * 0.1 };
        return lo - d..hi + d;
    }
    let d = if pad { (hi - lo) * 0.05 } else { 0.0 };
    lo - d..hi + d
}

/// Indices of at most about `max` evenly spaced elements of `0..len`, always with the first and last.
pub(super) fn sample(len: usize, max: usize) -> Vec<usize> {
    let stride = len.div_ceil(max.max(1)).max(1);
    let mut idx: Vec<usize> = (0..len).step_by(stride).collect();
    if len > 0 && idx.last() != Some(&(len - 1)) {
        idx.push(len - 1);
    }
    idx
}

/// Tick labels for an axis over `r`: large magnitudes scaled with a k/M/B suffix, and as many decimals as the
/// tick spacing (about an eighth of the span) needs, so neighbouring ticks never print the same.
pub(super) fn ticks(r: &Range<f64>) -> impl Fn(&f64) -> String + use<> {
    let magnitude = r.start.abs().max(r.end.abs());
    let (div, suffix) = if magnitude >= 1e9 {
        (1e9, "B")
    } else if magnitude >= 1e6 {
        (1e6, "M")
    } else if magnitude >= 1e4 {
        (1e3, "k")
    } else {
        (1.0, "")
    };
    let spacing = (r.end - r.start) / div / 8.0;
    // 0 decimals for a spacing of 1 or more, 1 for 0.1.., and so on; at most 9.
    let decimals = if spacing >= 1.0 || spacing <= 0.0 {
        0
    } else {
        (-spacing.log10()).ceil().min(9.0) as usize
    };
    move |v: &f64| {
        let s = format!("{:.*}", decimals, v / div);
        // Zero as plain "0", never "-0", "0.00" or "0k".
        if s.bytes().all(|b| matches!(b, b'-' | b'0' | b'.')) {
            "0".into()
        } else {
            format!("{s}{suffix}")
        }
    }
}

/// Width of a legend panel for these labels (a rough 7 px per character: plotters' SVG font size is the
/// given size / 1.24, so 15 gives 12 px).
pub(super) fn legend_width(labels: impl IntoIterator<Item = usize>) -> u32 {
    let chars = labels.into_iter().max().unwrap_or(0) as u32;
    (chars * 7 + 40).clamp(100, 420)
}

/// Chart height that fits `entries` legend rows.
pub(super) fn height_for(entries: usize) -> u32 {
    PLOT_H.max(30 + LEGEND_ROW * entries as u32)
}

/// Draws a legend (colour swatch and label per entry) down `area`.
pub(super) fn legend(area: &Area<'_>, entries: &[(String, RGBColor)]) -> Drawn {
    let style = TextStyle::from((FONT, 15).into_font()).pos(Pos::new(HPos::Left, VPos::Center));
    for (i, (label, c)) in entries.iter().enumerate() {
        let y = 24 + (i as u32 * LEGEND_ROW) as i32;
        area.draw(&Rectangle::new([(6, y - 5), (18, y + 5)], c.filled()))?;
        area.draw(&Text::new(label.clone(), (24, y), style.clone()))?;
    }
    Ok(())
}

/// A chart with f64 axes on the SVG backend.
pub(super) type Chart<'a, 'b> =
    ChartContext<'a, SVGBackend<'b>, Cartesian2d<RangedCoordf64, RangedCoordf64>>;

/// A cartesian chart on `area` over the given ranges, with a light grid, axis descriptions and short ticks.
pub(super) fn axes<'a, 'b>(
    area: &'a Area<'b>,
    x: Range<f64>,
    y: Range<f64>,
    x_desc: &str,
    y_desc: &str,
) -> Result<Chart<'a, 'b>, Box<dyn std::error::Error>> {
    let (fx, fy) = (ticks(&x), ticks(&y));
    let mut chart = ChartBuilder::on(area)
        .margin(12)
        .x_label_area_size(44)
        .y_label_area_size(72)
        .build_cartesian_2d(x, y)?;
    chart
        .configure_mesh()
        .x_desc(x_desc)
        .y_desc(y_desc)
        .label_style((FONT, 15))
        .axis_desc_style((FONT, 16))
        .light_line_style(RGBColor(0xee, 0xee, 0xee))
        .x_labels(8)
        .y_labels(6)
        .x_label_formatter(&fx)
        .y_label_formatter(&fy)
        .draw()?;
    Ok(chart)
}

/// One line of a line chart.
pub(super) struct Line {
    /// Legend label.
    pub(super) label: String,
    /// (x, y) points in x order.
    pub(super) points: Vec<(f64, f64)>,
}

/// A line chart of `lines` with a legend beside it; `markers` adds a dot at every point (for sparse data such
/// as parameter sweeps).
pub(super) fn line_chart(x_desc: &str, y_desc: &str, lines: &[Line], markers: bool) -> String {
    let entries: Vec<(String, RGBColor)> = lines
        .iter()
        .enumerate()
        .map(|(i, l)| (l.label.clone(), color(i)))
        .collect();
    let legend_w = legend_width(entries.iter().map(|(l, _)| l.chars().count()));
    render(PLOT_W + legend_w, height_for(entries.len()), |root| {
        let (plot, side) = root.split_horizontally(PLOT_W);
        let x = span(
            lines.iter().flat_map(|l| l.points.iter().map(|p| p.0)),
            false,
        );
        let y = span(
            lines.iter().flat_map(|l| l.points.iter().map(|p| p.1)),
            true,
        );
        let mut chart = axes(&plot, x, y, x_desc, y_desc)?;
        for (i, line) in lines.iter().enumerate() {
            let c = color(i);
            chart.draw_series(LineSeries::new(
                line.points.iter().copied(),
                c.stroke_width(2),
            ))?;
            if markers {
                chart.draw_series(line.points.iter().map(|p| Circle::new(*p, 3, c.filled())))?;
            }
        }
        legend(&side, &entries)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn span_is_never_empty() {
        assert_eq!(span([], true), 0.0..1.0);
        assert_eq!(span([5.0, 5.0], true), 4.5..5.5);
        assert_eq!(span([0.0], false), -1.0..1.0);
        assert_eq!(span([0.0, 10.0, f64::NAN], false), 0.0..10.0);
    }

    #[test]
    fn sample_keeps_ends() {
        assert_eq!(sample(5, 600), [0, 1, 2, 3, 4]);
        assert_eq!(sample(10, 3), [0, 4, 8, 9]);
        assert!(sample(0, 10).is_empty());
    }

    #[test]
    fn ticks_are_short_and_distinct() {
        let t = ticks(&(0.0..100.0));
        assert_eq!(
            (t(&0.0), t(&37.5), t(&-0.2)),
            ("0".into(), "38".into(), "0".into())
        );
        let t = ticks(&(0.9985..1.0));
        assert_eq!(
            (t(&0.999), t(&0.9995), t(&1.0)),
            ("0.9990".into(), "0.9995".into(), "1.0000".into())
        );
        let t = ticks(&(-30_000.0..50_000.0));
        assert_eq!((t(&-25_000.0), t(&-0.1)), ("-25k".into(), "0".into()));
        let t = ticks(&(0.0..4_000_000.0));
        assert_eq!(t(&3_200_000.0), "3.2M");
    }

    #[test]
    fn line_chart_renders_text_without_fonts() {
        let svg = line_chart(
            "step",
            "USD <price>",
            &[Line {
                label: "a & b".into(),
                points: vec![(0.0, 1.0), (1.0, 2.0)],
            }],
            true,
        );
        assert!(svg.starts_with("<svg"), "{svg}");
        assert!(svg.contains("<text"));
        assert!(svg.contains("a &amp; b"));
        assert!(svg.contains("USD &lt;price&gt;"));
        assert!(!svg.contains("http"));
    }
}
