//! Independent per-feed diffusions: GBM, Merton jump-diffusion and the Brownian bridge, all in log price.

use crate::rng::Rng;

/// GBM: `ln S` moves by `(drift - vol²/2) dt + vol √dt Z` each step. Returns the multiplier of the start
/// price at each step.
pub(crate) fn gbm(rng: &mut Rng, steps: usize, dt: f64, drift: f64, volatility: f64) -> Vec<f64> {
    let mean = (drift - volatility * volatility / 2.0) * dt;
    let sd = volatility * dt.sqrt();
    let mut level = 0.0;
    (0..steps)
        .map(|_| {
            level += mean + sd * rng.normal();
            level.exp()
        })
        .collect()
}

/// Merton's jump-diffusion: GBM plus, each step, `N ~ Poisson(intensity dt)` jumps whose log sizes are
/// `Normal(jump_mean, jump_std²)` (their sum is drawn in one go: `N jump_mean + √N jump_std Z`). The drift
/// is lowered by `intensity (E[e^J] - 1)` so that `drift` stays the expected return including jumps.
pub(crate) struct Jumps {
    pub(crate) drift: f64,
    pub(crate) volatility: f64,
    pub(crate) intensity: f64,
    pub(crate) mean: f64,
    pub(crate) std: f64,
}

pub(crate) fn jump_diffusion(rng: &mut Rng, steps: usize, dt: f64, p: &Jumps) -> Vec<f64> {
    let compensator = p.intensity * ((p.mean + p.std * p.std / 2.0).exp() - 1.0);
    let mean = (p.drift - p.volatility * p.volatility / 2.0 - compensator) * dt;
    let sd = p.volatility * dt.sqrt();
    let per_step = p.intensity * dt;
    let mut level = 0.0;
    (0..steps)
        .map(|_| {
            level += mean + sd * rng.normal();
            let n = rng.poisson(per_step);
            if n > 0 {
                let n = n as f64;
                level += n * p.mean + n.sqrt() * p.std * rng.normal();
            }
            level.exp()
        })
        .collect()
}

/// A Brownian bridge in log price from 0 to `ln target` over `steps` steps: a random walk `W` with the
/// straight line through its end swapped for the one through the target,
/// `B_k = W_k + (k + 1)/steps · (ln target - W_last)`. The last step is `target` itself, not `exp(ln target)`,
/// so the path ends exactly where it was asked to.
pub(crate) fn bridge(
    rng: &mut Rng,
    steps: usize,
    dt: f64,
    target: f64,
    volatility: f64,
) -> Vec<f64> {
    let sd = volatility * dt.sqrt();
    let mut level = 0.0;
    let walk: Vec<f64> = (0..steps)
        .map(|_| {
            level += sd * rng.normal();
            level
        })
        .collect();
    let gap = target.ln() - walk[steps - 1];
    walk.iter()
        .enumerate()
        .map(|(k, w)| {
            if k + 1 == steps {
                target
            } else {
                (w + (k + 1) as f64 / steps as f64 * gap).exp()
            }
        })
        .collect()
}
