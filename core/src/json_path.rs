//! The path (`reports[0].name`) of the JSON value a `serde_json` error points at.
//!
//! `serde_json` errors carry a line and column but not the field; scanning the text up to that
//! position names it, so a mismatch can say which field is wrong without a second, path-tracking
//! decode pass (which would instantiate every model's deserializer twice).

/// One open container while scanning.
enum Frame {
    /// An object and the key whose value is being read (none between members).
    Object(Option<String>),
    /// An array and the index of the element being read.
    Array(usize),
}

/// The path of the value at a `serde_json` error's position in `json`, `""` for the top level.
pub fn error_path(json: &[u8], error: &serde_json::Error) -> String {
    path_at(json, offset(json, error.line(), error.column()))
}

/// A `serde_json` error's message without its ` at line L column C` suffix.
pub fn error_message(error: &serde_json::Error) -> String {
    let text = error.to_string();
    match text.rfind(" at line ") {
        Some(at) if error.line() > 0 => text.get(..at).unwrap_or(&text).to_owned(),
        _ => text,
    }
}

/// The byte offset just past a one-based line and column (bytes, as `serde_json` counts them).
fn offset(json: &[u8], line: usize, column: usize) -> usize {
    let mut start = 0;
    for _ in 1..line {
        match memchr::memchr(b'\n', json.get(start..).unwrap_or_default()) {
            Some(i) => start += i + 1,
            None => return json.len(),
        }
    }
    start.saturating_add(column).min(json.len())
}

/// The path of the value being read at `end`, scanning `json[..end]`.
fn path_at(json: &[u8], end: usize) -> String {
    let (stack, _) = scan(json.get(..end).unwrap_or(json), usize::MAX);
    path_of(&stack)
}

/// The path of the first container opened deeper than `limit` containers, if any (see
/// [`crate::bounds::check_json`]).
pub(crate) fn first_deeper_than(json: &[u8], limit: usize) -> Option<String> {
    let (stack, too_deep) = scan(json, limit);
    too_deep.then(|| path_of(&stack))
}

/// Scans `text`, keeping the open containers, until its end or until a container would open
/// past `limit` (then `true`, the stack naming where that container starts).
fn scan(text: &[u8], limit: usize) -> (Vec<Frame>, bool) {
    let mut stack: Vec<Frame> = Vec::new();
    let mut i = 0;
    while let Some(&byte) = text.get(i) {
        match byte {
            b'{' | b'[' if stack.len() >= limit => return (stack, true),
            b'{' => stack.push(Frame::Object(None)),
            b'[' => stack.push(Frame::Array(0)),
            b'}' | b']' => {
                stack.pop();
            }
            b',' => match stack.last_mut() {
                Some(Frame::Object(key)) => *key = None,
                Some(Frame::Array(index)) => *index += 1,
                None => {}
            },
            b'"' => {
                let close = string_end(text, i + 1);
                if let Some(Frame::Object(key @ None)) = stack.last_mut() {
                    *key = Some(unescape(text.get(i + 1..close).unwrap_or_default()));
                }
                i = close;
            }
            _ => {}
        }
        i += 1;
    }
    (stack, false)
}

/// `a.b[2].c` from the open containers.
fn path_of(stack: &[Frame]) -> String {
    let mut path = String::new();
    for frame in stack {
        match frame {
            Frame::Object(Some(key)) => {
                if !path.is_empty() {
                    path.push('.');
                }
                path.push_str(key);
            }
            Frame::Object(None) => {}
            Frame::Array(index) => {
                path.push('[');
                path.push_str(&index.to_string());
                path.push(']');
            }
        }
    }
    path
}

/// The index of the quote closing a string whose content starts at `from` (or the text's end).
fn string_end(text: &[u8], from: usize) -> usize {
    let mut i = from;
    while let Some(&byte) = text.get(i) {
        match byte {
            b'\\' => i += 2,
            b'"' => return i,
            _ => i += 1,
        }
    }
    text.len()
}

/// A key's text: escapes decoded when the key is complete, else its raw bytes.
fn unescape(raw: &[u8]) -> String {
    if !raw.contains(&b'\\') {
        return String::from_utf8_lossy(raw).into_owned();
    }
    let mut quoted = Vec::with_capacity(raw.len() + 2);
    quoted.push(b'"');
    quoted.extend_from_slice(raw);
    quoted.push(b'"');
    serde_json::from_slice(&quoted).unwrap_or_else(|_| String::from_utf8_lossy(raw).into_owned())
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde::Deserialize;

    #[derive(Deserialize, Debug)]
    #[allow(dead_code)]
    struct Input {
        first_name: Option<String>,
        address: Option<Address>,
        reports: Option<Vec<Report>>,
    }

    #[derive(Deserialize, Debug)]
    #[allow(dead_code)]
    struct Address {
        postcode: String,
        #[serde(rename = "flat\"number")]
        flat_number: Option<String>,
    }

    #[derive(Deserialize, Debug)]
    #[allow(dead_code)]
    struct Report {
        name: String,
    }

    fn path_of(json: &str) -> String {
        let error = serde_json::from_str::<Input>(json).unwrap_err();
        error_path(json.as_bytes(), &error)
    }

    #[test]
    fn names_the_field_of_a_wrong_type() {
        assert_eq!(path_of(r#"{"first_name": 5}"#), "first_name");
        assert_eq!(path_of(r#"{"first_name": "Jane", "address": {"postcode": true}}"#), "address.postcode");
        assert_eq!(path_of(r#"{"reports": [{"name": "document"}, {"name": []}]}"#), "reports[1].name");
        assert_eq!(path_of("{\n  \"address\": {\n    \"postcode\": 12\n  }\n}"), "address.postcode");
        assert_eq!(path_of(r#"{"address": {"postcode": "SW1", "flat\"number": 3}}"#), "address.flat\"number");
        assert_eq!(path_of(r#"{"address": "x"}"#), "address");
    }

    #[test]
    fn names_the_object_missing_a_field() {
        assert_eq!(path_of(r#"{"address": {}}"#), "address");
        assert_eq!(path_of(r#"{"reports": [{}]}"#), "reports[0]");
    }

    #[test]
    fn top_level_and_syntax_errors() {
        assert_eq!(path_of("[]"), "");
        assert_eq!(path_of(r#"{"first_name": "Jane""#), "first_name");
        assert_eq!(path_of(""), "");
    }

    #[test]
    fn messages_lose_the_position() {
        let error = serde_json::from_str::<Input>(r#"{"first_name": 5}"#).unwrap_err();
        assert_eq!(error_message(&error), "invalid type: integer `5`, expected a string");
    }
}
