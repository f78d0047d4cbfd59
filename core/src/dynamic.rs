//! The operations by id with JSON inputs and outputs, for bindings and vector runners.

use serde::de::DeserializeOwned;
use serde::Serialize;
use serde_json::Value;

use crate::config::{ApiVersion, Config};
use crate::download::Download;
use crate::error::Error;
use crate::http::{HttpRequest, HttpResponse};
use crate::models::{
    Address, Applicant, Check, Document, LivePhoto, LiveVideo, OcrResult, Report, ReportTypeGroup, SdkToken, SlvResult,
    Webhook,
};
use crate::operations::{Listed, NoContent, Operation, OperationId, OperationVisitor};
use crate::pagination::Page;

/// Builds the request of the operation `operation` from its JSON input (the API's field names),
/// in the config's API version (v3.x operations: [`crate::v3`]).
///
/// Rules that need the time (a date of birth in the future) are checked by [`build_request_at`].
pub fn build_request(operation: &str, config: &Config, value: &Value) -> Result<HttpRequest, Error> {
    if config.api_version().is_v3() {
        return crate::v3::build_request(operation, config, value, None);
    }
    let empty = Value::Object(serde_json::Map::new());
    build_request_from(operation, config, if value.is_null() { &empty } else { value }, None)
}

/// Like [`build_request`], also checking the rules that need the time (`now`, Unix seconds).
pub fn build_request_at(operation: &str, config: &Config, value: &Value, now: i64) -> Result<HttpRequest, Error> {
    if config.api_version().is_v3() {
        return crate::v3::build_request(operation, config, value, Some(now));
    }
    let empty = Value::Object(serde_json::Map::new());
    build_request_from(operation, config, if value.is_null() { &empty } else { value }, Some(now))
}

/// Like [`build_request_at`], reading the input from any serde deserializer (a binding's native objects).
pub fn build_request_from<'de, D>(
    operation: &str,
    config: &Config,
    input: D,
    now: Option<i64>,
) -> Result<HttpRequest, Error>
where
    D: serde::Deserializer<'de>,
{
    if config.api_version().is_v3() {
        let value = serde_path_to_error::deserialize::<_, Value>(input).map_err(input_error)?;
        return crate::v3::build_request(operation, config, &value, now);
    }
    struct BuildFrom<'c, D> {
        config: &'c Config,
        input: D,
        now: Option<i64>,
    }
    impl<'de, D: serde::Deserializer<'de>> OperationVisitor for BuildFrom<'_, D> {
        type Result = Result<HttpRequest, Error>;
        fn visit<O>(self) -> Self::Result
        where
            O: Operation + DeserializeOwned,
            O::Output: Serialize + Into<AnyOutput>,
        {
            let operation: O = serde_path_to_error::deserialize(self.input).map_err(input_error)?;
            build(&operation, self.config, self.now)
        }
    }
    OperationId::parse(operation)?.visit(BuildFrom { config, input, now })
}

/// Builds an operation's request, with the rules that need the time when `now` is given.
fn build<O: Operation>(operation: &O, config: &Config, now: Option<i64>) -> Result<HttpRequest, Error> {
    match now {
        Some(now) => operation.build_at(config, now),
        None => operation.build(config),
    }
}

/// Like [`build_request_at`], reading the input from JSON text (`now` optional).
///
/// A value of the wrong type is a validation error naming its path (`address.postcode`), found
/// from the parser's position; an empty text or `null` is an empty input.
pub fn build_request_json(
    operation: &str,
    config: &Config,
    json: &[u8],
    now: Option<i64>,
) -> Result<HttpRequest, Error> {
    if config.api_version().is_v3() {
        return crate::v3::build_request(operation, config, &from_json::<Value>(json, "input")?, now);
    }
    struct BuildJson<'a> {
        config: &'a Config,
        json: &'a [u8],
        now: Option<i64>,
    }
    impl OperationVisitor for BuildJson<'_> {
        type Result = Result<HttpRequest, Error>;
        fn visit<O>(self) -> Self::Result
        where
            O: Operation + DeserializeOwned,
            O::Output: Serialize + Into<AnyOutput>,
        {
            build(&from_json::<O>(self.json, "input")?, self.config, self.now)
        }
    }
    OperationId::parse(operation)?.visit(BuildJson { config, json, now })
}

