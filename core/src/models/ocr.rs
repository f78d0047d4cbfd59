//! Data extracted from a document by OCR Autofill.

use serde::Serialize;

use super::{DocumentType, Extra};
use crate::serde_util::deserialize_model;

/// The result of OCR Autofill.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct OcrResult {
    /// The document the data was extracted from.
    pub document_id: Option<String>,
    /// The document's country and type.
    pub doc_info: Option<OcrDocInfo>,
    /// The extracted fields.
    pub extracted_data: Option<OcrExtractedData>,
    /// Fields this version does not name.
    #[serde(flatten)]
    pub extra: Extra,
}

/// The classified document.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct OcrDocInfo {
    /// Country (ISO alpha-3).
    pub country: Option<String>,
    /// Document type.
    #[serde(rename = "type")]
    pub document_type: Option<DocumentType>,
    /// Fields this version does not name.
    #[serde(flatten)]
    pub extra: Extra,
}

/// The wrapper around the extracted fields.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct OcrExtractedData {
    /// The extracted fields.
    pub ocr_results: Option<OcrResults>,
    /// Fields this version does not name.
    #[serde(flatten)]
    pub extra: Extra,
}

/// The fields OCR Autofill extracts.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct OcrResults {
    /// The official document number.
    pub document_number: Option<String>,
    /// First name.
    pub first_name: Option<String>,
    /// Last name.
    pub last_name: Option<String>,
    /// Gender (Male or Female).
    pub gender: Option<String>,
    /// Date of birth, `yyyy-mm-dd`.
    pub date_of_birth: Option<String>,
    /// Date of expiry, `yyyy-mm-dd`.
    pub date_of_expiry: Option<String>,
    /// Nationality (ISO alpha-3).
    pub nationality: Option<String>,
    /// Every other field, including the MRZ lines (see [`OcrResults::mrz_line`]).
    #[serde(flatten)]
    pub extra: Extra,
}

impl OcrResults {
    /// MRZ line 1, 2 or 3, whichever of the two spellings (`mrz_line_1`, `mrz_line1`) arrived.
    pub fn mrz_line(&self, n: u8) -> Option<&str> {
        [format!("mrz_line_{n}"), format!("mrz_line{n}")]
            .iter()
            .find_map(|key| self.extra.get(key).and_then(serde_json::Value::as_str))
    }
}

deserialize_model!(OcrResult { document_id: "document_id", doc_info: "doc_info", extracted_data: "extracted_data" });

deserialize_model!(OcrDocInfo { country: "country", document_type: "type" });

deserialize_model!(OcrExtractedData { ocr_results: "ocr_results" });

deserialize_model!(OcrResults {
    document_number: "document_number",
    first_name: "first_name",
    last_name: "last_name",
    gender: "gender",
    date_of_birth: "date_of_birth",
    date_of_expiry: "date_of_expiry",
    nationality: "nationality",
});
