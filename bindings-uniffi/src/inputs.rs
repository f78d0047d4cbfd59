//! A file to upload (`FileInput`), the one input every version's records share.

use onfido_core::multipart::FileUpload;

/// A file to upload: its name and bytes (the content type comes from the bytes). `toString` /
/// `description` show the name and size, not the bytes.
#[derive(Clone, PartialEq, Eq, uniffi::Record)]
#[uniffi::export(Display)]
pub struct FileInput {
    /// The file's name as sent; `null`/`nil`: `upload.png`, `upload.jpg` or `upload.pdf` after the bytes.
    #[uniffi(default)]
    pub filename: Option<String>,
    /// The bytes.
    pub content: Vec<u8>,
}

impl std::fmt::Display for FileInput {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let name = self.filename.as_deref().unwrap_or("null");
        write!(f, "FileInput(filename={name}, content={} bytes)", self.content.len())
    }
}

impl std::fmt::Debug for FileInput {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        std::fmt::Display::fmt(self, f)
    }
}

impl From<FileInput> for FileUpload {
    fn from(f: FileInput) -> Self {
        FileUpload::with_name(f.filename, f.content)
    }
}
