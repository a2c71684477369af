//! The little dense linear algebra the tests need: Cholesky factorisation of
//! a small symmetric positive-definite matrix, solving with it, inverting it.
//! Matrices are `Vec<Vec<f64>>`, row-major, square.
//!
//! A pivot below `tolerance · max|diagonal|` counts as singular, as in R's
//! `cholesky2` (`toler.chol = .Machine$double.eps^0.75`), except that here
//! the whole factorisation is rejected rather than the column zeroed.

// Index loops read like the textbook formulas they implement.
#![allow(clippy::needless_range_loop)]

/// R's default `toler.chol`, `.Machine$double.eps^0.75`.
pub(crate) const CHOLESKY_TOLERANCE: f64 = 1.818_989_403_545_856_5e-12;

/// Lower-triangular Cholesky factor `L` with `A = L Lᵀ`, or `None` if `A`
/// is not (numerically) positive definite or contains a non-finite value.
pub(crate) fn cholesky(a: &[Vec<f64>]) -> Option<Vec<Vec<f64>>> {
    let n = a.len();
    let max_diag = (0..n)
        .map(|i| a.get(i).and_then(|r| r.get(i)).copied().unwrap_or(f64::NAN))
        .fold(0.0_f64, |m, v| {
            if v.is_finite() {
                m.max(v.abs())
            } else {
                f64::NAN
            }
        });
    if !max_diag.is_finite() || max_diag <= 0.0 {
        return None;
    }
    let mut l = vec![vec![0.0; n]; n];
    for i in 0..n {
        for j in 0..=i {
            let mut sum = *a.get(i)?.get(j)?;
            for k in 0..j {
                sum -= l[i][k] * l[j][k];
            }
            if i == j {
                if sum.is_nan() || sum <= CHOLESKY_TOLERANCE * max_diag {
                    return None;
                }
                l[i][i] = sum.sqrt();
            } else {
                l[i][j] = sum / l[j][j];
            }
        }
    }
    Some(l)
}

/// Solves `L Lᵀ x = b` given the Cholesky factor `L`.
pub(crate) fn cholesky_solve(l: &[Vec<f64>], b: &[f64]) -> Vec<f64> {
    let n = l.len();
    let mut y = vec![0.0; n];
    for i in 0..n {
        let mut sum = b.get(i).copied().unwrap_or(f64::NAN);
        for k in 0..i {
            sum -= l[i][k] * y[k];
        }
        y[i] = sum / l[i][i];
    }
    let mut x = vec![0.0; n];
    for i in (0..n).rev() {
        let mut sum = y[i];
        for k in i + 1..n {
            sum -= l[k][i] * x[k];
        }
        x[i] = sum / l[i][i];
    }
    x
}

/// Inverse of `A = L Lᵀ` given `L`.
pub(crate) fn cholesky_inverse(l: &[Vec<f64>]) -> Vec<Vec<f64>> {
    let n = l.len();
    let mut inv = vec![vec![0.0; n]; n];
    for j in 0..n {
        let mut e = vec![0.0; n];
        e[j] = 1.0;
        let col = cholesky_solve(l, &e);
        for (i, v) in col.into_iter().enumerate() {
            inv[i][j] = v;
        }
    }
    inv
}

/// `xᵀ A⁻¹ x` via the Cholesky factor of `A`.
pub(crate) fn quadratic_form_inverse(l: &[Vec<f64>], x: &[f64]) -> f64 {
    let y = cholesky_solve(l, x);
    x.iter().zip(&y).map(|(a, b)| a * b).sum()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn solves_and_inverts_a_two_by_two_system() {
        // A = [[4, 2], [2, 3]]: det 8, inverse [[3, -2], [-2, 4]] / 8.
        let a = vec![vec![4.0, 2.0], vec![2.0, 3.0]];
        let l = cholesky(&a).unwrap();
        let x = cholesky_solve(&l, &[2.0, 1.0]);
        assert!((x[0] - 0.5).abs() < 1e-15 && x[1].abs() < 1e-15);
        let inv = cholesky_inverse(&l);
        assert!((inv[0][0] - 0.375).abs() < 1e-15);
        assert!((inv[0][1] + 0.25).abs() < 1e-15);
        assert!((inv[1][1] - 0.5).abs() < 1e-15);
    }

    #[test]
    fn rejects_singular_and_non_finite_matrices() {
        assert!(cholesky(&[vec![1.0, 1.0], vec![1.0, 1.0]]).is_none());
        assert!(cholesky(&[vec![0.0]]).is_none());
        assert!(cholesky(&[vec![f64::NAN]]).is_none());
        assert!(cholesky(&[vec![-1.0]]).is_none());
    }
}
