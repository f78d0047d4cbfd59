//! Checks on inputs before anything is sent; failures name the field.

use url::{Host, Url};

use crate::error::{Error, FieldErrors};
use crate::models::WebhookEvent;
use crate::multipart::{FileKind, FileUpload};
use crate::referrer::ReferrerPattern;
use crate::timestamp;

/// Inputs that can check themselves before a request is built.
pub trait Validate {
    /// Records every problem with the input in `errors`.
    fn validate(&self, errors: &mut FieldErrors);

    /// `Ok` when valid, else a validation error listing every problem.
    fn check(&self) -> Result<(), Error> {
        let mut errors = FieldErrors::new();
        self.validate(&mut errors);
        errors.into_result()
    }
}

/// Checks path ids: non-empty, no `/`, no `..`, no control characters.
pub fn path_ids(ids: &[(&str, &str)]) -> Result<(), Error> {
    let mut errors = FieldErrors::new();
    for (field, id) in ids {
        path_id(&mut errors, field, id);
    }
    errors.into_result()
}

/// Records a problem with one path id.
pub fn path_id(errors: &mut FieldErrors, field: &str, id: &str) {
    if id.is_empty() {
        errors.add(field, "is required");
    } else if id.contains('/') || id.contains('\\') {
        errors.add(field, "must not contain /");
    } else if id == "." || id.contains("..") {
        errors.add(field, "must not contain ..");
    } else if id.chars().any(char::is_control) {
        errors.add(field, "must not contain control characters");
    }
}

/// Records a missing or blank required text.
pub fn required(errors: &mut FieldErrors, field: &str, value: Option<&str>) -> bool {
    match value {
        Some(v) if !v.trim().is_empty() => true,
        _ => {
            errors.add(field, "can't be blank");
            false
        }
    }
}

/// Records a text that is given but blank.
pub fn not_blank(errors: &mut FieldErrors, field: &str, value: Option<&str>) {
    if value.is_some_and(|v| v.trim().is_empty()) {
        errors.add(field, "can't be blank");
    }
}

/// Records a query value that is not a safe single token (control characters).
pub fn query_text(errors: &mut FieldErrors, field: &str, value: Option<&str>) {
    if value.is_some_and(|v| v.chars().any(char::is_control)) {
        errors.add(field, "must not contain control characters");
    }
}

/// Records a date that is not a real `yyyy-mm-dd` calendar date.
pub fn date(errors: &mut FieldErrors, field: &str, value: Option<&str>) {
    if let Some(v) = value {
        if timestamp::parse_date(v).is_none() {
            errors.add(field, "must be a real date in yyyy-mm-dd format");
        }
    }
}

/// Records a page number or size below 1.
pub fn positive(errors: &mut FieldErrors, field: &str, value: Option<u32>) {
    if value == Some(0) {
        errors.add(field, "must be at least 1");
    }
}

/// Whether a URL's host is loopback (127.0.0.0/8, localhost, ::1).
pub fn is_loopback(url: &Url) -> bool {
    match url.host() {
        Some(Host::Domain(d)) => d.eq_ignore_ascii_case("localhost"),
        Some(Host::Ipv4(ip)) => ip.is_loopback(),
        Some(Host::Ipv6(ip)) => ip.is_loopback(),
        None => false,
    }
}

/// Records a webhook URL that is not https (plain http only for loopback hosts).
pub fn webhook_url(errors: &mut FieldErrors, field: &str, value: Option<&str>) {
    if !required(errors, field, value) {
        return;
    }
    let Some(Ok(url)) = value.map(Url::parse) else {
        errors.add(field, "is not a valid URL");
        return;
    };
    match url.scheme() {
        "https" if url.host().is_some() => {}
        "http" if is_loopback(&url) => {}
        _ => errors.add(field, "must use https (http only for loopback hosts)"),
    }
}

/// Records webhook events the reference does not list.
pub fn webhook_events(errors: &mut FieldErrors, field: &str, events: &[WebhookEvent]) {
    for event in events.iter().filter(|e| !e.is_known()) {
        errors.add(
            field,
            format!("unknown event {:?}; known events: {}", event.as_str(), WebhookEvent::KNOWN.join(", ")),
        );
    }
}

/// Records a Web SDK referrer that is not a valid match pattern.
pub fn referrer(errors: &mut FieldErrors, field: &str, value: Option<&str>) {
    if !required(errors, field, value) {
        return;
    }
    if let Some(Err(e)) = value.map(ReferrerPattern::parse) {
        errors.add(field, format!("is not a valid referrer pattern: {e}"));
    }
}

/// Records a missing or unsuitable upload; returns its kind when it suits.
pub fn file(errors: &mut FieldErrors, file: Option<&FileUpload>, allowed: &[FileKind]) -> Option<FileKind> {
    let Some(file) = file else {
        errors.add("file", "is required");
        return None;
    };
    file.kind(allowed).map_err(|message| errors.add("file", message)).ok()
}
