//! A validated design matrix for Cox regression: one row per subject, one
//! named column per covariate, every value finite.
//!
//! Categorical variables are the caller's to encode (as R's
//! `model.matrix` does with treatment contrasts: one 0/1 column per
//! non-reference level).

use crate::cox::CoxError;

/// Covariate values, `n` subjects × `p` covariates, stored by column.
#[derive(Debug, Clone, PartialEq)]
pub struct Covariates {
    names: Vec<String>,
    columns: Vec<Vec<f64>>,
}

impl Covariates {
    /// A single covariate named `"x"`.
    ///
    /// # Errors
    /// [`CoxError::NoSubjects`] if empty, [`CoxError::NonFiniteCovariate`]
    /// for a NaN or infinite value.
    pub fn single(values: Vec<f64>) -> Result<Self, CoxError> {
        Self::from_named_columns(vec![("x".to_string(), values)])
    }

    /// Several covariates, named `"x1"`, `"x2"`, … in order.
    ///
    /// # Errors
    /// As [`Covariates::from_named_columns`].
    pub fn from_columns(columns: Vec<Vec<f64>>) -> Result<Self, CoxError> {
        Self::from_named_columns(
            columns
                .into_iter()
                .enumerate()
                .map(|(i, c)| (format!("x{}", i + 1), c))
                .collect(),
        )
    }

    /// Several named covariates, one `(name, values)` pair per column.
    ///
    /// # Errors
    /// [`CoxError::NoCovariates`] for no columns, [`CoxError::NoSubjects`]
    /// for empty columns, [`CoxError::RaggedColumns`] when the columns differ
    /// in length, [`CoxError::NonFiniteCovariate`] for a NaN or infinite value.
    pub fn from_named_columns(columns: Vec<(String, Vec<f64>)>) -> Result<Self, CoxError> {
        let rows = match columns.first() {
            None => return Err(CoxError::NoCovariates),
            Some((_, c)) => c.len(),
        };
        if rows == 0 {
            return Err(CoxError::NoSubjects);
        }
        for (column, (_, values)) in columns.iter().enumerate() {
            if values.len() != rows {
                return Err(CoxError::RaggedColumns {
                    column,
                    len: values.len(),
                    expected: rows,
                });
            }
            if let Some((row, &value)) = values.iter().enumerate().find(|(_, v)| !v.is_finite()) {
                return Err(CoxError::NonFiniteCovariate { column, row, value });
            }
        }
        let (names, columns) = columns.into_iter().unzip();
        Ok(Self { names, columns })
    }

    /// Number of subjects (rows).
    pub fn n_rows(&self) -> usize {
        self.columns.first().map_or(0, Vec::len)
    }

    /// Number of covariates (columns).
    pub fn n_columns(&self) -> usize {
        self.columns.len()
    }

    /// Covariate names, in column order.
    pub fn names(&self) -> &[String] {
        &self.names
    }

    /// The columns, each with one value per subject.
    pub fn columns(&self) -> &[Vec<f64>] {
        &self.columns
    }
}
