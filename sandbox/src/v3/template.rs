//! Templated answers: a value of any type of the tables, filled in so the client reads it back.
//!
//! The operations the simulator keeps no state for answer with these: every declared field of
//! the answer's type, each with a value of its type (the first value of an enum, a text its
//! pattern accepts, a UUID for a UUID), nested to a small depth.

use serde_json::{json, Map, Value};

use onfido_core::timestamp::{format_rfc3339, Date};
use onfido_core::v3::schema::{Format, Text, Ty};

/// How deep nested objects and lists are filled in; deeper ones are empty.
const DEPTH: u8 = 5;

/// Fills in values; `id` makes a fresh UUID.
pub(super) struct Sampler<'a> {
    pub now: i64,
    pub base_url: &'a str,
    pub id: &'a mut dyn FnMut() -> String,
}

impl Sampler<'_> {
    /// A value of `ty`.
    pub fn value(&mut self, ty: &Ty) -> Value {
        self.at(ty, 0)
    }

    fn at(&mut self, ty: &Ty, depth: u8) -> Value {
        match ty {
            Ty::Any | Ty::Map(_) => json!({}),
            Ty::Bool => true.into(),
            Ty::Integer(bounds) => json!(bounds.min.map_or(1, |min| min.clamp(0.0, 1e9) as i64).max(1)),
            Ty::Number(bounds) => json!(bounds.min.map_or(1.0, |min| min.max(0.0)).max(0.5)),
            Ty::Str(text) => self.text(text).into(),
            Ty::Enum(e) => e.values.first().map_or(Value::Null, |v| Value::from(*v)),
            Ty::Array(array) if depth < DEPTH => {
                let count = array.min_items.unwrap_or(1).clamp(1, 3);
                Value::Array((0..count).map(|_| self.at(array.items, depth + 1)).collect())
            }
            Ty::Array(_) => json!([]),
            Ty::Object(object) if depth < DEPTH => {
                let map: Map<String, Value> =
                    object.fields.iter().map(|f| (f.name.to_owned(), self.at(f.ty, depth + 1))).collect();
                Value::Object(map)
            }
            Ty::Object(_) => json!({}),
            Ty::OneOf(choices) => choices.first().map_or(Value::Null, |c| self.at(c, depth)),
            Ty::Union(union) => match union.variants.first() {
                Some((tag, variant)) => {
                    let mut value = self.at(variant, depth);
                    if let Some(map) = value.as_object_mut() {
                        map.insert(union.tag.to_owned(), (*tag).into());
                    }
                    value
                }
                None => json!({}),
            },
        }
    }

    /// A text of the format that satisfies the pattern and lengths.
    fn text(&mut self, text: &Text) -> String {
        let candidate = match text.format {
            Format::Uuid => return (self.id)(),
            Format::Date => return Date::from_unix(self.now).to_string(),
            Format::DateTime => return format_rfc3339(self.now),
            Format::Uri => return format!("{}/sandbox/files/sample.pdf", self.base_url),
            Format::Plain | Format::Binary => "sample".to_owned(),
        };
        let min = text.min_len.unwrap_or(0).max(text.pattern.as_ref().map_or(0, |p| p.min));
        let max = text.max_len.or(text.pattern.as_ref().and_then(|p| p.max));
        let fits = |s: &str| {
            let n = u32::try_from(s.chars().count()).unwrap_or(u32::MAX);
            n >= min && max.is_none_or(|max| n <= max) && text.pattern.as_ref().is_none_or(|p| p.matches(s))
        };
        if fits(&candidate) {
            return candidate;
        }
        // One character the class accepts, as often as the lengths ask.
        let n = usize::try_from(min.max(1)).unwrap_or(1).min(64);
        let classes = text.pattern.as_ref().map(|p| (p.ranges, p.chars));
        let (ranges, chars) = classes.unwrap_or((&[], ""));
        let mut candidates = ranges.iter().map(|(lo, _)| *lo).chain(chars.chars()).chain(['a', 'A', '0', 'x']);
        candidates.find(|c| fits(&c.to_string().repeat(n))).unwrap_or('a').to_string().repeat(n)
    }
}

