//! Checks on inputs before anything is sent; failures name the field.

use url::{Host, Url};

use crate::countries;
use crate::error::{Error, FieldErrors};
use crate::models::WebhookEvent;
use crate::models::{Address, IdNumber, IdNumberType};
use crate::multipart::{FileKind, FileUpload};
use crate::referrer::ReferrerPattern;
use crate::timestamp::{self, Date};

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

/// Records text holding control characters (the API refuses such characters in text fields).
pub fn plain_text(errors: &mut FieldErrors, field: &str, value: Option<&str>) {
    if value.is_some_and(|v| v.chars().any(char::is_control)) {
        errors.add(field, "must not contain control characters");
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

/// Records a date of birth after `today`.
pub fn not_future(errors: &mut FieldErrors, field: &str, value: Option<&str>, today: Date) {
    if let Some(date) = value.and_then(Date::parse) {
        if date > today {
            errors.add(field, format!("must not be in the future (today is {today})"));
        }
    }
}

/// Records a country that is not an ISO 3166-1 alpha-3 code (`GBR`, `USA`…).
pub fn country(errors: &mut FieldErrors, field: &str, value: Option<&str>) {
    if let Some(code) = value {
        if !countries::is_iso_alpha3(code) {
            errors.add(field, format!("{code:?} is not an ISO 3166-1 alpha-3 country code (e.g. GBR, USA)"));
        }
    }
}

/// Records a value outside a list, compared case-insensitively.
pub fn one_of(errors: &mut FieldErrors, field: &str, value: Option<&str>, allowed: &[&str]) {
    if let Some(v) = value {
        if !allowed.iter().any(|a| a.eq_ignore_ascii_case(v)) {
            errors.add(field, format!("must be one of {}", allowed.join(", ")));
        }
    }
}

/// The applicant titles the reference lists.
pub const TITLES: [&str; 4] = ["Mr", "Mrs", "Miss", "Ms"];
/// The applicant genders the reference lists.
pub const GENDERS: [&str; 2] = ["male", "female"];

/// Records problems with one id number: its type, its value, an SSN's format, a state code.
pub fn id_number(errors: &mut FieldErrors, field: &str, id: &IdNumber) {
    if !id.id_type.is_known() {
        errors.add(format!("{field}.type"), format!("must be one of {}", IdNumberType::KNOWN.join(", ")));
    }
    let value = id.value.as_deref();
    plain_text(errors, &format!("{field}.value"), value);
    if required(errors, &format!("{field}.value"), value) && id.id_type == IdNumberType::Ssn {
        let v = value.unwrap_or_default();
        if !is_ssn(v) {
            errors.add(format!("{field}.value"), "an SSN must be xxx-xx-xxxx or its last four digits");
        }
    }
    if let Some(state) = id.state_code.as_deref() {
        if state.len() != 2 || !state.bytes().all(|b| b.is_ascii_uppercase()) {
            errors.add(format!("{field}.state_code"), "must be a two-letter state code");
        }
    }
}

/// Whether a value is a full SSN (`ddd-dd-dddd`) or its last four digits.
pub fn is_ssn(value: &str) -> bool {
    let digits = |s: &str, n: usize| s.len() == n && s.bytes().all(|b| b.is_ascii_digit());
    let mut parts = value.split('-');
    match (parts.next(), parts.next(), parts.next(), parts.next()) {
        (Some(last4), None, None, None) => digits(last4, 4),
        (Some(a), Some(b), Some(c), None) => digits(a, 3) && digits(b, 2) && digits(c, 4),
        _ => false,
    }
}

/// Records problems with one address: country, dates, and the UK and US rules.
pub fn address(errors: &mut FieldErrors, field: &str, address: &Address) {
    for (name, value) in [
        ("flat_number", &address.flat_number),
        ("building_number", &address.building_number),
        ("building_name", &address.building_name),
        ("street", &address.street),
        ("sub_street", &address.sub_street),
        ("town", &address.town),
        ("state", &address.state),
        ("postcode", &address.postcode),
    ] {
        plain_text(errors, &format!("{field}.{name}"), value.as_deref());
    }
    let country_code = address.country.as_deref();
    country(errors, &format!("{field}.country"), country_code);
    date(errors, &format!("{field}.start_date"), address.start_date.as_deref());
    date(errors, &format!("{field}.end_date"), address.end_date.as_deref());
    let postcode = address.postcode.as_deref();
    match country_code {
        Some("GBR") => {
            if address.street.as_deref().is_some_and(|s| s.chars().count() > 32) {
                errors.add(format!("{field}.street"), "UK streets have at most 32 characters");
            }
            if postcode.is_some_and(|p| !is_uk_postcode(p)) {
                errors.add(format!("{field}.postcode"), "is not a UK postcode (e.g. SW4 6EH)");
            }
        }
        Some("USA") => {
            if let Some(state) = address.state.as_deref() {
                if !countries::is_usps_state(state) {
                    errors.add(format!("{field}.state"), "must be a USPS state code (e.g. CA, NY, TX)");
                }
            }
            if postcode.is_some_and(|p| !is_zip(p)) {
                errors.add(format!("{field}.postcode"), "is not a ZIP code (12345 or 12345-6789)");
            }
        }
        _ => {}
    }
}

/// Whether a text is a UK postcode (`SW4 6EH`, `SW46EH`, any case; `GIR 0AA`).
pub fn is_uk_postcode(text: &str) -> bool {
    let compact: Vec<u8> = text.trim().bytes().filter(|b| *b != b' ').map(|b| b.to_ascii_uppercase()).collect();
    if compact == b"GIR0AA" {
        return true;
    }
    if !(5..=7).contains(&compact.len()) || text.trim().matches(' ').count() > 1 {
        return false;
    }
    let (outward, inward) = compact.split_at(compact.len() - 3);
    let inward_ok =
        matches!(inward, [d, a, b] if d.is_ascii_digit() && a.is_ascii_alphabetic() && b.is_ascii_alphabetic());
    // Outward: A9, A99, AA9, AA99, A9A, AA9A.
    let outward_ok = match outward {
        [a, d] => a.is_ascii_alphabetic() && d.is_ascii_digit(),
        [a, x, y] => {
            a.is_ascii_alphabetic()
                && ((x.is_ascii_digit() && y.is_ascii_alphanumeric())
                    || (x.is_ascii_alphabetic() && y.is_ascii_digit()))
        }
        [a, b, d, x] => {
            a.is_ascii_alphabetic() && b.is_ascii_alphabetic() && d.is_ascii_digit() && x.is_ascii_alphanumeric()
        }
        _ => false,
    };
    inward_ok && outward_ok
}

/// Whether a text is a US ZIP code (`12345` or `12345-6789`).
pub fn is_zip(text: &str) -> bool {
    let digits = |s: &str, n: usize| s.len() == n && s.bytes().all(|b| b.is_ascii_digit());
    match text.split_once('-') {
        None => digits(text, 5),
        Some((zip, plus4)) => digits(zip, 5) && digits(plus4, 4),
    }
}

/// Records a URL that is not absolute http(s).
pub fn http_url(errors: &mut FieldErrors, field: &str, value: Option<&str>) {
    if let Some(v) = value {
        let ok = Url::parse(v).is_ok_and(|u| matches!(u.scheme(), "http" | "https") && u.host().is_some());
        if !ok {
            errors.add(field, "must be an absolute http(s) URL");
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
