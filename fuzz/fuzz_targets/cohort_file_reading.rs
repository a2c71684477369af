//! Any bytes as a hospital export (issue 15): encoding detection and
//! decoding in every encoding, Excel's `sep=` line, and the date reader on
//! every cell of the decoded text never panic; what is detected as UTF-8
//! decodes without errors. The decoded text is also previewed and imported
//! with its suggested mapping, dates read in each format (the date roles,
//! the `sep=` reader and the date problems of the importer).
#![no_main]

use cohort::dates::{detect_format, parse_date, DateFormat};
use cohort::encoding::{decode, detect, detect_head, excel_separator_line, Detected, TextEncoding};
use cohort::import::{preview, Cohort};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let detected = detect(data);
    // A head is never less UTF-8 than the whole.
    if detected == Detected::ValidUtf8 {
        assert_eq!(detect_head(data), Detected::ValidUtf8);
    }
    for encoding in TextEncoding::ALL {
        let (text, errors) = decode(data, encoding);
        if detected == Detected::ValidUtf8 && encoding == TextEncoding::Utf8 {
            assert!(!errors);
        }
        if let Ok(p) = preview(&text, None, 5) {
            let mut mapping = p.mapping;
            // Header-named roles are rare in random bytes: the first
            // columns serve as start date, end date and event.
            if mapping.start_date.is_none() && p.header.len() >= 3 {
                mapping.time = None;
                mapping.start_date = Some(p.header[0].clone());
                mapping.end_date = Some(p.header[1].clone());
                mapping.event = Some(p.header[2].clone());
            }
            for format in DateFormat::ALL {
                mapping.date_format = Some(format);
                let _ = Cohort::import(&text, None, &mapping);
            }
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
