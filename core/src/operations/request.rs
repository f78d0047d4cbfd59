//! Assembles requests: URL, headers and body, from a config.

use serde::Serialize;
use serde_json::Value;

use crate::config::Config;
use crate::error::Error;
use crate::http::{HttpRequest, Method};
use crate::multipart::Form;

/// A request under construction.
pub(crate) struct RequestBuilder<'c> {
    config: &'c Config,
    method: Method,
    url: url::Url,
    accept: &'static str,
}

impl<'c> RequestBuilder<'c> {
    /// A v2 request for a path below the base URL; segments are percent-encoded. A configuration
    /// for another version is refused: v2 paths do not exist there.
    pub(crate) fn new(config: &'c Config, method: Method, segments: &[&str]) -> Result<Self, Error> {
        if config.api_version() != crate::config::ApiVersion::V2 {
            return Err(Error::validation(
                "operation",
                format!(
                    "is a v2 operation, and the configuration is for API {}: set api_version v2, or use the v3 operations",
                    config.api_version().as_str()
                ),
            ));
        }
        Ok(RequestBuilder { config, method, url: config.endpoint(segments), accept: "application/json" })
    }

    /// A request for a URL already made from the config.
    pub(crate) fn with_url(config: &'c Config, method: Method, url: url::Url) -> Self {
        RequestBuilder { config, method, url, accept: "application/json" }
    }

    /// Accepts any content type (downloads).
    pub(crate) fn accept_any(mut self) -> Self {
        self.accept = "*/*";
        self
    }

    /// Adds a query parameter when it has a value.
    pub(crate) fn query(mut self, name: &str, value: Option<impl ToString>) -> Self {
        if let Some(value) = value {
            self.url.query_pairs_mut().append_pair(name, &value.to_string());
        }
        self
    }

    fn headers(&self, content_type: Option<String>) -> Vec<(String, String)> {
        let mut headers = Vec::with_capacity(4);
        if let Some(token) = self.config.token() {
            headers.push(("Authorization".to_owned(), format!("Token token={}", token.expose())));
        }
        headers.push(("Accept".to_owned(), self.accept.to_owned()));
        headers.push(("User-Agent".to_owned(), self.config.user_agent().to_owned()));
        if let Some(content_type) = content_type {
            headers.push(("Content-Type".to_owned(), content_type));
        }
        headers
    }

    /// A request without a body.
    pub(crate) fn empty(self) -> HttpRequest {
        HttpRequest { method: self.method, headers: self.headers(None), url: self.url.into(), body: Vec::new() }
    }

    /// A request with a JSON body; `null` members are left out at every depth.
    pub(crate) fn json(self, body: &impl Serialize) -> Result<HttpRequest, Error> {
        let mut value = serde_json::to_value(body).map_err(|e| Error::validation("body", e.to_string()))?;
        strip_nulls(&mut value);
        let body = serde_json::to_vec(&value).map_err(|e| Error::validation("body", e.to_string()))?;
        Ok(HttpRequest {
            method: self.method,
            headers: self.headers(Some("application/json".to_owned())),
            url: self.url.into(),
            body,
        })
    }

    /// A request with a multipart form body.
    pub(crate) fn multipart(self, form: Form) -> HttpRequest {
        let (content_type, body) = form.finish();
        HttpRequest { method: self.method, headers: self.headers(Some(content_type)), url: self.url.into(), body }
    }
}

/// Removes `null` object members, recursively.
fn strip_nulls(value: &mut Value) {
    match value {
        Value::Object(map) => {
            map.retain(|_, v| !v.is_null());
            map.values_mut().for_each(strip_nulls);
        }
        Value::Array(items) => items.iter_mut().for_each(strip_nulls),
        _ => {}
    }
}
