//! The summary metrics every report shows, with their units: one list, so the terminal table, the HTML table
//! and `compare` agree on names, order and formatting.

use crate::summary::GroupSummary;

/// How a metric's value is printed.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Unit {
    /// Whole number (run counts).
    Int,
    /// Mean of counts, two decimals.
    Count,
    /// USD, two decimals.
    Usd,
    /// Fraction 0..=1 shown as a percentage.
    Rate,
    /// Blocks (nearest-rank percentiles are whole blocks).
    Blocks,
    /// ETH, six decimals (gas).
    Eth,
}

impl Unit {
    pub(crate) fn format(self, v: f64) -> String {
        match self {
            Self::Int | Self::Blocks => format!("{v:.0}"),
            Self::Count | Self::Usd => format!("{v:.2}"),
            Self::Rate => format!("{:.1}%", v * 100.0),
            Self::Eth => format!("{v:.6}"),
        }
    }

    /// A signed change, in the same unit (a rate's change is in percentage points).
    pub(crate) fn format_change(self, d: f64) -> String {
        let s = match self {
            Self::Rate => format!("{:.1}pp", d * 100.0),
            other => other.format(d),
        };
        if d > 0.0 { format!("+{s}") } else { s }
    }
}

/// One metric of a [`GroupSummary`].
pub(crate) struct Column {
    /// Short header, with its unit where it has one.
    pub(crate) name: &'static str,
    pub(crate) unit: Unit,
    pub(crate) get: fn(&GroupSummary) -> f64,
}

/// Every metric of a [`GroupSummary`], in report order.
pub(crate) const COLUMNS: &[Column] = &[
    Column {
        name: "runs",
        unit: Unit::Int,
        get: |s| s.runs as f64,
    },
    Column {
        name: "pnl mean $",
        unit: Unit::Usd,
        get: |s| s.pnl_usd_mean,
    },
    Column {
        name: "pnl p5 $",
        unit: Unit::Usd,
        get: |s| s.pnl_usd_p5,
    },
    Column {
        name: "captured",
        unit: Unit::Count,
        get: |s| s.captured_mean,
    },
    Column {
        name: "missed",
        unit: Unit::Count,
        get: |s| s.missed_mean,
    },
    Column {
        name: "capture",
        unit: Unit::Rate,
        get: |s| s.capture_rate,
    },
    Column {
        name: "ttl p50",
        unit: Unit::Blocks,
        get: |s| s.ttl_p50,
    },
    Column {
        name: "ttl p90",
        unit: Unit::Blocks,
        get: |s| s.ttl_p90,
    },
    Column {
        name: "ttl p99",
        unit: Unit::Blocks,
        get: |s| s.ttl_p99,
    },
    Column {
        name: "bad debt $",
        unit: Unit::Usd,
        get: |s| s.bad_debt_mean,
    },
    Column {
        name: "VaR95 $",
        unit: Unit::Usd,
        get: |s| s.var95_bad_debt,
    },
    Column {
        name: "VaR99 $",
        unit: Unit::Usd,
        get: |s| s.var99_bad_debt,
    },
    Column {
        name: "ES99 $",
        unit: Unit::Usd,
        get: |s| s.es99_bad_debt,
    },
    Column {
        name: "LaR95 $",
        unit: Unit::Usd,
        get: |s| s.lar95_volume,
    },
    Column {
        name: "gas ETH",
        unit: Unit::Eth,
        get: |s| s.gas_spent_eth_mean,
    },
    Column {
        name: "reverted",
        unit: Unit::Count,
        get: |s| s.reverted_mean,
    },
    Column {
        name: "borrower loss $",
        unit: Unit::Usd,
        get: |s| s.borrower_loss_usd_mean,
    },
];

/// What the column names mean, for the reports' legends.
pub(crate) const LEGEND: &str = "Means and percentiles are per run over all seeds and paths of a group. \
pnl p5: 5th percentile of PnL. captured: liquidations (a position taken in parts counts each part). capture: positions liquidated / (positions liquidated + positions missed). ttl: blocks from liquidatable to our \
liquidation, over all captures. bad debt = left at the end + realised by liquidations; VaR95/VaR99: its 95th/99th \
percentile; ES99: mean of the runs at or above VaR99. LaR95: 95th percentile of liquidated volume. Percentiles \
are nearest-rank; an empty set gives 0.";

/// Lays out rows under a header in aligned columns two spaces apart, with a dashed rule under the header: the
/// first `left` columns (labels) left-aligned, the rest (numbers) right-aligned.
pub(crate) fn text_table(header: &[&str], rows: &[Vec<String>], left: usize) -> String {
    let mut width: Vec<usize> = header.iter().map(|h| h.chars().count()).collect();
    for row in rows {
        for (w, cell) in width.iter_mut().zip(row) {
            *w = (*w).max(cell.chars().count());
        }
    }
    let line = |cells: &mut dyn Iterator<Item = &str>| {
        let mut out = String::new();
        for (i, (cell, w)) in cells.zip(&width).enumerate() {
            if i > 0 {
                out.push_str("  ");
            }
            let pad = " ".repeat(w - cell.chars().count());
            if i < left {
                out.push_str(cell);
                out.push_str(&pad);
            } else {
                out.push_str(&pad);
                out.push_str(cell);
            }
        }
        out.truncate(out.trim_end().len());
        out.push('\n');
        out
    };
    let mut out = line(&mut header.iter().copied());
    let rule: Vec<String> = width.iter().map(|w| "-".repeat(*w)).collect();
    out.push_str(&line(&mut rule.iter().map(String::as_str)));
    for row in rows {
        out.push_str(&line(&mut row.iter().map(String::as_str)));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn aligns_columns() {
        let t = text_table(
            &["group", "x"],
            &[
                vec!["a".into(), "1.00".into()],
                vec!["longer".into(), "10".into()],
            ],
            1,
        );
        assert_eq!(
            t,
            "group      x\n------  ----\na       1.00\nlonger    10\n"
        );
    }

    #[test]
    fn formats_units() {
        assert_eq!(Unit::Rate.format(0.756), "75.6%");
        assert_eq!(Unit::Rate.format_change(0.1), "+10.0pp");
        assert_eq!(Unit::Usd.format_change(-2.5), "-2.50");
        assert_eq!(Unit::Eth.format(0.00123456), "0.001235");
    }
}
