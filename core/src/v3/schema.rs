//! The shapes of the generated tables: every v3 operation and type as static data.
//!
//! `cargo xtask generate` writes [`super::generated`] from `api/onfido-v3.json`; one generic
//! engine ([`super::build`], [`super::parse`]) reads these tables, so an operation costs a table
//! row, not its own serde code (the wasm client stays small).

use crate::http::Method;

/// A value's type, as the description states it.
#[derive(Debug)]
pub enum Ty {
    /// Anything: free-form data (task input and output, report breakdowns and properties).
    Any,
    /// `true` or `false`.
    Bool,
    /// A whole number, within bounds when given.
    Integer(Bounds),
    /// Any number, within bounds when given.
    Number(Bounds),
    /// Text with its rules.
    Str(&'static Text),
    /// Text from a list of values (closed for inputs, open for outputs).
    Enum(&'static Enum),
    /// A list of one type.
    Array(&'static Array),
    /// An object with named fields; unknown fields are kept.
    Object(&'static Object),
    /// An object whose values all have one type (keys free).
    Map(&'static Ty),
    /// One of several shapes, told apart by JSON type (an array or an object).
    OneOf(&'static [&'static Ty]),
    /// Objects told apart by a tag field; an unknown tag keeps the object as it is.
    Union(&'static Union),
}

/// Inclusive numeric bounds.
#[derive(Debug, Clone, Copy)]
pub struct Bounds {
    /// The least value allowed.
    pub min: Option<f64>,
    /// The greatest value allowed.
    pub max: Option<f64>,
}

/// What a text must look like.
#[derive(Debug)]
pub struct Text {
    /// Its format.
    pub format: Format,
    /// A pattern every character (and the length) must satisfy.
    pub pattern: Option<Pattern>,
    /// The fewest characters.
    pub min_len: Option<u32>,
    /// The most characters.
    pub max_len: Option<u32>,
}

/// The formats the description uses for text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// Any text.
    Plain,
    /// `8-4-4-4-12` hexadecimal digits.
    Uuid,
    /// A real calendar date, `yyyy-mm-dd`.
    Date,
    /// An RFC 3339 timestamp.
    DateTime,
    /// An absolute URI.
    Uri,
    /// Bytes: a file part of a multipart body.
    Binary,
}

/// A pattern of the one form the description uses: `^[class]{min,max}$`.
///
/// The generator refuses any other form, so a new kind of pattern cannot pass unchecked.
#[derive(Debug)]
pub struct Pattern {
    /// The pattern as the description writes it (for messages).
    pub source: &'static str,
    /// Whether the class is negated (`[^...]`).
    pub negated: bool,
    /// The class's single characters.
    pub chars: &'static str,
    /// The class's inclusive ranges.
    pub ranges: &'static [(char, char)],
    /// The fewest characters.
    pub min: u32,
    /// The most characters (`None`: any number).
    pub max: Option<u32>,
}

impl Pattern {
    /// Whether a text matches.
    pub fn matches(&self, text: &str) -> bool {
        let mut count: u32 = 0;
        for c in text.chars() {
            let in_class = self.chars.contains(c) || self.ranges.iter().any(|(lo, hi)| (*lo..=*hi).contains(&c));
            if in_class == self.negated {
                return false;
            }
            count = count.saturating_add(1);
        }
        count >= self.min && self.max.is_none_or(|max| count <= max)
    }
}

/// A named list of text values.
#[derive(Debug)]
pub struct Enum {
    /// The schema's name in the description.
    pub name: &'static str,
    /// The values.
    pub values: &'static [&'static str],
}

/// A list type.
#[derive(Debug)]
pub struct Array {
    /// Its items' type.
    pub items: &'static Ty,
    /// The fewest items.
    pub min_items: Option<u32>,
    /// The most items.
    pub max_items: Option<u32>,
}

/// An object type.
#[derive(Debug)]
pub struct Object {
    /// The schema's name in the description (empty for an inline object).
    pub name: &'static str,
    /// Its declared fields.
    pub fields: &'static [Field],
}

impl Object {
    /// The declared field of that name.
    pub fn field(&self, name: &str) -> Option<&'static Field> {
        self.fields.iter().find(|f| f.name == name)
    }
}

/// One field of an object.
#[derive(Debug)]
pub struct Field {
    /// Its JSON name.
    pub name: &'static str,
    /// Its type.
    pub ty: &'static Ty,
    /// Whether a request must give it.
    pub required: bool,
    /// Whether the description allows `null` (responses tolerate `null` everywhere regardless).
    pub nullable: bool,
    /// Whether only the server sets it.
    pub read_only: bool,
}

/// Objects told apart by a tag field.
#[derive(Debug)]
pub struct Union {
    /// The schema's name in the description.
    pub name: &'static str,
    /// The tag field.
    pub tag: &'static str,
    /// Each tag value and its object type.
    pub variants: &'static [(&'static str, &'static Ty)],
    /// Every kind's fields in one object (a field typed differently by two kinds, and the
    /// free-form ones, are `Any`): what any member, of a known kind or not, is read against.
    pub merged: &'static Object,
}

/// Where a parameter goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Location {
    /// A path segment, percent-encoded.
    Path,
    /// A query parameter.
    Query,
}

/// A path or query parameter.
#[derive(Debug)]
pub struct Param {
    /// Its name (the input field that carries it).
    pub name: &'static str,
    /// Path or query.
    pub location: Location,
    /// Its type.
    pub ty: &'static Ty,
    /// Whether it must be given.
    pub required: bool,
}

/// How a request body is encoded.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Encoding {
    /// `application/json`.
    Json,
    /// `multipart/form-data`: files, text scalars, objects as JSON parts.
    Multipart,
}

/// A request body.
#[derive(Debug)]
pub struct Body {
    /// Its encoding.
    pub encoding: Encoding,
    /// Its type: an object whose fields sit beside the parameters in the input.
    pub object: &'static Object,
    /// Whether the body itself is required.
    pub required: bool,
}

/// What a successful answer holds.
#[derive(Debug, Clone, Copy)]
pub enum Answer {
    /// A JSON value of a type (objects, wrapper lists, bare arrays, enveloped objects).
    Json(&'static Ty),
    /// Nothing (204, an empty 200, or 201 with a `Location`).
    Empty,
    /// A file: exact bytes, content type, file name.
    File,
    /// `text/plain`.
    Text,
}

/// One v3 operation.
#[derive(Debug)]
pub struct Op {
    /// The v3.6 document's operationId.
    pub id: &'static str,
    /// The HTTP method.
    pub method: Method,
    /// The path template below the version, `/applicants/{applicant_id}`.
    pub path: &'static str,
    /// Path and query parameters.
    pub params: &'static [Param],
    /// The request body, if any.
    pub body: Option<Body>,
    /// What a 2xx answer holds.
    pub answer: Answer,
    /// Whether a 302 with a `Location` is a documented answer (a redirect to the file).
    pub redirects: bool,
    /// The v3.4 document's operationId, when v3.4 has the operation.
    pub v3_4_id: Option<&'static str>,
    /// Body fields v3.6 has and v3.4 does not.
    pub not_in_v3_4: &'static [&'static str],
}

impl Op {
    /// The parameter of that name.
    pub fn param(&self, name: &str) -> Option<&'static Param> {
        self.params.iter().find(|p| p.name == name)
    }
}
