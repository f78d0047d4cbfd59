//! Inputs to requests: every field checked against the tables before a request exists.

use serde_json::{Map, Value};

use super::rules;
use super::schema::{Encoding, Field, Format, Location, Object, Op, Text, Ty};
use crate::config::{ApiVersion, Config};
use crate::error::{Error, FieldErrors};
use crate::http::HttpRequest;
use crate::multipart::{FileUpload, Form};
use crate::operations::request::RequestBuilder;
use crate::timestamp::{Date, Timestamp};
use crate::validation;

/// What a path id keeps as it is: RFC 3986's unreserved characters; all else is percent-encoded
/// (`jane doe/x@y` → `jane%20doe%2Fx%40y`), so no id can add a path step or a query.
const PATH_ID: &percent_encoding::AsciiSet =
    &percent_encoding::NON_ALPHANUMERIC.remove(b'-').remove(b'.').remove(b'_').remove(b'~');

/// Builds the request of the v3 operation `operation` from its input: one JSON object holding
/// path parameters, query parameters and body fields side by side, under the API's names.
///
/// Every problem is reported at once as a validation error naming its field (`address.postcode`,
/// `report_names[0]`, `dbo` for a field the operation does not have); nothing is built then.
/// With `now` (Unix seconds), dates that must be past (a date of birth) are checked too.
pub fn build_request(operation: &str, config: &Config, input: &Value, now: Option<i64>) -> Result<HttpRequest, Error> {
    let op = super::operation(config.api_version(), operation)?;
    let empty = Map::new();
    let fields = match input {
        Value::Object(map) => map,
        Value::Null => &empty,
        _ => return Err(Error::validation("input", "must be an object of the operation's fields")),
    };
    let file = checked(op, config.api_version(), fields, None, now)?;
    request(op, config, fields, file)
}

/// Runs every check [`build_request`] runs on an input of `op` in `version`, without building
/// anything: each problem is reported at once as a validation error naming its field. With `now`
/// (Unix seconds), dates that must be past are checked too. (The offline sandbox refuses what
/// the client would refuse with this one function.)
pub fn check_input(op: &Op, version: ApiVersion, fields: &Map<String, Value>, now: Option<i64>) -> Result<(), Error> {
    checked(op, version, fields, None, now).map(|_| ())
}

/// [`check_input`] for an upload whose file arrived apart from the other fields (a multipart
/// part): the file is checked against the endpoint's rule as if it were the file field.
pub fn check_upload_input(
    op: &Op,
    version: ApiVersion,
    fields: &Map<String, Value>,
    file: &FileUpload,
    now: Option<i64>,
) -> Result<(), Error> {
    checked(op, version, fields, Some(file), now).map(|_| ())
}

/// The checks, and the upload they found.
fn checked(
    op: &Op,
    version: ApiVersion,
    fields: &Map<String, Value>,
    given: Option<&FileUpload>,
    now: Option<i64>,
) -> Result<Option<(String, FileUpload)>, Error> {
    let mut errors = FieldErrors::new();
    check_fields(op, version, fields, given.is_some(), &mut errors);
    if let Some(today) = now.map(Date::from_unix) {
        for (_, field) in rules::PAST_DATES.iter().filter(|(id, _)| *id == op.id) {
            validation::not_future(&mut errors, field, fields.get(*field).and_then(Value::as_str), today);
        }
    }
    for (_, field) in rules::CALLBACK_URLS.iter().filter(|(id, _)| *id == op.id) {
        if let Some(url) = fields.get(*field).and_then(Value::as_str) {
            validation::webhook_url(&mut errors, field, Some(url));
        }
    }
    let file = upload(op, fields, given, &mut errors);
    errors.into_result()?;
    Ok(file)
}