/// A small, valid PDF of one blank page.
pub(super) const PDF: &[u8] = b"%PDF-1.4\n1 0 obj <</Type /Catalog /Pages 2 0 R>> endobj\n\
2 0 obj <</Type /Pages /Kids [3 0 R] /Count 1>> endobj\n\
3 0 obj <</Type /Page /Parent 2 0 R /MediaBox [0 0 200 100]>> endobj\n\
trailer <</Root 1 0 R>>\n%%EOF\n";

/// A small JPEG (its markers; enough for content sniffing).
pub(super) const JPEG: &[u8] = &[
    0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x10, b'J', b'F', b'I', b'F', 0x00, 0x01, 0x01, 0x00, 0x00, 0x01, 0x00, 0x01, 0x00,
    0x00, 0xFF, 0xD9,
];

/// A few bytes standing for a video (an MP4 `ftyp` box).
pub(super) const MP4: &[u8] = &[
    0x00, 0x00, 0x00, 0x14, b'f', b't', b'y', b'p', b'i', b's', b'o', b'm', 0x00, 0x00, 0x02, 0x00, b'm', b'p', b'4',
    b'1',
];

/// The bytes, content type and file name a templated download of `operation` answers with.
pub(super) fn file_for(operation: &str) -> (&'static [u8], &'static str, &'static str) {
    if operation.contains("frame") || operation.contains("photo") || operation.contains("face") {
        (JPEG, "image/jpeg", "sample.jpg")
    } else if operation.contains("video") || operation.contains("motion_capture") {
        (MP4, "video/mp4", "sample.mp4")
    } else {
        (PDF, "application/pdf", "sample.pdf")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use onfido_core::config::ApiVersion;
    use onfido_core::http::HttpResponse;
    use onfido_core::v3::schema::Answer;

    #[test]
    fn every_json_answer_sample_reads_back_with_its_declared_fields() {
        let mut n = 0u64;
        let mut id = || {
            n += 1;
            format!("00000000-0000-4000-8000-{n:012x}")
        };
        let mut sampler = Sampler { now: 1_700_000_000, base_url: "http://127.0.0.1:1", id: &mut id };
        let mut checked = 0;
        for op in onfido_core::v3::operations() {
            let Answer::Json(ty) = op.answer else { continue };
            let value = sampler.value(ty);
            if let (Ty::Object(object), Some(map)) = (ty, value.as_object()) {
                assert!(object.fields.iter().all(|f| map.contains_key(f.name)), "{}: every field", op.id);
            }
            let body = serde_json::to_vec(&value).unwrap();
            let parsed = onfido_core::v3::parse_response(ApiVersion::V3_6, op.id, HttpResponse::new(200, body));
            assert_eq!(parsed.unwrap(), value, "{}", op.id);
            checked += 1;
        }
        assert_eq!(checked, 54, "every operation answering JSON");
    }

    #[test]
    fn texts_satisfy_patterns_and_lengths() {
        use onfido_core::v3::schema::Pattern;
        let mut id = || "id".to_owned();
        let mut sampler = Sampler { now: 0, base_url: "", id: &mut id };
        let task = Text {
            format: Format::Plain,
            pattern: Some(Pattern {
                source: "^[0-9a-z_-]+$",
                negated: false,
                chars: "_-",
                ranges: &[('0', '9'), ('a', 'z')],
                min: 1,
                max: None,
            }),
            min_len: None,
            max_len: None,
        };
        assert_eq!(sampler.text(&task), "sample");
        let digits = Text {
            format: Format::Plain,
            pattern: Some(Pattern {
                source: "^[0-9]{4}$",
                negated: false,
                chars: "",
                ranges: &[('0', '9')],
                min: 4,
                max: Some(4),
            }),
            min_len: None,
            max_len: None,
        };
        assert_eq!(sampler.text(&digits), "0000");
        let date = Text { format: Format::Date, pattern: None, min_len: None, max_len: None };
        assert_eq!(sampler.text(&date), "1970-01-01");
    }
}
