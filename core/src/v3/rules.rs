//! What the description cannot state: upload limits, webhook URLs, dates that must be past,
//! and which POSTs may be repeated.

use crate::multipart::FileKind;

/// What an upload endpoint accepts: file kinds (by magic bytes) and inclusive sizes in bytes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FileRule {
    /// The kinds accepted.
    pub kinds: &'static [FileKind],
    /// The smallest size.
    pub min: usize,
    /// The largest size.
    pub max: usize,
}

const KIB: usize = 1024;
const MIB: usize = 1024 * 1024;
const IMAGES_AND_PDF: &[FileKind] = &[FileKind::Jpeg, FileKind::Png, FileKind::Pdf];

/// The file rule of each v3 upload (the same in v3.4 and v3.6, as their documents say).
pub const FILE_RULES: [(&str, FileRule); 4] = [
    ("upload_document", FileRule { kinds: IMAGES_AND_PDF, min: 2 * KIB, max: 3 * MIB }),
    ("upload_live_photo", FileRule { kinds: IMAGES_AND_PDF, min: 32 * KIB, max: 10 * MIB }),
    ("upload_id_photo", FileRule { kinds: IMAGES_AND_PDF, min: 32 * KIB, max: 10 * MIB }),
    ("upload_signing_document", FileRule { kinds: &[FileKind::Pdf], min: 2 * KIB, max: 3 * MIB }),
];

/// The file rule of an operation's upload.
pub fn file_rule(operation: &str) -> Option<FileRule> {
    FILE_RULES.iter().find(|(id, _)| *id == operation).map(|(_, rule)| *rule)
}

/// Body fields that are URLs Onfido will call: https, or plain http on a loopback host.
pub const CALLBACK_URLS: [(&str, &str); 2] = [("create_webhook", "url"), ("update_webhook", "url")];

/// Body fields holding a date that must not be after today (`build` with `now` checks them).
pub const PAST_DATES: [(&str, &str); 2] = [("create_applicant", "dob"), ("update_applicant", "dob")];

/// POSTs that change nothing when repeated: resuming, cancelling, restoring, reading.
pub const RETRY_SAFE_POSTS: [&str; 5] =
    ["restore_applicant", "resume_check", "resume_report", "cancel_report", "extract"];
