//! An uploaded identity or supporting document.

use serde::{Deserialize, Serialize};

use super::{DocumentSide, DocumentType, Extra};
use crate::timestamp::Timestamp;

/// A document.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Document {
    /// Unique identifier.
    pub id: String,
    /// When it was uploaded.
    pub created_at: Option<Timestamp>,
    /// The URI of this resource.
    pub href: Option<String>,
    /// The URI to download it from.
    pub download_href: Option<String>,
    /// The uploaded file's name.
    pub file_name: Option<String>,
    /// The uploaded file's type (`png`, `jpg`, `pdf`).
    pub file_type: Option<String>,
    /// The file's size in bytes.
    pub file_size: Option<u64>,
    /// The document's type.
    #[serde(rename = "type")]
    pub document_type: Option<DocumentType>,
    /// Front or back.
    pub side: Option<DocumentSide>,
    /// Issuing country (ISO alpha-3), as given at upload.
    pub issuing_country: Option<String>,
    /// Fields this version does not name.
    #[serde(flatten)]
    pub extra: Extra,
}