/// Checks every given field and every required one.
fn check_fields(op: &Op, version: ApiVersion, fields: &Map<String, Value>, file_given: bool, errors: &mut FieldErrors) {
    let body = op.body.as_ref().map(|b| b.object);
    for (name, value) in fields {
        if let Some(param) = op.param(name) {
            check_param(param.location, param.ty, name, value, errors);
        } else if let Some(field) = body.and_then(|b| b.field(name)) {
            if version == ApiVersion::V3_4 && op.not_in_v3_4.contains(&field.name) {
                errors.add(name.as_str(), format!("is not a field of {} in API v3.4", op.id));
            } else if !matches!(field.ty, Ty::Str(Text { format: Format::Binary, .. })) {
                check(field.ty, value, name, errors);
            }
        } else {
            errors.add(name.as_str(), format!("is not a field of {}", op.id));
        }
    }
    for param in op.params.iter().filter(|p| p.required) {
        if is_missing(fields.get(param.name)) {
            errors.add(param.name, "is required");
        }
    }
    if let Some(body) = body {
        for field in body.fields.iter().filter(|f| f.required && !f.read_only) {
            let is_file = matches!(field.ty, Ty::Str(Text { format: Format::Binary, .. }));
            if is_missing(fields.get(field.name)) && !(file_given && is_file) {
                errors.add(field.name, "is required");
            }
        }
    }
}

fn is_missing(value: Option<&Value>) -> bool {
    value.is_none_or(Value::is_null)
}

/// Records each required field of `object` that `fields` lacks.
fn required_fields(object: &Object, fields: &Map<String, Value>, path: &str, errors: &mut FieldErrors) {
    for field in object.fields.iter().filter(|f| f.required && !f.read_only) {
        if is_missing(fields.get(field.name)) {
            errors.add(join(path, field.name), "is required");
        }
    }
}

fn join(path: &str, name: &str) -> String {
    if path.is_empty() {
        name.to_owned()
    } else {
        format!("{path}.{name}")
    }
}

/// Checks a path or query parameter: path values are non-empty text that is no path step.
fn check_param(location: Location, ty: &Ty, name: &str, value: &Value, errors: &mut FieldErrors) {
    if value.is_null() {
        return;
    }
    if location == Location::Path {
        match value.as_str() {
            Some("") => errors.add(name, "must not be empty"),
            Some("." | "..") => errors.add(name, "must not be . or .."),
            Some(text) if text.chars().any(char::is_control) => errors.add(name, "must not contain control characters"),
            Some(_) => check(ty, value, name, errors),
            None => errors.add(name, "must be text"),
        }
    } else {
        check(ty, value, name, errors);
    }
}

/// Checks an input value against its type, recording problems under `path`.
fn check(ty: &Ty, value: &Value, path: &str, errors: &mut FieldErrors) {
    if value.is_null() {
        return;
    }
    match ty {
        Ty::Any => {}
        Ty::Bool if value.is_boolean() => {}
        Ty::Bool => errors.add(path, "must be true or false"),
        Ty::Integer(bounds) => match value.as_i64() {
            Some(n) => within(bounds, n as f64, path, errors),
            None => errors.add(path, "must be a whole number"),
        },
        Ty::Number(bounds) => match value.as_f64() {
            Some(n) => within(bounds, n, path, errors),
            None => errors.add(path, "must be a number"),
        },
        Ty::Str(text) => match value.as_str() {
            Some(s) => check_text(text, s, path, errors),
            None => errors.add(path, "must be text"),
        },
        Ty::Enum(e) => match value.as_str() {
            Some(s) if e.values.contains(&s) => {}
            Some(_) if e.values.len() > 12 => {
                errors.add(path, format!("must be one of the {} {}", e.values.len(), plural(e.name)));
            }
            Some(_) => errors.add(path, format!("must be one of {}", e.values.join(", "))),
            None => errors.add(path, "must be text"),
        },
        Ty::Array(array) => match value.as_array() {
            Some(items) => {
                let count = u32::try_from(items.len()).unwrap_or(u32::MAX);
                if array.min_items.is_some_and(|min| count < min) {
                    errors.add(path, format!("must have at least {} items", array.min_items.unwrap_or(0)));
                }
                if let Some(max) = array.max_items.filter(|max| count > *max) {
                    errors.add(path, format!("must have at most {max} items"));
                }
                for (i, item) in items.iter().enumerate() {
                    check(array.items, item, &format!("{path}[{i}]"), errors);
                }
            }
            None => errors.add(path, "must be a list"),
        },
        Ty::Object(object) => match value.as_object() {
            Some(map) => check_object(object, map, path, errors),
            None => errors.add(path, "must be an object"),
        },
        Ty::Map(values) => match value.as_object() {
            Some(map) => map.iter().for_each(|(k, v)| check(values, v, &join(path, k), errors)),
            None => errors.add(path, "must be an object"),
        },
        Ty::OneOf(choices) => match choices.iter().find(|c| same_kind(c, value)) {
            Some(choice) => check(choice, value, path, errors),
            None => errors.add(path, "must be a list or an object"),
        },
        Ty::Union(_) if value.is_object() => {}
        Ty::Union(_) => errors.add(path, "must be an object"),
    }
}

