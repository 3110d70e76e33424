//! Deterministic scenarios: a crash and a depeg, as multipliers of the start price. The last step of each
//! leg is set to its exact level (not computed through `powf` or a fraction), so a 40% crash ends at exactly
//! `0.6 ×` and a recovered depeg at exactly `1 ×`.

/// Geometric fall by `drop_pct` over steps `start .. start + over`: step `start + j - 1` is at
/// `(1 - drop)^(j/over)`, the last one at `1 - drop` itself; it stays there.
pub(crate) fn crash(steps: usize, drop_pct: f64, start: usize, over: usize) -> Vec<f64> {
    let bottom = 1.0 - drop_pct / 100.0;
    (0..steps)
        .map(|k| match (k + 1).checked_sub(start) {
            None | Some(0) => 1.0,
            Some(j) if j >= over => bottom,
            Some(j) => bottom.powf(j as f64 / over as f64),
        })
        .collect()
}

/// Linear fall to `1 - depth` over steps `start .. start + over`, linear recovery to 1 over the next
/// `recover` steps (none: it stays at the bottom).
pub(crate) fn depeg(
    steps: usize,
    depth_pct: f64,
    start: usize,
    over: usize,
    recover: usize,
) -> Vec<f64> {
    let depth = depth_pct / 100.0;
    let bottom = 1.0 - depth;
    (0..steps)
        .map(|k| {
            let Some(j) = (k + 1).checked_sub(start).filter(|j| *j > 0) else {
                return 1.0;
            };
            if j < over {
                1.0 - depth * j as f64 / over as f64
            } else if j == over || recover == 0 {
                bottom
            } else if j - over < recover {
                bottom + depth * (j - over) as f64 / recover as f64
            } else {
                1.0
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn crash_shape() {
        let m = crash(8, 50.0, 2, 3);
        assert_eq!(&m[..2], &[1.0, 1.0]);
        assert!((m[2] - 0.5f64.powf(1.0 / 3.0)).abs() < 1e-15);
        assert!(m[2] > m[3] && m[3] > m[4]);
        assert_eq!(&m[4..], &[0.5; 4]);
    }

    #[test]
    fn depeg_shape() {
        let m = depeg(9, 10.0, 1, 2, 4);
        let expected = [1.0, 0.95, 0.9, 0.925, 0.95, 0.975, 1.0, 1.0, 1.0];
        for (k, (got, want)) in m.iter().zip(expected).enumerate() {
            assert!((got - want).abs() < 1e-15, "step {k}: {got} vs {want}");
        }
        assert_eq!(m[2], 1.0 - 10.0 / 100.0);
        assert_eq!(m[6], 1.0);
        // No recovery: it stays at the bottom.
        let bottom = 1.0 - 10.0 / 100.0;
        assert_eq!(&depeg(4, 10.0, 0, 2, 0)[1..], &[bottom; 3]);
    }
}
