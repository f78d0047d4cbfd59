//! Answers to outputs: every response shape of the v3 document, read against the tables.

use serde_json::{json, Value};

use super::schema::{Answer, Ty};
use crate::config::ApiVersion;
use crate::download::Download;
use crate::error::Error;
use crate::http::HttpResponse;
use crate::operations::response::{api_error, json_body};

/// Reads the answer to the v3 operation `operation` as JSON.
///
/// - a JSON body reads back as sent (an empty one is a `Decode` error) (wrapper lists, bare arrays, enveloped objects alike), once
///   every declared field is found to have its declared JSON type; unknown fields and enum
///   values are kept, `null` is accepted anywhere, and report breakdowns and properties are
///   free-form. A declared field of another type is a `Decode` error naming its path;
/// - no content (204, an empty 200) reads as `{}`, and a `Location` without a body as
///   `{"location": …}` (201 from `force_report_creation_from_watchlist_monitor`);
/// - a file as `{content_type, filename, size, sha256, content_base64}`, the bytes exact;
/// - `text/plain` as `{"text": …}` (`ping`);
/// - a documented 3xx with a `Location` as `{"redirect": {"location": …}}`: the caller fetches
///   it without the API's `Authorization` header;
/// - any other status is an `Api` error.
pub fn parse_response(version: ApiVersion, operation: &str, response: HttpResponse) -> Result<Value, Error> {
    let op = super::operation(version, operation)?;
    if let Some(location) = super::answer::redirect_location(op, &response) {
        return Ok(json!({"redirect": {"location": location}}));
    }
    if !response.is_success() {
        return Err(api_error(&response));
    }
    match op.answer {
        Answer::Empty => Ok(match response.header("location") {
            Some(location) if response.body.iter().all(u8::is_ascii_whitespace) => json!({"location": location.trim()}),
            _ => json!({}),
        }),
        Answer::Text => Ok(json!({"text": String::from_utf8_lossy(&response.body)})),
        Answer::File => {
            serde_json::to_value(Download::from_response(response)).map_err(|e| Error::decode(200, e.to_string(), &[]))
        }
        Answer::Json(ty) => {
            let value: Value = json_body(&response)?;
            if value.is_null() {
                return Err(Error::decode(response.status, "the body is null", &response.body));
            }
            match mismatch(ty, &value, &mut String::new()) {
                None => Ok(value),
                Some(message) => Err(Error::decode(response.status, message, &response.body)),
            }
        }
    }
}

/// A v3 answer as [`check_response`] finds it.
#[derive(Debug, Clone, PartialEq)]
pub enum Checked {
    /// The body (given back) is the answer: JSON whose declared fields all have their declared
    /// types. A binding parses it with its runtime's own JSON parser and gets what
    /// [`parse_response`] would have returned (member order aside).
    Body(Vec<u8>),
    /// Any other answer (no content, a file, text, a redirect, a body read leniently), as
    /// [`parse_response`] reads it.
    Value(Value),
}

/// [`parse_response`] without building the answer when the body already is it: a successful JSON
/// answer is checked against its declared types straight from the bytes, and `Checked::Body`
/// says the caller may parse it natively. Everything else, errors included, is exactly
/// [`parse_response`]'s (a body that does not conform is read again by it, for its message).
pub fn check_response(version: ApiVersion, operation: &str, response: HttpResponse) -> Result<Checked, Error> {
    let op = super::operation(version, operation)?;
    if let Answer::Json(ty) = op.answer {
        let plain = response.is_success() && super::answer::redirect_location(op, &response).is_none();
        if plain && super::conform::conforms(ty, &response.body) {
            return Ok(Checked::Body(response.body));
        }
    }
    parse_response(version, operation, response).map(Checked::Value)
}