/// The description's names read as words: `country_codes` → `country codes`.
fn plural(name: &str) -> String {
    name.replace('_', " ")
}

fn within(bounds: &super::schema::Bounds, n: f64, path: &str, errors: &mut FieldErrors) {
    if bounds.min.is_some_and(|min| n < min) || bounds.max.is_some_and(|max| n > max) {
        let show = |b: Option<f64>| b.map_or("any".to_owned(), |b| b.to_string());
        errors.add(path, format!("must be between {} and {}", show(bounds.min), show(bounds.max)));
    }
}

/// Whether a value has the JSON kind of a type (for `oneOf` by JSON type).
fn same_kind(ty: &Ty, value: &Value) -> bool {
    match ty {
        Ty::Any => true,
        Ty::Bool => value.is_boolean(),
        Ty::Integer(_) | Ty::Number(_) => value.is_number(),
        Ty::Str(_) | Ty::Enum(_) => value.is_string(),
        Ty::Array(_) => value.is_array(),
        Ty::Object(_) | Ty::Map(_) | Ty::Union(_) => value.is_object(),
        Ty::OneOf(choices) => choices.iter().any(|c| same_kind(c, value)),
    }
}

/// Checks a nested object: its fields, its required ones, and no field it does not have.
fn check_object(object: &Object, map: &Map<String, Value>, path: &str, errors: &mut FieldErrors) {
    for (name, value) in map {
        match object.field(name) {
            Some(Field { ty, .. }) => check(ty, value, &join(path, name), errors),
            None => errors.add(join(path, name), "is not a field here"),
        }
    }
    required_fields(object, map, path, errors);
}

fn check_text(text: &Text, s: &str, path: &str, errors: &mut FieldErrors) {
    let ok = match text.format {
        Format::Plain | Format::Binary => true,
        Format::Uuid => is_uuid(s),
        Format::Date => Date::parse(s).is_some(),
        Format::DateTime => s.contains('T') && Timestamp::parse(s).unix_seconds().is_some(),
        Format::Uri => url::Url::parse(s).is_ok(),
    };
    if !ok {
        let what = match text.format {
            Format::Uuid => "a UUID (8-4-4-4-12 hexadecimal digits)",
            Format::Date => "a real date in yyyy-mm-dd format",
            Format::DateTime => "a date and time in RFC 3339 format",
            _ => "an absolute URI",
        };
        errors.add(path, format!("must be {what}"));
        return;
    }
    let chars = u32::try_from(s.chars().count()).unwrap_or(u32::MAX);
    if let Some(min) = text.min_len.filter(|min| chars < *min) {
        errors.add(path, format!("must have at least {min} characters"));
    }
    if let Some(max) = text.max_len.filter(|max| chars > *max) {
        errors.add(path, format!("must have at most {max} characters"));
    }
    if let Some(pattern) = text.pattern.as_ref().filter(|p| !p.matches(s)) {
        errors.add(path, format!("must match {}", pattern.source));
    }
}

/// Whether a text is a UUID: 8-4-4-4-12 hexadecimal digits, any case.
pub fn is_uuid(s: &str) -> bool {
    let bytes = s.as_bytes();
    bytes.len() == 36
        && bytes.iter().enumerate().all(|(i, b)| match i {
            8 | 13 | 18 | 23 => *b == b'-',
            _ => b.is_ascii_hexdigit(),
        })
}