/// Reads a value from JSON text; a mismatch is a validation error naming its path under `field`,
/// and so is a value nested deeper than [`crate::bounds::MAX_DEPTH`] levels.
///
/// An empty text or `null` reads as `{}`.
pub fn from_json<T: DeserializeOwned>(json: &[u8], field: &str) -> Result<T, Error> {
    let blank = json.iter().all(u8::is_ascii_whitespace) || json.trim_ascii() == b"null";
    let json = if blank { b"{}".as_slice() } else { json };
    crate::bounds::check_json(json, field)?;
    serde_json::from_slice(json).map_err(|e| {
        let path = crate::json_path::error_path(json, &e);
        Error::validation(crate::bounds::field_path(field, &path), crate::json_path::error_message(&e))
    })
}

/// Parses a response of the operation `operation` of API `version` into JSON (lists as the API's
/// wrapper or bare array, 204 as `{}`; v3.x: [`crate::v3::parse_response`]).
pub fn parse_response_in(version: ApiVersion, operation: &str, response: HttpResponse) -> Result<Value, Error> {
    match version {
        ApiVersion::V2 => parse_response(operation, response),
        v3 => crate::v3::parse_response(v3, operation, response),
    }
}

/// Parses a response of the v2 operation `operation` into JSON (lists as the API's wrapper, 204 as `{}`).
pub fn parse_response(operation: &str, response: HttpResponse) -> Result<Value, Error> {
    struct Parse(HttpResponse);
    impl OperationVisitor for Parse {
        type Result = Result<Value, Error>;
        fn visit<O>(self) -> Self::Result
        where
            O: Operation + DeserializeOwned,
            O::Output: Serialize + Into<AnyOutput>,
        {
            let status = self.0.status;
            let output = O::parse(self.0)?;
            serde_json::to_value(output).map_err(|e| Error::decode(status, e.to_string(), &[]))
        }
    }
    OperationId::parse(operation)?.visit(Parse(response))
}

/// The input for the next page of a list, or `None` on the last page (or for operations without pages).
///
/// The page number is taken from the `Link` header and the request is rebuilt from the config,
/// so a token is never sent to a host a response named.
pub fn next_page_input(operation: &str, input: &Value, response: &HttpResponse) -> Result<Option<Value>, Error> {
    next_page_input_in(ApiVersion::V2, operation, input, response)
}

/// Like [`next_page_input`], for an operation of API `version`.
pub fn next_page_input_in(
    version: ApiVersion,
    operation: &str,
    input: &Value,
    response: &HttpResponse,
) -> Result<Option<Value>, Error> {
    if !is_paginated_in(version, operation)? {
        return Ok(None);
    }
    next_page(input, response)
}

/// Whether the operation of API `version` lists in pages (its answer may name a next page).
pub fn is_paginated_in(version: ApiVersion, operation: &str) -> Result<bool, Error> {
    if version.is_v3() {
        return Ok(crate::v3::is_paginated(crate::v3::operation(version, operation)?));
    }
    struct Paginated;
    impl OperationVisitor for Paginated {
        type Result = bool;
        fn visit<O>(self) -> bool
        where
            O: Operation + DeserializeOwned,
            O::Output: Serialize + Into<AnyOutput>,
        {
            O::PAGINATED
        }
    }
    Ok(OperationId::parse(operation)?.visit(Paginated))
}

/// The input with the page number (and size) of the response's `next` link, if any.
fn next_page(input: &Value, response: &HttpResponse) -> Result<Option<Value>, Error> {
    let page = Page::from_response(response)?;
    let Some(next) = page.next.and_then(|link| Some((link.page?, link.per_page))) else {
        return Ok(None);
    };
    let current = input.get("page").and_then(Value::as_u64).unwrap_or(1);
    crate::pagination::next_page_after(current, Some(next.0), response.status)?;
    let mut next_input = match input {
        Value::Object(map) => map.clone(),
        _ => serde_json::Map::new(),
    };
    next_input.insert("page".into(), next.0.into());
    if let Some(per_page) = next.1 {
        next_input.insert("per_page".into(), per_page.into());
    }
    Ok(Some(Value::Object(next_input)))
}

/// Reads an operation's typed input from JSON; a mismatch is a validation error naming the field.
pub fn input<O: DeserializeOwned>(value: &Value) -> Result<O, Error> {
    let empty = Value::Object(serde_json::Map::new());
    let value = if value.is_null() { &empty } else { value };
    serde_path_to_error::deserialize(value).map_err(input_error)
}

