//! Any bytes as a hospital export (issue 15): encoding detection and
//! decoding in every encoding, Excel's `sep=` line, and the date reader on
//! every cell of the decoded text never panic; what is detected as UTF-8
//! decodes without errors.
#![no_main]

use cohort::dates::{detect_format, parse_date, DateFormat};
use cohort::encoding::{decode, detect, excel_separator_line, Detected, TextEncoding};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let detected = detect(data);
    for encoding in TextEncoding::ALL {
        let (text, errors) = decode(data, encoding);
        if detected == Detected::ValidUtf8 && encoding == TextEncoding::Utf8 {
            assert!(!errors);
        }
        let text = excel_separator_line(&text).map_or(text.as_str(), |(_, rest)| rest);
        let cells: Vec<&str> = text.split([';', ',', '\t', '\n']).collect();
        for cell in &cells {
            for format in DateFormat::ALL {
                let _ = parse_date(cell, format);
            }
        }
        let _ = detect_format(cells.iter().copied());
    }
});