/// The upload of a multipart operation, checked against its endpoint's rule.
fn upload(
    op: &Op,
    fields: &Map<String, Value>,
    given: Option<&FileUpload>,
    errors: &mut FieldErrors,
) -> Option<(String, FileUpload)> {
    let body = op.body.as_ref().filter(|b| b.encoding == Encoding::Multipart)?;
    let field = body.object.fields.iter().find(|f| matches!(f.ty, Ty::Str(Text { format: Format::Binary, .. })))?;
    if let Some(file) = given {
        if let Some(Err(message)) = rules::file_rule(op.id).map(|r| file.kind_within(r.kinds, r.min, r.max)) {
            errors.add(field.name, message);
        }
        return None;
    }
    let file = match fields.get(field.name).filter(|v| !v.is_null()) {
        None => return None,
        Some(value) => match serde_json::from_value::<FileUpload>(value.clone()) {
            Ok(file) => file,
            Err(e) => {
                errors.add(field.name, e.to_string());
                return None;
            }
        },
    };
    if let Some(rule) = rules::file_rule(op.id) {
        if let Err(message) = file.kind_within(rule.kinds, rule.min, rule.max) {
            errors.add(field.name, message);
            return None;
        }
    }
    Some((field.name.to_owned(), file))
}

/// The request, from a checked input.
fn request(
    op: &Op,
    config: &Config,
    fields: &Map<String, Value>,
    file: Option<(String, FileUpload)>,
) -> Result<HttpRequest, Error> {
    let mut url = config.endpoint(&[]);
    let mut path = url.path().trim_end_matches('/').to_owned();
    for segment in op.path.split('/').filter(|s| !s.is_empty()) {
        path.push('/');
        match segment.strip_prefix('{').and_then(|s| s.strip_suffix('}')) {
            Some(name) => {
                let value = fields.get(name).and_then(Value::as_str).unwrap_or_default();
                path.extend(percent_encoding::utf8_percent_encode(value, PATH_ID));
            }
            None => path.push_str(segment),
        }
    }
    url.set_path(&path);
    let mut builder = RequestBuilder::with_url(config, op.method, url);
    if !matches!(op.answer, super::schema::Answer::Json(_)) {
        builder = builder.accept_any();
    }
    for param in op.params.iter().filter(|p| p.location == Location::Query) {
        match fields.get(param.name) {
            Some(Value::Array(items)) => {
                for item in items {
                    builder = builder.query(param.name, query_text(item));
                }
            }
            Some(value) => builder = builder.query(param.name, query_text(value)),
            None => {}
        }
    }
    let Some(body) = op.body.as_ref() else {
        return Ok(builder.empty());
    };
    let given = body.object.fields.iter().filter_map(|f| Some((f, fields.get(f.name).filter(|v| !v.is_null())?)));
    match body.encoding {
        Encoding::Json => {
            let map: Map<String, Value> = given.map(|(f, v)| (f.name.to_owned(), v.clone())).collect();
            builder.json(&Value::Object(map))
        }
        Encoding::Multipart => {
            let mut form = Form::new();
            for (field, value) in given {
                form = match (&file, value) {
                    (Some((name, upload)), _) if name == field.name => {
                        let kind = crate::multipart::FileKind::sniff(&upload.content);
                        let content_type = kind.map_or("application/octet-stream", |k| k.content_type());
                        form.file(field.name, &upload.filename, content_type, upload.content.clone())
                    }
                    (_, Value::String(text)) => form.text(field.name, text.as_str()),
                    (_, other) => form.text(field.name, other.to_string()),
                };
            }
            Ok(builder.multipart(form))
        }
    }
}

/// A query parameter's text: strings as they are, other scalars as JSON writes them.
fn query_text(value: &Value) -> Option<String> {
    match value {
        Value::Null => None,
        Value::String(s) => Some(s.clone()),
        other => Some(other.to_string()),
    }
}
