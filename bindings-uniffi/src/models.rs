//! What the generated records share: a downloaded file (`Download`), and the helpers that read
//! JSON text from the foreign side. The API's resources themselves are the generated records
//! (`crate::v3`, `crate::v2`).

use std::fmt;

use serde_json::Value;

/// An optional value as Kotlin prints it: the value, or `null`.
pub(crate) fn shown<T: fmt::Display>(value: Option<T>) -> String {
    value.map_or_else(|| "null".to_owned(), |v| v.to_string())
}

/// JSON text from the foreign side, as `field`: nested at most the core's limit
/// (`bounds::MAX_DEPTH`, a `Validation` error naming where otherwise), then parsed.
pub(crate) fn json_in(field: &str, json: &str) -> Result<Value, crate::error::OnfidoError> {
    onfido_core::bounds::check_json(json.as_bytes(), field)?;
    serde_json::from_str(json).map_err(|e| crate::error::OnfidoError::validation(field, &format!("is not JSON: {e}")))
}

/// A downloaded file: the exact bytes, content type and file name.
#[derive(Clone, PartialEq, Eq, uniffi::Record)]
#[uniffi::export(Display)]
pub struct Download {
    /// The bytes.
    pub content: Vec<u8>,
    /// `Content-Type`.
    pub content_type: Option<String>,
    /// The file name from `Content-Disposition` (directories dropped).
    pub filename: Option<String>,
}

impl fmt::Display for Download {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "Download(filename={}, contentType={}, content={} bytes)",
            shown(self.filename.as_deref()),
            shown(self.content_type.as_deref()),
            self.content.len()
        )
    }
}

impl fmt::Debug for Download {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(self, f)
    }
}

impl From<onfido_core::Download> for Download {
    fn from(d: onfido_core::Download) -> Self {
        Download { content: d.content, content_type: d.content_type, filename: d.filename }
    }
}
