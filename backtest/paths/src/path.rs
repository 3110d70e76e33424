//! The path itself: what the CSV reader and the generators both produce and the engine replays.

use serde::{Deserialize, Serialize};

use crate::error::{PathError, Result};

/// A price path: one entry per simulated step.
///
/// The deployment's on-chain prices are the state before the path (block 0); step 0 is the first move.
/// [`to_csv`](Self::to_csv) saves a path bit for bit; JSON through serde_json does only with its
/// `float_roundtrip` feature (without it a price may come back an ulp off).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PricePath {
    /// A name for reports: the scenario's (`crash-40%-over-20`) or the CSV's file name.
    pub name: String,
    /// Feed names (asset symbols priced in USD, e.g. `WETH`, `WBTC`, `USDC`), in the order of every
    /// step's `prices`.
    pub feeds: Vec<String>,
    /// The steps, in block order.
    pub steps: Vec<PathStep>,
}

/// One step of a [`PricePath`].
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PathStep {
    /// Block offset from the start (≥ 1; block 0 is the start state), strictly increasing along the path.
    pub block: u64,
    /// USD price per feed, in the order of [`PricePath::feeds`]. `None`: the feed is not updated this step
    /// (a stale or frozen oracle keeps its last answer and its `updatedAt`).
    pub prices: Vec<Option<f64>>,
    /// Base-fee multiplier for this step (1.0 normally; a gas spike raises it).
    pub gas_multiplier: f64,
    /// The market's price per feed where the oracle does not publish it (a frozen oracle): what the pools
    /// and valuations follow while the feed is stale. Empty, or `None` for a feed: the oracle's price (or,
    /// unpublished, the last one). Generated paths set it; a CSV holds oracle answers only.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub market: Vec<Option<f64>>,
}

impl PathStep {
    /// The market price of feed `f` this step, when the path says it (`None`: carry the last one forward).
    pub fn market_price(&self, f: usize) -> Option<f64> {
        self.market.get(f).copied().flatten().or(self.prices[f])
    }
}

impl PricePath {
    /// The position of `feed` in [`feeds`](Self::feeds).
    pub fn feed_index(&self, feed: &str) -> Option<usize> {
        self.feeds.iter().position(|f| f == feed)
    }

    /// One feed's updates along the path (`None` where it is not updated).
    pub fn series(&self, feed: &str) -> Option<Vec<Option<f64>>> {
        let i = self.feed_index(feed)?;
        Some(self.steps.iter().map(|s| s.prices[i]).collect())
    }

    /// Checks the invariants the readers and generators guarantee, for a path that came from elsewhere (JSON,
    /// a hand-built test fixture): unique feeds, at least one step, blocks ≥ 1 and strictly increasing, one
    /// price slot per feed, prices finite and > 0, gas multipliers finite and > 0.
    pub fn validate(&self) -> Result<()> {
        let bad = |problem: String| {
            Err(PathError::InvalidPath {
                name: self.name.clone(),
                problem,
            })
        };
        if let Some(dup) = first_duplicate(&self.feeds) {
            return bad(format!("feed `{dup}` is listed twice"));
        }
        if self.steps.is_empty() {
            return bad("no steps".into());
        }
        let mut previous = 0;
        for (i, step) in self.steps.iter().enumerate() {
            if step.block <= previous {
                return bad(format!(
                    "step {i} is at block {} after block {previous}: blocks start at 1 and increase",
                    step.block
                ));
            }
            previous = step.block;
            if step.prices.len() != self.feeds.len() {
                return bad(format!(
                    "step {i} has {} prices for {} feeds",
                    step.prices.len(),
                    self.feeds.len()
                ));
            }
            for (feed, price) in self.feeds.iter().zip(&step.prices) {
                if let Some(p) = price
                    && !(p.is_finite() && *p > 0.0)
                {
                    return bad(format!(
                        "step {i}: {feed} price {p} must be a finite number > 0"
                    ));
                }
            }
            if !(step.gas_multiplier.is_finite() && step.gas_multiplier > 0.0) {
                return bad(format!(
                    "step {i}: gas_multiplier {} must be a finite number > 0",
                    step.gas_multiplier
                ));
            }
            if !step.market.is_empty() && step.market.len() != self.feeds.len() {
                return bad(format!(
                    "step {i}: {} market prices for {} feeds",
                    step.market.len(),
                    self.feeds.len()
                ));
            }
            if let Some(p) = step
                .market
                .iter()
                .flatten()
                .find(|p| !(p.is_finite() && **p > 0.0))
            {
                return bad(format!(
                    "step {i}: market price {p} must be a finite number > 0"
                ));
            }
        }
        Ok(())
    }
}

/// The first name that appears twice, if any.
pub(crate) fn first_duplicate(names: &[String]) -> Option<&str> {
    names
        .iter()
        .enumerate()
        .find(|(i, n)| names[..*i].contains(n))
        .map(|(_, n)| n.as_str())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn path() -> PricePath {
        PricePath {
            name: "t".into(),
            feeds: vec!["WETH".into(), "USDC".into()],
            steps: vec![
                PathStep {
                    block: 1,
                    prices: vec![Some(3000.0), None],
                    gas_multiplier: 1.0,
                    market: Vec::new(),
                },
                PathStep {
                    block: 3,
                    prices: vec![None, Some(1.0)],
                    gas_multiplier: 2.0,
                    market: Vec::new(),
                },
            ],
        }
    }

    #[test]
    fn validate_accepts_a_good_path_and_names_each_broken_invariant() {
        assert!(path().validate().is_ok());
        type Break = fn(&mut PricePath);
        let cases: [(Break, &str); 6] = [
            (|p| p.feeds[1] = "WETH".into(), "listed twice"),
            (|p| p.steps.clear(), "no steps"),
            (
                |p| p.steps[1].block = 1,
                "step 1 is at block 1 after block 1",
            ),
            (
                |p| p.steps[0].prices.truncate(1),
                "step 0 has 1 prices for 2 feeds",
            ),
            (
                |p| p.steps[1].prices[1] = Some(f64::NAN),
                "step 1: USDC price NaN",
            ),
            (
                |p| p.steps[0].gas_multiplier = 0.0,
                "step 0: gas_multiplier 0",
            ),
        ];
        for (break_it, expected) in cases {
            let mut p = path();
            break_it(&mut p);
            let message = p.validate().unwrap_err().to_string();
            assert!(
                message.contains(expected),
                "{message:?} should contain {expected:?}"
            );
        }
    }

    #[test]
    fn series_reads_one_feed() {
        assert_eq!(path().series("USDC"), Some(vec![None, Some(1.0)]));
        assert_eq!(path().series("WBTC"), None);
    }
}