/// Reads a v3 webhook notification body, `{"payload": {resource_type, action, object, resource}}`
/// (verify it first: [`super::verify_event`]).
///
/// `payload.action` and `payload.resource_type` are required; every declared field must have its
/// declared JSON type; unknown actions, statuses and fields are kept.
pub fn parse_event(body: &[u8]) -> Result<Value, Error> {
    let invalid = |message: String| Error::decode(200, format!("not a webhook notification: {message}"), body);
    let value: Value = serde_json::from_slice(body).map_err(|e| invalid(e.to_string()))?;
    if let Some(message) = mismatch(super::generated::WEBHOOK_EVENT, &value, &mut String::new()) {
        return Err(invalid(message));
    }
    let payload = value.get("payload").and_then(Value::as_object).ok_or_else(|| invalid("no payload".into()))?;
    for field in ["resource_type", "action"] {
        if payload.get(field).and_then(Value::as_str).is_none_or(str::is_empty) {
            return Err(invalid(format!("payload.{field} is missing")));
        }
    }
    Ok(value)
}

/// The first place where `value` does not have the JSON type `ty` declares, as `path: message`.
pub(super) fn mismatch(ty: &Ty, value: &Value, path: &mut String) -> Option<String> {
    if value.is_null() {
        return None;
    }
    let expected = match ty {
        Ty::Any => return None,
        Ty::Bool if value.is_boolean() => return None,
        Ty::Bool => "true or false",
        Ty::Integer(_) if value.as_i64().is_some() => return None,
        Ty::Integer(_) => "a whole number",
        Ty::Number(_) if value.is_number() => return None,
        Ty::Number(_) => "a number",
        Ty::Str(_) | Ty::Enum(_) if value.is_string() => return None,
        Ty::Str(_) | Ty::Enum(_) => "text",
        Ty::Array(array) => match value.as_array() {
            Some(items) => {
                for (i, item) in items.iter().enumerate() {
                    let len = path.len();
                    path.push_str(&format!("[{i}]"));
                    // `null` members are absent values; a `null` item of a typed list is not an item.
                    let found = match (item, array.items) {
                        (Value::Null, Ty::Any) => None,
                        (Value::Null, _) => Some(at(path, "expected an item, found null")),
                        _ => mismatch(array.items, item, path),
                    };
                    path.truncate(len);
                    if found.is_some() {
                        return found;
                    }
                }
                return None;
            }
            None => "a list",
        },
        Ty::Object(object) if value.is_object() => return mismatch_object(object, value, path),
        Ty::Object(_) => "an object",
        Ty::Map(values) => match value.as_object() {
            Some(map) => return map.iter().find_map(|(k, v)| within(path, k, |p| mismatch(values, v, p))),
            None => "an object",
        },
        Ty::OneOf(choices) => {
            return match choices.iter().find(|c| mismatch(c, value, &mut String::new()).is_none()) {
                Some(_) => None,
                None => Some(at(path, "has none of the shapes this field may have")),
            }
        }
        // Every kind, known or not (the API grows new report names), against the kinds' merged
        // fields: a new kind is kept whole as long as the fields the kinds declare have their types.
        Ty::Union(union) if value.is_object() => return mismatch_object(union.merged, value, path),
        Ty::Union(_) => "an object",
    };
    Some(at(path, &format!("expected {expected}, found {}", kind(value))))
}

/// The first declared field of `object` whose value in `value` (an object) has another type.
fn mismatch_object(object: &super::schema::Object, value: &Value, path: &mut String) -> Option<String> {
    let map = value.as_object()?;
    object
        .fields
        .iter()
        .find_map(|field| map.get(field.name).and_then(|v| within(path, field.name, |p| mismatch(field.ty, v, p))))
}

/// Runs `f` with `name` appended to the path.
fn within(path: &mut String, name: &str, f: impl FnOnce(&mut String) -> Option<String>) -> Option<String> {
    let len = path.len();
    if !path.is_empty() {
        path.push('.');
    }
    path.push_str(name);
    let found = f(path);
    path.truncate(len);
    found
}

fn at(path: &str, message: &str) -> String {
    if path.is_empty() {
        message.to_owned()
    } else {
        format!("{path}: {message}")
    }
}

fn kind(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "text",
        Value::Array(_) => "a list",
        Value::Object(_) => "an object",
    }
}
