//! Typed readers of answers, one per answer shape, for the generated [`super::endpoints`].

use serde::de::DeserializeOwned;
use serde::Serialize;
use serde_json::{json, Value};

use super::schema::Op;
use crate::config::ApiVersion;
use crate::download::Download;
use crate::error::Error;
use crate::http::HttpResponse;
use crate::operations::response::{api_error, json_body};

/// An answer without content: 204, an empty 200, or 201 with the new resource's `Location`.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Empty {
    /// The `Location` header, when the answer has one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub location: Option<String>,
}

/// A file, or a redirect to where it can be fetched (without the API's `Authorization`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum FileOrRedirect {
    /// The file itself.
    File(Download),
    /// Where to fetch it.
    Redirect {
        /// The `Location`.
        location: String,
    },
}

/// The operation of that id in `version`, and a non-2xx answer as its error (3xx too when the
/// operation does not redirect).
fn success(id: &str, version: ApiVersion, response: &HttpResponse) -> Result<&'static Op, Error> {
    let op = super::operation(version, id)?;
    if !response.is_success() && redirect_location(op, response).is_none() {
        return Err(api_error(response));
    }
    Ok(op)
}

/// Where a documented redirect (a 3xx with a `Location`) of the operation points, if it is one.
pub(crate) fn redirect_location<'r>(op: &Op, response: &'r HttpResponse) -> Option<&'r str> {
    let redirect = op.redirects && (300..400).contains(&response.status);
    response.header("location").filter(|_| redirect).map(str::trim)
}

/// A JSON answer read straight into its model.
pub(crate) fn json<T: DeserializeOwned>(id: &str, version: ApiVersion, response: HttpResponse) -> Result<T, Error> {
    success(id, version, &response)?;
    json_body(&response)
}

/// An answer without content.
pub(crate) fn empty(id: &str, version: ApiVersion, response: HttpResponse) -> Result<Empty, Error> {
    success(id, version, &response)?;
    Ok(Empty { location: response.header("location").map(|l| l.trim().to_owned()) })
}

/// A `text/plain` answer.
pub(crate) fn text(id: &str, version: ApiVersion, response: HttpResponse) -> Result<String, Error> {
    success(id, version, &response)?;
    Ok(String::from_utf8_lossy(&response.body).into_owned())
}

/// A file.
pub(crate) fn file(id: &str, version: ApiVersion, response: HttpResponse) -> Result<Download, Error> {
    success(id, version, &response)?;
    Ok(Download::from_response(response))
}

/// A file, or a documented redirect to it.
pub(crate) fn file_or_redirect(id: &str, version: ApiVersion, response: HttpResponse) -> Result<FileOrRedirect, Error> {
    let op = success(id, version, &response)?;
    match redirect_location(op, &response) {
        Some(location) => Ok(FileOrRedirect::Redirect { location: location.to_owned() }),
        None => Ok(FileOrRedirect::File(Download::from_response(response))),
    }
}

/// A typed JSON answer written back as JSON.
pub(crate) fn json_json<T: Serialize>(output: T) -> Result<Value, Error> {
    serde_json::to_value(output).map_err(|e| Error::decode(200, e.to_string(), &[]))
}

/// No content as `{}`, or `{"location": …}`.
pub(crate) fn empty_json(output: Empty) -> Result<Value, Error> {
    json_json(output)
}

/// Text as `{"text": …}`.
pub(crate) fn text_json(output: String) -> Result<Value, Error> {
    Ok(json!({ "text": output }))
}

/// A file as `{content_type, filename, size, sha256, content_base64}`.
pub(crate) fn file_json(output: Download) -> Result<Value, Error> {
    json_json(output)
}

/// A file, or `{"redirect": {"location": …}}`.
pub(crate) fn file_or_redirect_json(output: FileOrRedirect) -> Result<Value, Error> {
    match output {
        FileOrRedirect::File(download) => file_json(download),
        FileOrRedirect::Redirect { location } => Ok(json!({"redirect": {"location": location}})),
    }
}
