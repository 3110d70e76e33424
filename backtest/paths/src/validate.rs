//! Refusing impossible specs: each problem becomes one [`PathError`] naming the spec, the component and the
//! parameter, before any draw is made.

use crate::components::correlated::cholesky;
use crate::csv::known;
use crate::error::{PathError, Result};
use crate::path::first_duplicate;
use crate::spec::{Component, MAX_JUMPS_PER_STEP, MAX_STEPS, PathSpec};

impl PathSpec {
    /// Checks the spec against the deployment's `feeds`: step count and block time, every parameter finite
    /// and in range, every feed name known, every window inside the path, every correlation matrix usable.
    pub fn validate(&self, feeds: &[String]) -> Result<()> {
        let spec = Check {
            at: self.name.clone(),
            feeds,
            steps: self.steps,
        };
        if self.steps == 0 || self.steps > MAX_STEPS {
            return spec.bad("steps", self.steps, format!("must be in 1..={MAX_STEPS}"));
        }
        if self.block_time_secs == 0 {
            return spec.bad("block_time_secs", 0, "must be at least 1");
        }
        if feeds.is_empty() {
            return spec.bad("feeds", "[]", "must name at least one feed");
        }
        if let Some(dup) = first_duplicate(feeds) {
            return spec.bad(
                "feeds",
                format!("[{}]", feeds.join(", ")),
                format!("must not list `{dup}` twice"),
            );
        }
        for (i, component) in self.components.iter().enumerate() {
            let check = Check {
                at: format!("{}: components[{i}] ({})", self.name, component.kind()),
                ..spec
            };
            check.component(component, self.dt())?;
        }
        Ok(())
    }
}

/// Start prices: one per feed, each finite and > 0.
pub(crate) fn check_start(name: &str, feeds: &[String], start: &[f64]) -> Result<()> {
    let check = Check {
        at: format!("{name}: start prices"),
        feeds,
        steps: 0,
    };
    if start.len() != feeds.len() {
        return check.bad(
            "len",
            start.len(),
            format!("must be one per feed ({})", feeds.len()),
        );
    }
    for (feed, &price) in feeds.iter().zip(start) {
        check.positive(feed, price)?;
    }
    Ok(())
}

/// The indices of a component's feeds (empty: all).
pub(crate) fn resolve(selected: &[String], feeds: &[String]) -> Vec<usize> {
    if selected.is_empty() {
        return (0..feeds.len()).collect();
    }
    selected
        .iter()
        .filter_map(|s| feeds.iter().position(|f| f == s))
        .collect()
}

/// Where a check happens and what it checks against.
#[derive(Clone)]
struct Check<'a> {
    at: String,
    feeds: &'a [String],
    steps: u64,
}

