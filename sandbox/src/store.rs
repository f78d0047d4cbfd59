//! The simulator's state: every resource as the JSON the API returns, plus uploaded bytes.

use serde_json::{Map, Value};

/// A JSON object as the API returns it.
pub(crate) type Object = Map<String, Value>;

/// An uploaded file kept for downloads.
#[derive(Clone, Debug)]
pub(crate) struct Blob {
    pub content: Vec<u8>,
    pub content_type: String,
    pub filename: String,
}

/// An applicant and its lifecycle.
#[derive(Clone, Debug)]
pub(crate) struct ApplicantRecord {
    pub object: Object,
    /// When it was scheduled for deletion (Unix seconds).
    pub deleted_at: Option<i64>,
}

/// A document, live photo or live video with its bytes.
#[derive(Clone, Debug)]
pub(crate) struct MediaRecord {
    pub applicant_id: String,
    pub object: Object,
    pub blob: Blob,
}

/// A check and its reports' ids.
#[derive(Clone, Debug)]
pub(crate) struct CheckRecord {
    pub applicant_id: String,
    pub object: Object,
    pub report_ids: Vec<String>,
    /// The sandbox `consider` list it was created with.
    pub consider: Option<Vec<onfido_core::models::ReportName>>,
}

/// A report and its check.
#[derive(Clone, Debug)]
pub(crate) struct ReportRecord {
    pub check_id: String,
    pub object: Object,
}

/// Everything the sandbox holds, in creation order.
#[derive(Clone, Debug, Default)]
pub(crate) struct Store {
    pub applicants: Vec<ApplicantRecord>,
    pub documents: Vec<MediaRecord>,
    pub live_photos: Vec<MediaRecord>,
    pub live_videos: Vec<MediaRecord>,
    pub checks: Vec<CheckRecord>,
    pub reports: Vec<ReportRecord>,
    pub webhooks: Vec<Object>,
    pub report_type_groups: Vec<Object>,
    counter: u64,
}

impl Store {
    /// The bytes of every upload kept (documents, live photos, live videos).
    pub fn upload_bytes(&self) -> usize {
        [&self.documents, &self.live_photos, &self.live_videos]
            .iter()
            .flat_map(|list| list.iter())
            .map(|m| m.blob.content.len())
            .fold(0, usize::saturating_add)
    }

    /// A fresh id that looks like a UUID v4 and is the same in every run.
    pub fn next_id(&mut self) -> String {
        self.counter += 1;
        let a = splitmix(self.counter);
        let b = splitmix(a);
        format!(
            "{:08x}-{:04x}-4{:03x}-{:x}{:03x}-{:012x}",
            a >> 32,
            (a >> 16) & 0xffff,
            a & 0xfff,
            8 + (b >> 62),
            (b >> 48) & 0xfff,
            b & 0xffff_ffff_ffff
        )
    }

    /// A fresh 16-character secret (webhook tokens).
    pub fn next_secret(&mut self) -> String {
        self.counter += 1;
        let mut x = splitmix(self.counter ^ 0x5eed);
        let alphabet = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
        (0..16)
            .map(|_| {
                x = splitmix(x);
                char::from(alphabet.get((x % 62) as usize).copied().unwrap_or(b'x'))
            })
            .collect()
    }

    pub fn applicant(&self, id: &str) -> Option<&ApplicantRecord> {
        self.applicants.iter().find(|a| id_of(&a.object) == id)
    }

    pub fn applicant_mut(&mut self, id: &str) -> Option<&mut ApplicantRecord> {
        self.applicants.iter_mut().find(|a| id_of(&a.object) == id)
    }

    pub fn check(&self, id: &str) -> Option<&CheckRecord> {
        self.checks.iter().find(|c| id_of(&c.object) == id)
    }

    pub fn report(&self, id: &str) -> Option<&ReportRecord> {
        self.reports.iter().find(|r| id_of(&r.object) == id)
    }

    pub fn report_mut(&mut self, id: &str) -> Option<&mut ReportRecord> {
        self.reports.iter_mut().find(|r| id_of(&r.object) == id)
    }

    pub fn check_mut(&mut self, id: &str) -> Option<&mut CheckRecord> {
        self.checks.iter_mut().find(|c| id_of(&c.object) == id)
    }
}

/// The `id` member of an object.
pub(crate) fn id_of(object: &Object) -> &str {
    object.get("id").and_then(Value::as_str).unwrap_or_default()
}

/// A text member of an object.
pub(crate) fn text<'a>(object: &'a Object, key: &str) -> Option<&'a str> {
    object.get(key).and_then(Value::as_str)
}

/// SplitMix64: a tiny, well-mixed deterministic sequence.
fn splitmix(seed: u64) -> u64 {
    let mut z = seed.wrapping_add(0x9e37_79b9_7f4a_7c15);
    z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    z ^ (z >> 31)
}
