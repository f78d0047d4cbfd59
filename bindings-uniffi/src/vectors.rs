//! The operations by id with JSON in and out, as the shared vectors (and debugging tools) use them.

use std::sync::Arc;

use crate::client::OnfidoClient;
use crate::config::{ApiVersion, ClientConfig};
use crate::error::OnfidoError;
use crate::http::{HttpRequest, HttpResponse};

/// Builds an operation's request from its JSON input (the API's field names); `now` (Unix seconds)
/// also checks the rules that need the date.
#[uniffi::export(default(now = None))]
pub fn build_request(
    operation: String,
    config: ClientConfig,
    input_json: String,
    now: Option<i64>,
) -> Result<HttpRequest, OnfidoError> {
    let config = config.to_core()?;
    let input = crate::models::json_in("input", &input_json)?;
    let request = match now {
        Some(now) => onfido_core::dynamic::build_request_at(&operation, &config, &input, now),
        None => onfido_core::dynamic::build_request(&operation, &config, &input),
    }?;
    Ok(request.into())
}

/// Parses an operation's response into JSON: lists as the API's wrapper object (v3.6's bare
/// arrays as arrays), 204 as `{}`, downloads as `{content_type, filename, size, sha256,
/// content_base64}`; `api_version` says whose operation it is (v2 when not given).
#[uniffi::export(default(api_version = None))]
pub fn parse_response_json(
    operation: String,
    response: HttpResponse,
    api_version: Option<ApiVersion>,
) -> Result<String, OnfidoError> {
    let version = api_version.map_or(onfido_core::ApiVersion::V2, ApiVersion::to_core);
    Ok(onfido_core::dynamic::parse_response_in(version, &operation, response.try_into().map_err(OnfidoError::from)?)?
        .to_string())
}

/// Judges what a runtime observed of a shared test vector case (JSON texts): `None` when the case
/// passes, else why not. The one checker of every runtime (the `onfido-vectors` crate).
#[uniffi::export]
pub fn check_vector(kind: String, case_json: String, observed_json: String) -> Option<String> {
    onfido_vectors::check_texts(&kind, &case_json, &observed_json)
}

/// Runs an operation through the generated resource method of the client's version (`client.applicants.find`,
/// `client.v2.applicants.retrieve`…), its arguments and body record read from the JSON input, and
/// gives the answer back as JSON (records written as the API names their members): the shared
/// vectors' typed path. `None` when the typed API cannot express the input (a path id that is not
/// a string, a query value of another type, members an operation without a body cannot send, an
/// operation the version does not have).
#[uniffi::export]
pub async fn typed_call_json(
    client: Arc<OnfidoClient>,
    operation: String,
    input_json: String,
) -> Result<Option<String>, OnfidoError> {
    let input = crate::models::json_in("input", &input_json)?;
    let answer = if client.api_version().is_v3() {
        crate::v3::typed_call(&client, &operation, &input).await
    } else {
        crate::v2::typed_call(&client, &operation, &input).await
    };
    answer.map(|answer| answer.map(|value| value.to_string())).transpose()
}
