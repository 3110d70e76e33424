//! Correlated GBM: one normal vector per step, correlated through the Cholesky factor of the matrix.

use crate::rng::Rng;

/// How far from exact a symmetric pair or a unit diagonal may be (matrices typed into TOML are exact; this
/// only forgives a computed one's rounding).
const TOLERANCE: f64 = 1e-12;

/// The smallest Cholesky pivot accepted: below it the matrix is singular for practical purposes (a feed
/// that is a linear combination of the others, such as two feeds with correlation 1).
const MIN_PIVOT: f64 = 1e-10;

/// The lower-triangular `L` with `L Lᵀ = m`, or why `m` is not a correlation matrix Cholesky can factor
/// (the reason completes the phrase "correlation matrix ...").
pub(crate) fn cholesky(m: &[Vec<f64>]) -> Result<Vec<Vec<f64>>, String> {
    let n = m.len();
    if n == 0 {
        return Err("is empty".into());
    }
    for (i, row) in m.iter().enumerate() {
        if row.len() != n {
            return Err(format!(
                "is not square: row {i} has {} entries for {n} rows",
                row.len()
            ));
        }
        for (j, &x) in row.iter().enumerate() {
            if !(-1.0..=1.0).contains(&x) {
                return Err(format!("[{i}][{j}] = {x} is not in [-1, 1]"));
            }
        }
        if (row[i] - 1.0).abs() > TOLERANCE {
            return Err(format!(
                "[{i}][{i}] = {} is not 1: a correlation matrix has a unit diagonal",
                row[i]
            ));
        }
        for j in 0..i {
            if (row[j] - m[j][i]).abs() > TOLERANCE {
                return Err(format!(
                    "is not symmetric: [{i}][{j}] = {} but [{j}][{i}] = {}",
                    row[j], m[j][i]
                ));
            }
        }
    }
    let mut l = vec![vec![0.0; n]; n];
    for j in 0..n {
        let pivot = m[j][j] - (0..j).map(|k| l[j][k] * l[j][k]).sum::<f64>();
        if pivot < MIN_PIVOT {
            return Err(format!(
                "is not positive definite (Cholesky pivot {j} is {pivot:e}): some feed is a combination of the others"
            ));
        }
        l[j][j] = pivot.sqrt();
        for i in j + 1..n {
            l[i][j] = (m[i][j] - (0..j).map(|k| l[i][k] * l[j][k]).sum::<f64>()) / l[j][j];
        }
    }
    Ok(l)
}

/// GBM for a group of feeds whose shocks are `L z` with `z` independent standard normals (drawn feed by
/// feed within a step, from one stream). Returns each feed's multipliers of its start price.
pub(crate) fn correlated_gbm(
    rng: &mut Rng,
    steps: usize,
    dt: f64,
    drifts: &[f64],
    volatilities: &[f64],
    l: &[Vec<f64>],
) -> Vec<Vec<f64>> {
    let n = l.len();
    let means: Vec<f64> = drifts
        .iter()
        .zip(volatilities)
        .map(|(d, v)| (d - v * v / 2.0) * dt)
        .collect();
    let sds: Vec<f64> = volatilities.iter().map(|v| v * dt.sqrt()).collect();
    let mut levels = vec![0.0; n];
    let mut out = vec![Vec::with_capacity(steps); n];
    let mut z = vec![0.0; n];
    for _ in 0..steps {
        z.iter_mut().for_each(|x| *x = rng.normal());
        for i in 0..n {
            let shock: f64 = (0..=i).map(|k| l[i][k] * z[k]).sum();
            levels[i] += means[i] + sds[i] * shock;
            out[i].push(levels[i].exp());
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cholesky_reproduces_the_matrix() {
        let m = vec![
            vec![1.0, 0.6, -0.3],
            vec![0.6, 1.0, 0.2],
            vec![-0.3, 0.2, 1.0],
        ];
        let l = cholesky(&m).unwrap();
        for i in 0..3 {
            for j in 0..3 {
                let product: f64 = (0..3).map(|k| l[i][k] * l[j][k]).sum();
                assert!(
                    (product - m[i][j]).abs() < 1e-14,
                    "[{i}][{j}]: {product} vs {}",
                    m[i][j]
                );
            }
        }
    }

    #[test]
    fn cholesky_rejects_each_kind_of_bad_matrix() {
        let cases: [(Vec<Vec<f64>>, &str); 7] = [
            (vec![], "is empty"),
            (
                vec![vec![1.0, 0.5], vec![0.5]],
                "is not square: row 1 has 1 entries for 2 rows",
            ),
            (
                vec![vec![1.0, 0.5], vec![0.4, 1.0]],
                "is not symmetric: [1][0] = 0.4 but [0][1] = 0.5",
            ),
            (
                vec![vec![1.0, 0.5], vec![0.5, 0.9]],
                "[1][1] = 0.9 is not 1",
            ),
            (
                vec![vec![1.0, 1.5], vec![1.5, 1.0]],
                "[0][1] = 1.5 is not in [-1, 1]",
            ),
            (
                vec![vec![1.0, f64::NAN], vec![f64::NAN, 1.0]],
                "[0][1] = NaN is not in [-1, 1]",
            ),
            // Pairwise fine, jointly impossible: a and b anti-correlated with each other but both 0.9 with c.
            (
                vec![
                    vec![1.0, -0.9, 0.9],
                    vec![-0.9, 1.0, 0.9],
                    vec![0.9, 0.9, 1.0],
                ],
                "is not positive definite (Cholesky pivot 2",
            ),
        ];
        for (m, expected) in cases {
            let problem = cholesky(&m).unwrap_err();
            assert!(
                problem.contains(expected),
                "{problem:?} should contain {expected:?}"
            );
        }
        // Perfect correlation is only semi-definite.
        assert!(
            cholesky(&[vec![1.0, 1.0], vec![1.0, 1.0]])
                .unwrap_err()
                .contains("not positive definite")
        );
    }
}
