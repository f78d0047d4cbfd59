//! OAuth2 client credentials (API v3.6): the token request, its answer, and when to refresh.
//!
//! Sans-IO like everything else: the caller sends [`token_request`], hands the answer and the
//! time to [`parse_token`], and asks [`AccessToken::needs_refresh`] before each call; requests
//! built from an OAuth config carry no `Authorization` until [`HttpRequest::authorize`] adds
//! `Bearer …`. Secrets never show in `Debug`.
//!
//! ```
//! use onfido_core::oauth::{self, ClientCredentials};
//! use onfido_core::{ApiVersion, Config, HttpResponse};
//!
//! let credentials = ClientCredentials::new("my-client", "s3cret")?;
//! let config = Config::builder().oauth(credentials).api_version(ApiVersion::V3_6).build()?;
//! let request = oauth::token_request(&config)?;
//! assert_eq!(request.url, "https://api.eu.onfido.com/v3.6/oauth/token");
//!
//! let answer = HttpResponse::new(200, br#"{"access_token": "at-1", "token_type": "Bearer", "expires_in": 3600}"#.to_vec());
//! let token = oauth::parse_token(answer, 1_000)?;
//! assert!(!token.needs_refresh(1_000 + 3_569));
//! assert!(token.needs_refresh(1_000 + 3_570)); // 30 s before expiry
//! assert!(!format!("{token:?}").contains("at-1"));
//! # Ok::<(), onfido_core::Error>(())
//! ```

use std::fmt;

use serde::Deserialize;

use crate::config::Config;
use crate::error::Error;
use crate::http::{HttpRequest, HttpResponse, Method};

/// Seconds before expiry at which a token is refreshed.
pub const REFRESH_MARGIN_SECONDS: i64 = 30;

/// An OAuth2 client's id and secret; `Debug` shows the id only.
#[derive(Clone, PartialEq, Eq)]
pub struct ClientCredentials {
    client_id: String,
    client_secret: String,
}

impl ClientCredentials {
    /// Checks both: non-empty printable ASCII without spaces.
    pub fn new(client_id: impl Into<String>, client_secret: impl Into<String>) -> Result<Self, Error> {
        let (client_id, client_secret) = (client_id.into(), client_secret.into());
        for (field, value) in [("oauth_client_id", &client_id), ("oauth_client_secret", &client_secret)] {
            if value.is_empty() || !value.bytes().all(|b| b.is_ascii_graphic()) {
                return Err(Error::config(field, "must be non-empty printable ASCII without spaces"));
            }
        }
        Ok(ClientCredentials { client_id, client_secret })
    }

    /// The client id.
    pub fn client_id(&self) -> &str {
        &self.client_id
    }
}

impl fmt::Debug for ClientCredentials {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ClientCredentials").field("client_id", &self.client_id).field("client_secret", &"***").finish()
    }
}

/// The request for a new access token: a form POST to `oauth/token` below the base URL.
pub fn token_request(config: &Config) -> Result<HttpRequest, Error> {
    let credentials =
        config.oauth().ok_or_else(|| Error::config("oauth", "the configuration has no OAuth client credentials"))?;
    let body = url::form_urlencoded::Serializer::new(String::new())
        .append_pair("grant_type", "client_credentials")
        .append_pair("client_id", &credentials.client_id)
        .append_pair("client_secret", &credentials.client_secret)
        .finish();
    Ok(HttpRequest {
        method: Method::Post,
        url: config.endpoint(&["oauth", "token"]).into(),
        headers: vec![
            ("Accept".to_owned(), "application/json".to_owned()),
            ("User-Agent".to_owned(), config.user_agent().to_owned()),
            ("Content-Type".to_owned(), "application/x-www-form-urlencoded".to_owned()),
        ],
        body: body.into_bytes(),
    })
}

/// An access token and when it expires; `Debug` hides the token.
#[derive(Clone, PartialEq, Eq)]
pub struct AccessToken {
    token: String,
    expires_at: i64,
}

impl AccessToken {
    /// When it expires, in Unix seconds.
    pub fn expires_at(&self) -> i64 {
        self.expires_at
    }

    /// Whether to fetch a new one before a call at `now` (Unix seconds): from 30 s before expiry.
    pub fn needs_refresh(&self, now: i64) -> bool {
        now >= self.expires_at.saturating_sub(REFRESH_MARGIN_SECONDS)
    }

    /// The `Authorization` header's value.
    pub fn authorization(&self) -> String {
        format!("Bearer {}", self.token)
    }
}

