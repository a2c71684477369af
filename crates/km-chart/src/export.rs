//! The reconstructed data as a download, built from the embedded text so
//! that nothing is fetched.

/// A `data:` URL holding `csv` as `text/csv`, percent-encoded (RFC 2397,
/// RFC 3986): everything but unreserved characters is escaped, so the URL
/// is safe in an `href` whatever the text holds.
pub fn csv_data_url(csv: &str) -> String {
    data_url("text/csv", csv)
}

/// A `data:` URL holding an SVG document (for "Export SVG", and as the
/// image source that the PNG export rasterises).
pub fn svg_data_url(svg: &str) -> String {
    data_url("image/svg+xml", svg)
}

fn data_url(mime: &str, text: &str) -> String {
    let prefix = format!("data:{mime};charset=utf-8,");
    let mut url = String::with_capacity(prefix.len() + text.len() * 3 / 2);
    url.push_str(&prefix);
    for byte in text.bytes() {
        if byte.is_ascii_alphanumeric() || matches!(byte, b'-' | b'_' | b'.' | b'~' | b',') {
            url.push(char::from(byte));
        } else {
            url.push('%');
            url.push(hex_digit(byte >> 4));
            url.push(hex_digit(byte & 0x0f));
        }
    }
    url
}

fn hex_digit(nibble: u8) -> char {
    char::from(b"0123456789ABCDEF"[usize::from(nibble & 0x0f)])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_csv_becomes_a_percent_encoded_data_url() {
        // '\n' = 0x0A, ' ' = 0x20, 'µ' = C2 B5 in UTF-8; commas may stay.
        assert_eq!(
            csv_data_url("a,b\n1 µ,2\n"),
            "data:text/csv;charset=utf-8,a,b%0A1%20%C2%B5,2%0A"
        );
    }

    #[test]
    fn an_svg_becomes_an_image_data_url() {
        assert_eq!(
            svg_data_url("<svg a=\"1\"/>"),
            "data:image/svg+xml;charset=utf-8,%3Csvg%20a%3D%221%22%2F%3E"
        );
    }

    #[test]
    fn nothing_that_could_end_an_attribute_or_start_a_fragment_survives() {
        let url = csv_data_url("\"'<>#%&");
        assert_eq!(url, "data:text/csv;charset=utf-8,%22%27%3C%3E%23%25%26");
    }
}