impl Check<'_> {
    fn component(&self, component: &Component, dt: f64) -> Result<()> {
        match component {
            Component::Gbm {
                feeds,
                drift,
                volatility,
            } => {
                self.feed_list(feeds)?;
                self.finite("drift", *drift)?;
                self.non_negative("volatility", *volatility)
            }
            Component::CorrelatedGbm {
                feeds,
                drifts,
                volatilities,
                correlation,
            } => {
                let n = self.feed_list(feeds)?;
                self.one_per_feed("drifts", drifts, n)?;
                self.one_per_feed("volatilities", volatilities, n)?;
                for d in drifts {
                    self.finite("drifts", *d)?;
                }
                for v in volatilities {
                    self.non_negative("volatilities", *v)?;
                }
                if correlation.len() != n {
                    let problem = format!("has {} rows for {n} feeds", correlation.len());
                    return Err(PathError::Correlation {
                        at: self.at.clone(),
                        problem,
                    });
                }
                cholesky(correlation)
                    .map(drop)
                    .map_err(|problem| PathError::Correlation {
                        at: self.at.clone(),
                        problem,
                    })
            }
            Component::JumpDiffusion {
                feeds,
                drift,
                volatility,
                jump_intensity,
                jump_mean,
                jump_std,
            } => {
                self.feed_list(feeds)?;
                self.finite("drift", *drift)?;
                self.non_negative("volatility", *volatility)?;
                self.non_negative("jump_intensity", *jump_intensity)?;
                self.finite("jump_mean", *jump_mean)?;
                self.non_negative("jump_std", *jump_std)?;
                if jump_intensity * dt > MAX_JUMPS_PER_STEP {
                    let expected = format!(
                        "expects {} jumps per step; at most {MAX_JUMPS_PER_STEP}",
                        jump_intensity * dt
                    );
                    return self.bad("jump_intensity", jump_intensity, expected);
                }
                // The drift compensator E[e^J] - 1 must exist as an f64.
                if !(jump_mean + jump_std * jump_std / 2.0).exp().is_finite() {
                    return self.bad(
                        "jump_mean",
                        jump_mean,
                        "with jump_std makes the mean jump size overflow",
                    );
                }
                Ok(())
            }
            Component::BrownianBridge {
                feeds,
                target,
                volatility,
            } => {
                self.feed_list(feeds)?;
                self.positive("target", *target)?;
                self.non_negative("volatility", *volatility)
            }
            Component::Crash {
                feeds,
                drop_pct,
                start,
                over,
            } => {
                self.feed_list(feeds)?;
                self.percent("drop_pct", *drop_pct)?;
                self.at_least_one("over", *over)?;
                self.window(*start, *over)
            }
            Component::Depeg {
                feed,
                depth_pct,
                start,
                over,
                recover,
            } => {
                self.feed(feed)?;
                self.percent("depth_pct", *depth_pct)?;
                self.at_least_one("over", *over)?;
                self.window(*start, over.saturating_add(*recover))
            }
            Component::Freeze { feed, start, steps } => {
                self.feed(feed)?;
                self.at_least_one("steps", *steps)?;
                self.window(*start, *steps)
            }
            Component::GasSpike {
                multiplier,
                start,
                steps,
            } => {
                if !(multiplier.is_finite() && *multiplier >= 1.0) {
                    return self.bad("multiplier", multiplier, "must be a finite number >= 1");
                }
                self.at_least_one("steps", *steps)?;
                self.window(*start, *steps)
            }
        }
    }

    fn bad<T>(
        &self,
        name: &str,
        value: impl std::fmt::Display,
        expected: impl Into<String>,
    ) -> Result<T> {
        Err(PathError::Parameter {
            at: self.at.clone(),
            name: name.into(),
            value: value.to_string(),
            expected: expected.into(),
        })
    }

    fn finite(&self, name: &str, value: f64) -> Result<()> {
        if value.is_finite() {
            Ok(())
        } else {
            self.bad(name, value, "must be a finite number")
        }
    }

    fn non_negative(&self, name: &str, value: f64) -> Result<()> {
        if value.is_finite() && value >= 0.0 {
            Ok(())
        } else {
            self.bad(name, value, "must be a finite number >= 0")
        }
    }

    fn positive(&self, name: &str, value: f64) -> Result<()> {
        if value.is_finite() && value > 0.0 {
            Ok(())
        } else {
            self.bad(name, value, "must be a finite number > 0")
        }
    }

    fn percent(&self, name: &str, value: f64) -> Result<()> {
        if value > 0.0 && value < 100.0 {
            Ok(())
        } else {
            self.bad(name, value, "must be in (0, 100)")
        }
    }

    fn at_least_one(&self, name: &str, value: u64) -> Result<()> {
        if value >= 1 {
            Ok(())
        } else {
            self.bad(name, value, "must be at least 1")
        }
    }

    fn one_per_feed(&self, name: &str, values: &[f64], n: usize) -> Result<()> {
        if values.len() == n {
            Ok(())
        } else {
            self.bad(
                name,
                format!("{values:?}"),
                format!("must have one entry per feed ({n})"),
            )
        }
    }

    /// A window of `len` steps from `start` must end by the path's last step.
    fn window(&self, start: u64, len: u64) -> Result<()> {
        let end = start.saturating_add(len);
        if end <= self.steps {
            Ok(())
        } else {
            Err(PathError::Window {
                at: self.at.clone(),
                start,
                end,
                steps: self.steps,
            })
        }
    }

    fn feed(&self, name: &str) -> Result<()> {
        if self.feeds.iter().any(|f| f == name) {
            Ok(())
        } else {
            Err(PathError::UnknownFeed {
                at: self.at.clone(),
                feed: name.into(),
                known: known(self.feeds),
            })
        }
    }

    /// A component's feed list: each known, none twice. Returns how many feeds it moves.
    fn feed_list(&self, selected: &[String]) -> Result<usize> {
        for name in selected {
            self.feed(name)?;
        }
        if let Some(dup) = first_duplicate(selected) {
            return self.bad(
                "feeds",
                format!("[{}]", selected.join(", ")),
                format!("must not list `{dup}` twice"),
            );
        }
        Ok(if selected.is_empty() {
            self.feeds.len()
        } else {
            selected.len()
        })
    }
}

#[cfg(test)]
mod tests;