/// An input that does not deserialise, as a validation error on the field at its path (`input`
/// for the whole).
fn input_error<E: std::fmt::Display>(e: serde_path_to_error::Error<E>) -> Error {
    let path = e.path().to_string();
    let field = if path == "." { "input".to_owned() } else { path };
    Error::validation(field, e.inner().to_string())
}

/// Every operation's output, for bindings that wrap typed results rather than JSON.
#[derive(Clone, Debug, PartialEq)]
#[non_exhaustive]
pub enum AnyOutput {
    /// An applicant.
    Applicant(Applicant),
    /// A page of applicants.
    Applicants(Listed<Applicant>),
    /// A document.
    Document(Document),
    /// A list of documents.
    Documents(Listed<Document>),
    /// A live photo.
    LivePhoto(LivePhoto),
    /// A list of live photos.
    LivePhotos(Listed<LivePhoto>),
    /// A live video.
    LiveVideo(LiveVideo),
    /// A list of live videos.
    LiveVideos(Listed<LiveVideo>),
    /// A check.
    Check(Check),
    /// A list of checks.
    Checks(Listed<Check>),
    /// A report.
    Report(Report),
    /// A list of reports.
    Reports(Listed<Report>),
    /// A webhook.
    Webhook(Webhook),
    /// A list of webhooks.
    Webhooks(Listed<Webhook>),
    /// A report type group.
    ReportTypeGroup(ReportTypeGroup),
    /// A list of report type groups.
    ReportTypeGroups(Listed<ReportTypeGroup>),
    /// The addresses at a postcode.
    Addresses(Listed<Address>),
    /// A Web SDK token.
    SdkToken(SdkToken),
    /// OCR Autofill's result.
    Ocr(OcrResult),
    /// A Street Level code submission's answer.
    Slv(SlvResult),
    /// A downloaded file.
    Download(Download),
    /// No content (204).
    NoContent,
}

macro_rules! any_output_from {
    ($($ty:ty => $variant:ident),+ $(,)?) => {
        $(impl From<$ty> for AnyOutput {
            fn from(value: $ty) -> Self {
                AnyOutput::$variant(value)
            }
        })+
    };
}

any_output_from! {
    Applicant => Applicant, Listed<Applicant> => Applicants, Document => Document, Listed<Document> => Documents,
    LivePhoto => LivePhoto, Listed<LivePhoto> => LivePhotos, LiveVideo => LiveVideo, Listed<LiveVideo> => LiveVideos,
    Check => Check, Listed<Check> => Checks, Report => Report, Listed<Report> => Reports, Webhook => Webhook,
    Listed<Webhook> => Webhooks, ReportTypeGroup => ReportTypeGroup, Listed<ReportTypeGroup> => ReportTypeGroups,
    Listed<Address> => Addresses, SdkToken => SdkToken, OcrResult => Ocr, SlvResult => Slv, Download => Download,
}

impl From<NoContent> for AnyOutput {
    fn from(_: NoContent) -> Self {
        AnyOutput::NoContent
    }
}

/// What a binding does with each shape of output: one object, a page of a list, a file, nothing.
pub trait OutputVisitor {
    /// What the visit returns.
    type Result;
    /// One resource.
    fn object<T: Serialize>(self, value: &T) -> Self::Result;
    /// A page of a list and its pagination.
    fn list<T: Serialize>(self, items: &[T], page: &Page) -> Self::Result;
    /// A downloaded file.
    fn download(self, download: &Download) -> Self::Result;
    /// No content (204).
    fn no_content(self) -> Self::Result;
}