impl fmt::Debug for AccessToken {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("AccessToken").field("token", &"***").field("expires_at", &self.expires_at).finish()
    }
}

/// Reads the token endpoint's answer, received at `now` (Unix seconds).
pub fn parse_token(response: HttpResponse, now: i64) -> Result<AccessToken, Error> {
    #[derive(Deserialize)]
    struct Answer {
        access_token: String,
        #[serde(default)]
        token_type: Option<String>,
        expires_in: i64,
    }
    if !response.is_success() {
        return Err(crate::operations::response::api_error(&response));
    }
    let answer: Answer = serde_json::from_slice(&response.body)
        .map_err(|e| Error::decode(response.status, format!("not a token answer: {e}"), &response.body))?;
    if answer.token_type.as_deref().is_some_and(|t| !t.eq_ignore_ascii_case("bearer")) {
        return Err(Error::decode(response.status, "the token is not a Bearer token", &response.body));
    }
    if answer.access_token.is_empty() || !answer.access_token.bytes().all(|b| b.is_ascii_graphic()) {
        return Err(Error::decode(response.status, "the access token is empty or not printable", &[]));
    }
    if answer.expires_in <= 0 {
        return Err(Error::decode(response.status, "expires_in must be positive", &[]));
    }
    Ok(AccessToken { token: answer.access_token, expires_at: now.saturating_add(answer.expires_in) })
}

impl HttpRequest {
    /// Sets `Authorization: Bearer …` from an access token (OAuth configs build without one).
    pub fn authorize(&mut self, token: &AccessToken) {
        self.headers.retain(|(name, _)| !name.eq_ignore_ascii_case("authorization"));
        self.headers.insert(0, ("Authorization".to_owned(), token.authorization()));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::{ApiVersion, Region};

    fn config() -> Config {
        let credentials = ClientCredentials::new("client-1", "secret-1").unwrap();
        Config::builder().oauth(credentials).region(Region::Us).api_version(ApiVersion::V3_6).build().unwrap()
    }

    #[test]
    fn the_token_request_is_a_form_post() {
        let request = token_request(&config()).unwrap();
        assert_eq!(request.url, "https://api.us.onfido.com/v3.6/oauth/token");
        assert_eq!(request.header("content-type"), Some("application/x-www-form-urlencoded"));
        assert_eq!(request.body, b"grant_type=client_credentials&client_id=client-1&client_secret=secret-1");
        assert!(request.header("authorization").is_none());
        assert!(!format!("{request:?} {:?}", config()).contains("secret-1"));
    }

    #[test]
    fn calls_carry_the_bearer_token() {
        let mut request = crate::v3::build_request("ping", &config(), &serde_json::Value::Null, None).unwrap();
        assert!(request.header("authorization").is_none());
        let answer =
            HttpResponse::new(200, br#"{"access_token":"at-9","token_type":"bearer","expires_in":60}"#.to_vec());
        let token = parse_token(answer, 100).unwrap();
        request.authorize(&token);
        assert_eq!(request.header("authorization"), Some("Bearer at-9"));
        assert_eq!(token.expires_at(), 160);
        assert!(!token.needs_refresh(129) && token.needs_refresh(130));
    }

    #[test]
    fn bad_answers_are_errors_without_the_secret() {
        let refused =
            HttpResponse::new(401, br#"{"error": {"type": "authorization_error", "message": "bad client"}}"#.to_vec());
        assert!(matches!(parse_token(refused, 0), Err(Error::Api(_))));
        let odd = HttpResponse::new(200, br#"{"access_token": "leak-me", "expires_in": "soon"}"#.to_vec());
        let error = parse_token(odd, 0).unwrap_err();
        assert!(matches!(error, Error::Decode { .. }));
        assert!(!format!("{error} {error:?}").contains("leak-me"), "{error:?}");
        assert!(ClientCredentials::new("id", "").is_err());
    }

    #[test]
    fn oauth_is_never_mixed_with_a_token_and_needs_v3_6() {
        let credentials = || ClientCredentials::new("a", "b").unwrap();
        let both = Config::builder().oauth(credentials()).api_token("api_sandbox.x").api_version(ApiVersion::V3_6);
        assert!(matches!(both.build(), Err(Error::Config { .. })));
        assert!(matches!(
            Config::builder().oauth(credentials()).api_version(ApiVersion::V2).build(),
            Err(Error::Config { .. })
        ));
    }
}
