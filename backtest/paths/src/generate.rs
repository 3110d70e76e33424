//! Turning a [`PathSpec`] into a [`PricePath`]: validate, let each component contribute, check the result.

use crate::components::correlated::{cholesky, correlated_gbm};
use crate::components::diffusion::{Jumps, bridge, gbm, jump_diffusion};
use crate::components::scenario::{crash, depeg};
use crate::error::{PathError, Result};
use crate::path::{PathStep, PricePath};
use crate::rng::{Rng, name_id};
use crate::spec::{Component, PathSpec};
use crate::validate::{check_start, resolve};

/// Generates the path of `spec` for the deployment's `feeds` from their `start` prices (USD, one per feed,
/// each > 0: the on-chain prices at block 0) with an explicit `seed`.
///
/// Step `k` is at block `k + 1`. Components compose in order: price components multiply their per-step
/// multipliers (their log-returns add), `Freeze` masks a feed to `None` over its window, `GasSpike` sets the
/// gas multiplier over its window. Each random component draws from its own stream, derived from
/// `(seed, component index, feed name)` (one stream per component for `CorrelatedGbm`): adding a component,
/// or a feed, leaves the other draws unchanged, and a longer path extends a shorter one's GBM steps.
///
/// Errors: the spec's [`validate`](PathSpec::validate) errors, bad start prices, and a price that leaves
/// (0, ∞) (an overflowing volatility or jump size).
pub fn generate(spec: &PathSpec, feeds: &[String], start: &[f64], seed: u64) -> Result<PricePath> {
    spec.validate(feeds)?;
    check_start(&spec.name, feeds, start)?;
    let n = usize::try_from(spec.steps).expect("validate caps steps");
    let dt = spec.dt();
    // Feed-major: multiplier of the start price, and whether the oracle is frozen, per feed per step.
    let mut factor = vec![vec![1.0; n]; feeds.len()];
    let mut frozen = vec![vec![false; n]; feeds.len()];
    let mut gas = vec![1.0; n];
    let index_of = |feed: &str| {
        feeds
            .iter()
            .position(|f| f == feed)
            .expect("validate checks feed names")
    };
    let window = |start: u64, len: u64| start as usize..(start + len) as usize;

    for (i, component) in spec.components.iter().enumerate() {
        let id = i as u64;
        let stream = |f: usize| Rng::stream(seed, &[id, name_id(&feeds[f])]);
        match component {
            Component::Gbm {
                feeds: selected,
                drift,
                volatility,
            } => {
                for f in resolve(selected, feeds) {
                    apply(
                        &mut factor[f],
                        &gbm(&mut stream(f), n, dt, *drift, *volatility),
                    );
                }
            }
            Component::CorrelatedGbm {
                feeds: selected,
                drifts,
                volatilities,
                correlation,
            } => {
                let l = cholesky(correlation).expect("validate factors the matrix");
                let moves = correlated_gbm(
                    &mut Rng::stream(seed, &[id]),
                    n,
                    dt,
                    drifts,
                    volatilities,
                    &l,
                );
                for (f, m) in resolve(selected, feeds).into_iter().zip(moves) {
                    apply(&mut factor[f], &m);
                }
            }
            Component::JumpDiffusion {
                feeds: selected,
                drift,
                volatility,
                jump_intensity,
                jump_mean,
                jump_std,
            } => {
                let p = Jumps {
                    drift: *drift,
                    volatility: *volatility,
                    intensity: *jump_intensity,
                    mean: *jump_mean,
                    std: *jump_std,
                };
                for f in resolve(selected, feeds) {
                    apply(&mut factor[f], &jump_diffusion(&mut stream(f), n, dt, &p));
                }
            }
            Component::BrownianBridge {
                feeds: selected,
                target,
                volatility,
            } => {
                for f in resolve(selected, feeds) {
                    apply(
                        &mut factor[f],
                        &bridge(&mut stream(f), n, dt, *target, *volatility),
                    );
                }
            }
            Component::Crash {
                feeds: selected,
                drop_pct,
                start,
                over,
            } => {
                let m = crash(n, *drop_pct, *start as usize, *over as usize);
                for f in resolve(selected, feeds) {
                    apply(&mut factor[f], &m);
                }
            }
            Component::Depeg {
                feed,
                depth_pct,
                start,
                over,
                recover,
            } => {
                let m = depeg(
                    n,
                    *depth_pct,
                    *start as usize,
                    *over as usize,
                    *recover as usize,
                );
                apply(&mut factor[index_of(feed)], &m);
            }
            Component::Freeze { feed, start, steps } => {
                frozen[index_of(feed)][window(*start, *steps)].fill(true)
            }
            Component::GasSpike {
                multiplier,
                start,
                steps,
            } => gas[window(*start, *steps)].fill(*multiplier),
        }
    }

    let mut steps = Vec::with_capacity(n);
    for (k, gas_multiplier) in gas.into_iter().enumerate() {
        let mut prices = Vec::with_capacity(feeds.len());
        let mut market = Vec::with_capacity(feeds.len());
        for (f, feed) in feeds.iter().enumerate() {
            let price = start[f] * factor[f][k];
            // Checked even while frozen: the price the feed publishes when it thaws comes from here.
            if !(price.is_finite() && price > 0.0) {
                return Err(PathError::PriceOutOfRange {
                    name: spec.name.clone(),
                    feed: feed.clone(),
                    step: k as u64,
                    price,
                });
            }
            prices.push((!frozen[f][k]).then_some(price));
            // While the oracle is frozen the market still moves: the pools follow this.
            market.push(frozen[f][k].then_some(price));
        }
        if market.iter().all(Option::is_none) {
            market.clear();
        }
        steps.push(PathStep {
            block: k as u64 + 1,
            prices,
            gas_multiplier,
            market,
        });
    }
    Ok(PricePath {
        name: spec.name.clone(),
        feeds: feeds.to_vec(),
        steps,
    })
}

/// Multiplies a component's multipliers into a feed's.
fn apply(factor: &mut [f64], multipliers: &[f64]) {
    factor
        .iter_mut()
        .zip(multipliers)
        .for_each(|(f, m)| *f *= m);
}

#[cfg(test)]
mod tests;
