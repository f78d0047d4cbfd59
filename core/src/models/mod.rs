//! The API's resources, one module each; unknown fields and enum values are kept.

pub mod address;
pub mod applicant;
pub mod check;
pub mod document;
pub mod enums;
pub mod live_photo;
pub mod live_video;
pub mod ocr;
pub mod report;
pub mod report_type_group;
pub mod sdk_token;
pub mod slv;
pub mod webhook;

pub use address::Address;
pub use applicant::{Applicant, IdNumber};
pub use check::{Check, CheckReport};
pub use document::Document;
pub use enums::*;
pub use live_photo::LivePhoto;
pub use live_video::{Challenge, LiveVideo};
pub use ocr::{OcrDocInfo, OcrExtractedData, OcrResult, OcrResults};
pub use report::{Breakdown, BreakdownItem, Report};
pub use report_type_group::{ReportType, ReportTypeGroup};
pub use sdk_token::{SdkToken, SdkTokenClaims};
pub use slv::SlvResult;
pub use webhook::{Webhook, WebhookEvent};

/// Fields the model does not name, kept as sent.
pub type Extra = serde_json::Map<String, serde_json::Value>;
