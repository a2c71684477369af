//! How large a file the cohort view takes.
//!
//! The whole file is read into the wasm's memory, and the import keeps every
//! patient; the analyses add their own arrays, and the memory of a wasm never
//! shrinks. [`MAX_FILE_BYTES`] is set from the 10⁶-row measurement in
//! BENCHMARKS.md ("Your own cohort: 10⁶ rows"); README ("Cohort view")
//! explains the choice. A larger file is refused before a byte of it is read
//! ([`check_file_size`]), with the limit in the message, rather than left to
//! run the browser out of memory part way.

use std::fmt;

/// The largest file the cohort view reads, in bytes (decimal megabytes, as
/// file managers show them): 80 MB. A 10⁶-row file of the canonical columns
/// (37 MB) took 869 MiB of the worker's wasm memory and 1.75 GB in the
/// renderer; 80 MB of the narrowest rows would take about 1.9 GiB, under half
/// the 4 GiB a wasm32 memory can reach (room for a vector that doubles), and
/// still admits 10⁶ rows of up to 80 bytes each.
pub const MAX_FILE_BYTES: u64 = 80_000_000;

/// A file larger than [`MAX_FILE_BYTES`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FileTooLarge {
    /// The file's size, in bytes.
    pub bytes: u64,
    /// The limit it broke, in bytes.
    pub limit: u64,
}

/// `bytes` as megabytes with one decimal (`123.5 MB`), rounded up so that a
/// file just over the limit never reads as the limit itself.
fn megabytes_rounded_up(bytes: u64) -> String {
    let tenths = bytes.div_ceil(100_000);
    format!("{}.{} MB", tenths / 10, tenths % 10)
}

impl fmt::Display for FileTooLarge {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "the file is {}, larger than the {} MB this tool reads (well over a million patients); \
             split it, or remove the columns that are not used, and choose it again",
            megabytes_rounded_up(self.bytes),
            self.limit / 1_000_000
        )
    }
}

impl std::error::Error for FileTooLarge {}

/// Accepts a file of `bytes` bytes, or says it is too large.
pub fn check_file_size(bytes: u64) -> Result<(), FileTooLarge> {
    if bytes > MAX_FILE_BYTES {
        Err(FileTooLarge {
            bytes,
            limit: MAX_FILE_BYTES,
        })
    } else {
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_file_of_exactly_the_limit_is_read() {
        assert_eq!(check_file_size(MAX_FILE_BYTES), Ok(()));
        assert_eq!(check_file_size(0), Ok(()));
    }

    #[test]
    fn one_byte_over_the_limit_is_refused_with_both_sizes_in_the_message() {
        let error = check_file_size(MAX_FILE_BYTES + 1).unwrap_err();
        assert_eq!(error.limit, MAX_FILE_BYTES);
        let text = error.to_string();
        // 80 000 001 bytes = 800.00001 tenths of a megabyte, rounded up.
        assert!(
            text.starts_with("the file is 80.1 MB, larger than the 80 MB this tool reads"),
            "{text}"
        );
    }

    #[test]
    fn sizes_are_shown_in_decimal_megabytes_rounded_up() {
        // 123 456 789 bytes = 1234.56789 tenths of a MB → 1235 tenths = 123.5 MB.
        assert_eq!(megabytes_rounded_up(123_456_789), "123.5 MB");
        assert_eq!(megabytes_rounded_up(150_000_000), "150.0 MB");
        // u64::MAX = 18 446 744 073 709 551 615 → 184 467 440 737 095.5 tenths, up.
        assert_eq!(megabytes_rounded_up(u64::MAX), "18446744073709.6 MB");
    }
}
