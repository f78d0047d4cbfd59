//! Downloaded files: exact bytes, content type and file name.

use std::fmt;

use base64::Engine as _;
use serde::ser::{Serialize, SerializeMap, Serializer};
use sha2::{Digest, Sha256};

use crate::http::HttpResponse;

/// A downloaded document, live photo or live video.
#[derive(Clone, PartialEq, Eq, Default)]
pub struct Download {
    /// The bytes, exactly as received.
    pub content: Vec<u8>,
    /// The `Content-Type` the server sent.
    pub content_type: Option<String>,
    /// The file name from `Content-Disposition`, without any directory part.
    pub filename: Option<String>,
}

impl Download {
    /// Takes the body and headers of a successful download response.
    pub fn from_response(response: HttpResponse) -> Download {
        let content_type = response.header("content-type").map(|v| v.trim().to_owned());
        let filename = response.header("content-disposition").and_then(content_disposition_filename);
        Download { content: response.body, content_type, filename }
    }

    /// The SHA-256 of the bytes, as lowercase hex.
    pub fn sha256_hex(&self) -> String {
        crate::hex::encode(&Sha256::digest(&self.content))
    }
}

impl fmt::Debug for Download {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Download")
            .field("content_type", &self.content_type)
            .field("filename", &self.filename)
            .field("size", &self.content.len())
            .finish()
    }
}

/// Serialises as `{content_type, filename, size, sha256, content_base64}`.
impl Serialize for Download {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(Some(5))?;
        map.serialize_entry("content_type", &self.content_type)?;
        map.serialize_entry("filename", &self.filename)?;
        map.serialize_entry("size", &self.content.len())?;
        map.serialize_entry("sha256", &self.sha256_hex())?;
        map.serialize_entry("content_base64", &base64::engine::general_purpose::STANDARD.encode(&self.content))?;
        map.end()
    }
}

/// The file name a `Content-Disposition` value carries (`filename*` wins over `filename`), without
/// directory parts or control characters.
pub fn content_disposition_filename(value: &str) -> Option<String> {
    let mut plain = None;
    let mut extended = None;
    for (name, val) in disposition_params(value) {
        match name.to_ascii_lowercase().as_str() {
            "filename" if plain.is_none() => plain = Some(val),
            "filename*" if extended.is_none() => extended = decode_ext_value(&val),
            _ => {}
        }
    }
    let name = extended.or(plain)?;
    // No directory parts and no control characters (NUL, CR, LF…): the name is safe to show and
    // to save under.
    let base: String =
        name.rsplit(['/', '\\']).next().unwrap_or_default().chars().filter(|c| !c.is_control()).collect();
    let base = base.trim();
    (!base.is_empty() && base != "." && base != "..").then(|| base.to_owned())
}

/// The `name=value` parameters after the disposition type, quotes removed.
fn disposition_params(value: &str) -> Vec<(String, String)> {
    let mut out = Vec::new();
    let mut chars = value.chars().peekable();
    // Skip the disposition type.
    for c in chars.by_ref() {
        if c == ';' {
            break;
        }
    }
    loop {
        while chars.peek().is_some_and(|c| c.is_whitespace() || *c == ';') {
            chars.next();
        }
        let mut name = String::new();
        while let Some(&c) = chars.peek() {
            if c == '=' || c == ';' {
                break;
            }
            name.push(c);
            chars.next();
        }
        if chars.peek().is_none() && name.trim().is_empty() {
            return out;
        }
        let mut val = String::new();
        if chars.peek() == Some(&'=') {
            chars.next();
            while chars.peek().is_some_and(|c| c.is_whitespace()) {
                chars.next();
            }
            if chars.peek() == Some(&'"') {
                chars.next();
                while let Some(c) = chars.next() {
                    match c {
                        '\\' => val.extend(chars.next()),
                        '"' => break,
                        c => val.push(c),
                    }
                }
                while chars.peek().is_some_and(|c| *c != ';') {
                    chars.next();
                }
            } else {
                while let Some(&c) = chars.peek() {
                    if c == ';' {
                        break;
                    }
                    val.push(c);
                    chars.next();
                }
                val = val.trim_end().to_owned();
            }
        }
        out.push((name.trim().to_owned(), val));
        if chars.peek().is_none() {
            return out;
        }
    }
}

/// Decodes an RFC 8187 value: `UTF-8''na%C3%AFve.png`.
fn decode_ext_value(value: &str) -> Option<String> {
    let mut pieces = value.splitn(3, '\'');
    let charset = pieces.next()?;
    let _language = pieces.next()?;
    let encoded = pieces.next()?;
    let bytes: Vec<u8> = percent_encoding::percent_decode_str(encoded).collect();
    if charset.eq_ignore_ascii_case("utf-8") {
        String::from_utf8(bytes).ok()
    } else if charset.eq_ignore_ascii_case("iso-8859-1") {
        Some(bytes.into_iter().map(char::from).collect())
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn filenames() {
        assert_eq!(content_disposition_filename("attachment; filename=\"a.png\"").as_deref(), Some("a.png"));
        assert_eq!(content_disposition_filename("attachment; filename=a.png").as_deref(), Some("a.png"));
        assert_eq!(
            content_disposition_filename("attachment; filename=\"x.png\"; filename*=UTF-8''na%C3%AFve.png").as_deref(),
            Some("naïve.png")
        );
        assert_eq!(content_disposition_filename("attachment; filename=\"a\\\"b.png\"").as_deref(), Some("a\"b.png"));
        assert_eq!(
            content_disposition_filename("attachment; filename=\"../../etc/passwd\"").as_deref(),
            Some("passwd")
        );
        assert_eq!(content_disposition_filename("inline").as_deref(), None);
    }
}
