//! Files dropped on the paste box: read as text (as the CLI reads a file: invalid UTF-8 becomes
//! `�`, and the engine then says the file was binary), in the order given, and added to the end
//! of the paste. Reading happens in the browser; nothing is uploaded anywhere.

use wasm_bindgen_futures::JsFuture;
use web_sys::{DragEvent, File};

/// Files larger than this are refused before they are read: the analysis reads 20 MB of a
/// paste (`text::MAX_BYTES`) and says so; reading far more would only fill the tab's memory.
pub const MAX_FILE_BYTES: f64 = 64.0 * 1024.0 * 1024.0;

/// How many files one drop may add.
const MAX_FILES: u32 = 10;

/// The files of a drop, or `None` when the drop holds no file (dragged text, which the
/// textarea takes by itself).
pub fn files(event: &DragEvent) -> Option<Vec<File>> {
    let list = event.data_transfer()?.files()?;
    let files: Vec<File> = (0..list.length().min(MAX_FILES)).filter_map(|i| list.get(i)).collect();
    (!files.is_empty()).then_some(files)
}

/// A lower-case message for the first file that is too large to read, if any.
pub fn too_large(files: &[File]) -> Option<String> {
    files.iter().find(|f| f.size() > MAX_FILE_BYTES).map(|file| {
        let mb = (file.size() / (1024.0 * 1024.0)).ceil() as u64;
        format!("{} is {mb} MB: kubetriage reads files of up to 64 MB", file.name())
    })
}

/// `paste` with the text of each of `files` added on a line of its own.
pub async fn append(mut paste: String, files: Vec<File>) -> Result<String, String> {
    for file in files {
        let text = JsFuture::from(file.text())
            .await
            .ok()
            .and_then(|text| text.as_string())
            .ok_or_else(|| format!("{} could not be read", file.name()))?;
        if !paste.is_empty() && !paste.ends_with('\n') {
            paste.push('\n');
        }
        paste.push_str(&text);
    }
    Ok(paste)
}
