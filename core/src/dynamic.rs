//! The operations by id with JSON inputs and outputs, for bindings and vector runners.

use serde::de::DeserializeOwned;
use serde::Serialize;
use serde_json::Value;

use crate::config::Config;
use crate::error::Error;
use crate::http::{HttpRequest, HttpResponse};
use crate::operations::{Operation, OperationId, OperationVisitor};
use crate::pagination::Page;

/// Builds the request of the operation `operation` from its JSON input (the API's field names).
///
/// Rules that need the time (a date of birth in the future) are checked by [`build_request_at`].
pub fn build_request(operation: &str, config: &Config, value: &Value) -> Result<HttpRequest, Error> {
    OperationId::parse(operation)?.visit(Build { config, value, now: None })
}

/// Like [`build_request`], also checking the rules that need the time (`now`, Unix seconds).
pub fn build_request_at(operation: &str, config: &Config, value: &Value, now: i64) -> Result<HttpRequest, Error> {
    OperationId::parse(operation)?.visit(Build { config, value, now: Some(now) })
}

struct Build<'a> {
    config: &'a Config,
    value: &'a Value,
    now: Option<i64>,
}

impl OperationVisitor for Build<'_> {
    type Result = Result<HttpRequest, Error>;
    fn visit<O>(self) -> Self::Result
    where
        O: Operation + DeserializeOwned,
        O::Output: Serialize,
    {
        let operation = input::<O>(self.value)?;
        match self.now {
            Some(now) => operation.build_at(self.config, now),
            None => operation.build(self.config),
        }
    }
}

/// Parses a response of the operation `operation` into JSON (lists as the API's wrapper, 204 as `{}`).
pub fn parse_response(operation: &str, response: HttpResponse) -> Result<Value, Error> {
    struct Parse(HttpResponse);
    impl OperationVisitor for Parse {
        type Result = Result<Value, Error>;
        fn visit<O>(self) -> Self::Result
        where
            O: Operation + DeserializeOwned,
            O::Output: Serialize,
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
    struct Paginated;
    impl OperationVisitor for Paginated {
        type Result = bool;
        fn visit<O>(self) -> bool
        where
            O: Operation + DeserializeOwned,
            O::Output: Serialize,
        {
            O::PAGINATED
        }
    }
    if !OperationId::parse(operation)?.visit(Paginated) {
        return Ok(None);
    }
    let page = Page::from_response(response)?;
    let Some(next) = page.next.and_then(|link| Some((link.page?, link.per_page))) else {
        return Ok(None);
    };
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
    serde_path_to_error::deserialize(value).map_err(|e| {
        let path = e.path().to_string();
        let field = if path == "." { "input".to_owned() } else { path };
        Error::validation(field, e.inner().to_string())
    })
}
