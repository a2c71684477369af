//! Saving the reference chart as SVG or PNG, entirely in the browser: the
//! SVG document becomes a `data:` URL (allowed by the page's CSP as an image
//! source), and the PNG is that image drawn onto a canvas at twice its size.

use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;
use web_sys::{CanvasRenderingContext2d, HtmlAnchorElement, HtmlCanvasElement, HtmlImageElement};

/// Why an export did not happen; shown next to the buttons.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExportFailed(pub &'static str);

/// Offers `url` as a download named `file_name`.
pub fn download(url: &str, file_name: &str) -> Result<(), ExportFailed> {
    let document = web_sys::window()
        .and_then(|w| w.document())
        .ok_or(ExportFailed("no document"))?;
    let anchor: HtmlAnchorElement = document
        .create_element("a")
        .map_err(|_| ExportFailed("cannot create a link"))?
        .unchecked_into();
    anchor.set_href(url);
    anchor.set_download(file_name);
    anchor.click();
    Ok(())
}

/// Rasterises the SVG at `svg_url` (of `width` × `height` CSS pixels) at
/// twice that resolution on a white background, then offers it as a PNG.
/// `on_done` hears whether it worked (image decoding is asynchronous).
pub fn download_png(
    svg_url: &str,
    width: u32,
    height: u32,
    file_name: String,
    on_done: impl Fn(Result<(), ExportFailed>) + 'static,
) {
    let Ok(image) = HtmlImageElement::new() else {
        on_done(Err(ExportFailed("cannot create an image")));
        return;
    };
    let loaded = image.clone();
    let onload = Closure::once_into_js(move || {
        on_done(rasterise(&loaded, width, height).and_then(|url| download(&url, &file_name)));
    });
    image.set_onload(Some(onload.unchecked_ref()));
    image.set_src(svg_url);
}

const SCALE: u32 = 2;

fn rasterise(image: &HtmlImageElement, width: u32, height: u32) -> Result<String, ExportFailed> {
    let document = web_sys::window()
        .and_then(|w| w.document())
        .ok_or(ExportFailed("no document"))?;
    let canvas: HtmlCanvasElement = document
        .create_element("canvas")
        .map_err(|_| ExportFailed("cannot create a canvas"))?
        .unchecked_into();
    canvas.set_width(width * SCALE);
    canvas.set_height(height * SCALE);
    let context: CanvasRenderingContext2d = canvas
        .get_context("2d")
        .ok()
        .flatten()
        .ok_or(ExportFailed("no 2D canvas"))?
        .unchecked_into();
    context.set_fill_style_str("#ffffff");
    context.fill_rect(
        0.0,
        0.0,
        f64::from(width * SCALE),
        f64::from(height * SCALE),
    );
    context
        .draw_image_with_html_image_element_and_dw_and_dh(
            image,
            0.0,
            0.0,
            f64::from(width * SCALE),
            f64::from(height * SCALE),
        )
        .map_err(|_| ExportFailed("cannot draw the chart"))?;
    canvas
        .to_data_url_with_type("image/png")
        .map_err(|_| ExportFailed("the browser refused to export the image"))
}
