//! Order statistics across runs: mean, nearest-rank percentiles, value at risk and expected shortfall.
//!
//! Conventions (the report's numbers mean exactly this):
//! - **Percentile** `p` (0..=100) is the *nearest-rank* percentile: sort the values ascending, take the value at
//!   rank `ceil(p / 100 * n)` (1-based), and rank 1 for `p = 0`. It is always one of the values, never an
//!   interpolation.
//! - **VaR at level q** of a loss (bad debt) is its q-th percentile: the loss not exceeded in q% of runs.
//! - **ES at level q** (expected shortfall) is the mean of the values greater than or equal to the q-th
//!   percentile.
//! - Every statistic of an **empty** input is 0.
//! - Sums run in the order given (callers pass values in sorted-run order), so results do not depend on how
//!   the runs were produced. Sorting uses `f64::total_cmp`, so NaN sorts last instead of panicking.

/// Arithmetic mean; 0 for no values.
pub(crate) fn mean(values: &[f64]) -> f64 {
    if values.is_empty() {
        return 0.0;
    }
    values.iter().sum::<f64>() / values.len() as f64
}

/// The values sorted ascending (total order).
pub(crate) fn sorted(values: &[f64]) -> Vec<f64> {
    let mut v = values.to_vec();
    v.sort_by(f64::total_cmp);
    v
}

/// Nearest-rank percentile `p` (clamped to 0..=100) of values already sorted ascending; 0 for no values.
pub(crate) fn percentile_sorted(sorted: &[f64], p: f64) -> f64 {
    if sorted.is_empty() {
        return 0.0;
    }
    let n = sorted.len();
    let p = if p.is_nan() { 0.0 } else { p.clamp(0.0, 100.0) };
    // ceil(p/100 * n) as a 1-based rank, at least 1. The product is at most n, so the cast cannot overflow.
    let rank = ((p / 100.0) * n as f64).ceil() as usize;
    sorted[rank.clamp(1, n) - 1]
}

/// Nearest-rank percentile `p` of unsorted values; 0 for no values.
pub(crate) fn percentile(values: &[f64], p: f64) -> f64 {
    percentile_sorted(&sorted(values), p)
}

/// Expected shortfall at level `p`: mean of the values `>=` the nearest-rank `p`-th percentile; 0 for no values.
pub(crate) fn expected_shortfall(values: &[f64], p: f64) -> f64 {
    let s = sorted(values);
    let var = percentile_sorted(&s, p);
    let tail: Vec<f64> = s.into_iter().filter(|v| *v >= var).collect();
    mean(&tail)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn one_to(n: u32) -> Vec<f64> {
        // Shuffled on purpose: the statistics must sort.
        let mut v: Vec<f64> = (1..=n).map(f64::from).collect();
        v.reverse();
        v.swap(0, (n / 2) as usize);
        v
    }

    #[test]
    fn percentile_nearest_rank_on_1_to_100() {
        let v = one_to(100);
        assert_eq!(percentile(&v, 0.0), 1.0);
        assert_eq!(percentile(&v, 5.0), 5.0);
        assert_eq!(percentile(&v, 50.0), 50.0);
        assert_eq!(percentile(&v, 90.0), 90.0);
        assert_eq!(percentile(&v, 95.0), 95.0);
        assert_eq!(percentile(&v, 99.0), 99.0);
        assert_eq!(percentile(&v, 100.0), 100.0);
    }

    #[test]
    fn percentile_nearest_rank_small_samples() {
        // Wikipedia's nearest-rank examples: {15, 20, 35, 40, 50}.
        let v = [50.0, 15.0, 40.0, 20.0, 35.0];
        assert_eq!(percentile(&v, 5.0), 15.0);
        assert_eq!(percentile(&v, 30.0), 20.0);
        assert_eq!(percentile(&v, 40.0), 20.0);
        assert_eq!(percentile(&v, 50.0), 35.0);
        assert_eq!(percentile(&v, 100.0), 50.0);
        // {3, 6, 7, 8, 8, 10, 13, 15, 16, 20}: p25 = 7, p50 = 8, p75 = 15.
        let w = [20.0, 3.0, 16.0, 6.0, 15.0, 7.0, 13.0, 8.0, 10.0, 8.0];
        assert_eq!(percentile(&w, 25.0), 7.0);
        assert_eq!(percentile(&w, 50.0), 8.0);
        assert_eq!(percentile(&w, 75.0), 15.0);
        assert_eq!(percentile(&[7.0], 99.0), 7.0);
    }

    #[test]
    fn empty_inputs_are_zero() {
        assert_eq!(mean(&[]), 0.0);
        assert_eq!(percentile(&[], 95.0), 0.0);
        assert_eq!(expected_shortfall(&[], 99.0), 0.0);
    }

    #[test]
    fn var_and_es_on_known_vector() {
        // 1..=200: VaR99 = value at rank 198 = 198; ES99 = mean(198, 199, 200) = 199.
        let v = one_to(200);
        assert_eq!(percentile(&v, 99.0), 198.0);
        assert_eq!(expected_shortfall(&v, 99.0), 199.0);
        // 95%: rank 190, ES95 = mean(190..=200) = 195.
        assert_eq!(percentile(&v, 95.0), 190.0);
        assert_eq!(expected_shortfall(&v, 95.0), 195.0);
    }

    #[test]
    fn es_counts_ties_at_the_var() {
        // Mostly zero bad debt, one disaster: p99 of 10 values is rank 10, the disaster itself.
        let mut v = vec![0.0; 9];
        v.push(1000.0);
        assert_eq!(percentile(&v, 99.0), 1000.0);
        assert_eq!(expected_shortfall(&v, 99.0), 1000.0);
        // p50 is 0, and every value is >= 0, so ES50 is the plain mean.
        assert_eq!(expected_shortfall(&v, 50.0), 100.0);
    }

    #[test]
    fn nan_does_not_panic() {
        let v = [1.0, f64::NAN, 2.0];
        assert_eq!(percentile(&v, 50.0), 2.0);
        assert_eq!(percentile(&v, f64::NAN), 1.0);
    }
}