impl AnyOutput {
    /// Calls the visitor for this output's shape: bindings convert four shapes, not 22 variants.
    pub fn visit<V: OutputVisitor>(&self, visitor: V) -> V::Result {
        match self {
            AnyOutput::Applicant(v) => visitor.object(v),
            AnyOutput::Document(v) => visitor.object(v),
            AnyOutput::LivePhoto(v) => visitor.object(v),
            AnyOutput::LiveVideo(v) => visitor.object(v),
            AnyOutput::Check(v) => visitor.object(v),
            AnyOutput::Report(v) => visitor.object(v),
            AnyOutput::Webhook(v) => visitor.object(v),
            AnyOutput::ReportTypeGroup(v) => visitor.object(v),
            AnyOutput::SdkToken(v) => visitor.object(v),
            AnyOutput::Ocr(v) => visitor.object(v),
            AnyOutput::Slv(v) => visitor.object(v),
            AnyOutput::Applicants(l) => visitor.list(&l.items, &l.page),
            AnyOutput::Documents(l) => visitor.list(&l.items, &l.page),
            AnyOutput::LivePhotos(l) => visitor.list(&l.items, &l.page),
            AnyOutput::LiveVideos(l) => visitor.list(&l.items, &l.page),
            AnyOutput::Checks(l) => visitor.list(&l.items, &l.page),
            AnyOutput::Reports(l) => visitor.list(&l.items, &l.page),
            AnyOutput::Webhooks(l) => visitor.list(&l.items, &l.page),
            AnyOutput::ReportTypeGroups(l) => visitor.list(&l.items, &l.page),
            AnyOutput::Addresses(l) => visitor.list(&l.items, &l.page),
            AnyOutput::Download(d) => visitor.download(d),
            AnyOutput::NoContent => visitor.no_content(),
        }
    }
}

/// Parses a response of the operation `operation` into its typed output.
pub fn parse_output(operation: &str, response: HttpResponse) -> Result<AnyOutput, Error> {
    struct Parse(HttpResponse);
    impl OperationVisitor for Parse {
        type Result = Result<AnyOutput, Error>;
        fn visit<O>(self) -> Self::Result
        where
            O: Operation + DeserializeOwned,
            O::Output: Serialize + Into<AnyOutput>,
        {
            O::parse(self.0).map(Into::into)
        }
    }
    OperationId::parse(operation)?.visit(Parse(response))
}

/// Whether repeating the v2 operation cannot create a second resource (for retry decisions).
pub fn is_idempotent(operation: &str) -> Result<bool, Error> {
    Ok(OperationId::parse(operation)?.is_idempotent())
}

/// Whether the operation of API `version` may be sent again after a 5xx or a lost answer.
pub fn is_idempotent_in(version: ApiVersion, operation: &str) -> Result<bool, Error> {
    match version {
        ApiVersion::V2 => is_idempotent(operation),
        v3 => Ok(crate::v3::is_idempotent(crate::v3::operation(v3, operation)?)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn config() -> Config {
        Config::builder().api_token("test_abc").api_version(ApiVersion::V2).build().unwrap()
    }

    #[test]
    fn json_inputs_build_like_values() {
        let json = br#"{"first_name": "Jane", "last_name": "Doe", "country": "GBR"}"#;
        let from_json = build_request_json("create_applicant", &config(), json, None).unwrap();
        let value: Value = serde_json::from_slice(json).unwrap();
        assert_eq!(from_json, build_request("create_applicant", &config(), &value).unwrap());
        let empty = build_request_json("list_webhooks", &config(), b"", None).unwrap();
        assert_eq!(empty.url, "https://api.onfido.com/v2/webhooks");
    }

    #[test]
    fn pages_that_do_not_advance_are_an_error() {
        let link = |page: u32| {
            HttpResponse::new(200, br#"{"applicants": []}"#.to_vec())
                .with_header("Link", format!("<https://api.onfido.com/v2/applicants?page={page}>; rel=\"next\""))
        };
        let input = serde_json::json!({"page": 2});
        assert!(matches!(next_page_input("list_applicants", &input, &link(2)), Err(Error::Decode { .. })));
        assert!(matches!(next_page_input("list_applicants", &Value::Null, &link(1)), Err(Error::Decode { .. })));
        let next = next_page_input("list_applicants", &input, &link(3)).unwrap().unwrap();
        assert_eq!(next["page"], 3);
    }

    #[test]
    fn json_input_errors_name_the_field() {
        let json = br#"{"first_name": "Jane", "last_name": "Doe", "addresses": [{"postcode": 5}]}"#;
        match build_request_json("create_applicant", &config(), json, None) {
            Err(Error::Validation(fields)) => {
                assert!(fields.contains("addresses[0].postcode"), "{fields:?}");
            }
            other => panic!("expected a validation error, got {other:?}"),
        }
        match from_json::<Check>(br#"{"id": 7}"#, "check") {
            Err(Error::Validation(fields)) => assert!(fields.contains("check.id"), "{fields:?}"),
            other => panic!("expected a validation error, got {other:?}"),
        }
    }
}
