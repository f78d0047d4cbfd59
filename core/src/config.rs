//! Client configuration: API token, region, API version and base URL.

use std::fmt;

use serde_json::Value;
use url::{Host, Url};

use crate::error::Error;
use crate::oauth::ClientCredentials;

/// A data region with its own base URL.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Region {
    /// Europe (the default).
    Eu,
    /// United States.
    Us,
    /// Canada.
    Ca,
}

impl Region {
    /// The region's code: `eu`, `us` or `ca`.
    pub fn as_str(self) -> &'static str {
        match self {
            Region::Eu => "eu",
            Region::Us => "us",
            Region::Ca => "ca",
        }
    }

    /// Parses `eu`, `us` or `ca` (any case).
    pub fn parse(code: &str) -> Result<Region, Error> {
        match code.to_ascii_lowercase().as_str() {
            "eu" => Ok(Region::Eu),
            "us" => Ok(Region::Us),
            "ca" => Ok(Region::Ca),
            _ => Err(Error::config("region", "must be one of eu, us, ca")),
        }
    }
}

/// The API version: its base URL and the operations it has.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Default)]
pub enum ApiVersion {
    /// `v2`: the 34 hand-written operations of [`crate::operations`] (superseded; frozen).
    V2,
    /// `v3.4`, the getting-started guide's version: a profile of v3.6 ([`crate::v3`]).
    V3_4,
    /// `v3.6`, the live version and the default: every operation of [`crate::v3`].
    #[default]
    V3_6,
}

impl ApiVersion {
    /// The version's path segment: `v2`, `v3.4` or `v3.6`.
    pub fn as_str(self) -> &'static str {
        match self {
            ApiVersion::V2 => "v2",
            ApiVersion::V3_4 => "v3.4",
            ApiVersion::V3_6 => "v3.6",
        }
    }

    /// Parses `v2`, `v3.4` or `v3.6`.
    pub fn parse(text: &str) -> Result<ApiVersion, Error> {
        match text {
            "v2" => Ok(ApiVersion::V2),
            "v3.4" => Ok(ApiVersion::V3_4),
            "v3.6" => Ok(ApiVersion::V3_6),
            _ => Err(Error::config("api_version", "must be v2, v3.4 or v3.6")),
        }
    }

    /// Whether the version's operations are the generated v3 ones.
    pub fn is_v3(self) -> bool {
        !matches!(self, ApiVersion::V2)
    }
}

/// Sandbox or live, as the token's prefix tells.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Environment {
    /// Test requests: dummy results, 30 requests a minute.
    Sandbox,
    /// Real checks, billed, 400 requests a minute.
    Live,
}

/// Token prefixes: text, environment, and the region they belong to (`None`: any).
const PREFIXES: [(&str, Environment, Option<Region>); 6] = [
    ("us_test_", Environment::Sandbox, Some(Region::Us)),
    ("us_live_", Environment::Live, Some(Region::Us)),
    ("test_", Environment::Sandbox, Some(Region::Eu)),
    ("live_", Environment::Live, Some(Region::Eu)),
    ("api_sandbox.", Environment::Sandbox, None),
    ("api_live.", Environment::Live, None),
];

/// An API token; its `Debug` shows only the prefix.
#[derive(Clone, PartialEq, Eq)]
pub struct ApiToken(String);

impl ApiToken {
    /// Checks a token: non-empty printable ASCII, no spaces or control characters.
    pub fn new(token: impl Into<String>) -> Result<ApiToken, Error> {
        let token = token.into();
        if token.is_empty() {
            return Err(Error::config("api_token", "is empty"));
        }
        if !token.bytes().all(|b| (0x21..=0x7e).contains(&b)) {
            return Err(Error::config("api_token", "must be printable ASCII without spaces or control characters"));
        }
        Ok(ApiToken(token))
    }

    fn prefix(&self) -> Option<&'static (&'static str, Environment, Option<Region>)> {
        PREFIXES.iter().find(|(p, _, _)| self.0.starts_with(p))
    }

    /// Sandbox or live, when the prefix is a known one.
    pub fn environment(&self) -> Option<Environment> {
        self.prefix().map(|(_, env, _)| *env)
    }

    /// The region the prefix ties the token to (`None`: any region, or unknown prefix).
    pub fn region(&self) -> Option<Region> {
        self.prefix().and_then(|(_, _, region)| *region)
    }

    /// The token itself, for an `Authorization` header.
    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for ApiToken {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let prefix = self.prefix().map_or("", |(p, _, _)| *p);
        write!(f, "ApiToken({prefix}***)")
    }
}

/// Everything a request needs besides its input.
#[derive(Clone, Debug)]
pub struct Config {
    token: Option<ApiToken>,
    oauth: Option<ClientCredentials>,
    region: Region,
    api_version: ApiVersion,
    base_url: Url,
    user_agent: String,
}

impl Config {
    /// Starts a configuration.
    pub fn builder() -> ConfigBuilder {
        ConfigBuilder::default()
    }

    /// Reads `{"token", "region", "api_version", "base_url", "binding", "app_name"}` (the vectors' shape).
    pub fn from_json(value: &Value) -> Result<Config, Error> {
        let Some(map) = value.as_object() else {
            return Err(Error::config("config", "must be an object"));
        };
        let text = |key: &str| -> Result<Option<&str>, Error> {
            match map.get(key) {
                None | Some(Value::Null) => Ok(None),
                Some(Value::String(s)) => Ok(Some(s.as_str())),
                Some(_) => Err(Error::config(key, "must be a string")),
            }
        };
        let mut builder = Config::builder();
        if let Some(token) = text("token")?.or(text("api_token")?) {
            builder = builder.api_token(token);
        }
        if let Some(region) = text("region")? {
            builder = builder.region(Region::parse(region)?);
        }
        if let Some(version) = text("api_version")? {
            builder = builder.api_version(ApiVersion::parse(version)?);
        }
        if let Some(base_url) = text("base_url")? {
            builder = builder.base_url(base_url);
        }
        if let Some(binding) = text("binding")? {
            builder = builder.binding(binding);
        }
        if let Some(app_name) = text("app_name")? {
            builder = builder.app_name(app_name);
        }
        builder.build()
    }

    /// The API token, if any (none in token-less mode).
    pub fn token(&self) -> Option<&ApiToken> {
        self.token.as_ref()
    }

    /// The OAuth2 client credentials, if the config authenticates with OAuth (v3.6).
    pub fn oauth(&self) -> Option<&ClientCredentials> {
        self.oauth.as_ref()
    }

    /// The region.
    pub fn region(&self) -> Region {
        self.region
    }

    /// The API version.
    pub fn api_version(&self) -> ApiVersion {
        self.api_version
    }

    /// The base URL every path is joined to, ending in `/`.
    pub fn base_url(&self) -> &Url {
        &self.base_url
    }

    /// The `User-Agent` header value.
    pub fn user_agent(&self) -> &str {
        &self.user_agent
    }

    /// Sandbox or live, from the token's prefix.
    pub fn environment(&self) -> Option<Environment> {
        self.token.as_ref().and_then(ApiToken::environment)
    }

    /// The URL of a path below the base URL; each segment is percent-encoded.
    pub fn endpoint(&self, segments: &[&str]) -> Url {
        let mut url = self.base_url.clone();
        if let Ok(mut path) = url.path_segments_mut() {
            path.pop_if_empty().extend(segments);
        }
        url
    }
}

/// Builds a [`Config`], checking it as a whole.
#[derive(Clone, Default)]
pub struct ConfigBuilder {
    token: Option<String>,
    oauth: Option<ClientCredentials>,
    region: Option<Region>,
    api_version: ApiVersion,
    base_url: Option<String>,
    binding: Option<String>,
    app_name: Option<String>,
}

impl fmt::Debug for ConfigBuilder {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ConfigBuilder")
            .field("token", &self.token.as_ref().map(|_| "***"))
            .field("oauth", &self.oauth)
            .field("region", &self.region)
            .field("api_version", &self.api_version)
            .field("base_url", &self.base_url)
            .field("binding", &self.binding)
            .field("app_name", &self.app_name)
            .finish()
    }
}

impl ConfigBuilder {
    /// The API token (`test_…`, `live_…`, `us_test_…`, `api_sandbox.…`, …).
    pub fn api_token(mut self, token: impl Into<String>) -> Self {
        self.token = Some(token.into());
        self
    }

    /// OAuth2 client credentials instead of an API token (v3.6 only): requests are built without
    /// `Authorization`, and [`crate::oauth`] fetches the `Bearer` token to add.
    pub fn oauth(mut self, credentials: ClientCredentials) -> Self {
        self.oauth = Some(credentials);
        self
    }

    /// The region (default: the token's, else EU).
    pub fn region(mut self, region: Region) -> Self {
        self.region = Some(region);
        self
    }

    /// The API version (default v3.6).
    pub fn api_version(mut self, version: ApiVersion) -> Self {
        self.api_version = version;
        self
    }

    /// A base URL instead of the region's: https, or http on a loopback host.
    pub fn base_url(mut self, base_url: impl Into<String>) -> Self {
        self.base_url = Some(base_url.into());
        self
    }

    /// The binding's name for the `User-Agent` (default `rust`).
    pub fn binding(mut self, binding: impl Into<String>) -> Self {
        self.binding = Some(binding.into());
        self
    }

    /// Your application's name (and version), appended to the `User-Agent`: `my-app/1.2`.
    pub fn app_name(mut self, app_name: impl Into<String>) -> Self {
        self.app_name = Some(app_name.into());
        self
    }

    /// Checks the settings together and builds the configuration.
    pub fn build(self) -> Result<Config, Error> {
        let token = self.token.map(ApiToken::new).transpose()?;
        if self.oauth.is_some() && token.is_some() {
            return Err(Error::config("oauth", "give an API token or OAuth client credentials, not both"));
        }
        if self.oauth.is_some() && self.api_version != ApiVersion::V3_6 {
            return Err(Error::config("oauth", "OAuth client credentials need api_version v3.6"));
        }
        let token_region = token.as_ref().and_then(ApiToken::region);
        let region = self.region.or(token_region).unwrap_or(Region::Eu);
        if let Some(expected) = token_region {
            if expected != region {
                return Err(Error::config(
                    "region",
                    format!("the API token belongs to region {}, not {}", expected.as_str(), region.as_str()),
                ));
            }
        }
        let base_url = match self.base_url {
            Some(custom) => custom_base_url(&custom, self.api_version)?,
            None if token.is_none() && self.oauth.is_none() => {
                return Err(Error::config("base_url", "is required without an API token (token-less mode)"));
            }
            None => default_base_url(region, self.api_version)?,
        };
        let binding = self.binding.unwrap_or_else(|| "rust".to_owned());
        if binding.is_empty() || !binding.bytes().all(|b| b.is_ascii_graphic()) {
            return Err(Error::config("binding", "must be a short printable name"));
        }
        Ok(Config {
            token,
            oauth: self.oauth,
            region,
            api_version: self.api_version,
            base_url,
            user_agent: match self.app_name {
                None => format!("onfido-core/{} ({binding})", crate::VERSION),
                Some(app) => {
                    let printable = (1..=100).contains(&app.len()) && app.bytes().all(|b| (b' '..=b'~').contains(&b));
                    if !printable || app.trim() != app {
                        return Err(Error::config("app_name", "must be 1 to 100 printable ASCII characters"));
                    }
                    format!("onfido-core/{} ({binding}) {app}", crate::VERSION)
                }
            },
        })
    }
}

fn default_base_url(region: Region, version: ApiVersion) -> Result<Url, Error> {
    let host = match (version, region) {
        (ApiVersion::V2, Region::Eu) => "api.onfido.com".to_owned(),
        (_, r) => format!("api.{}.onfido.com", r.as_str()),
    };
    Url::parse(&format!("https://{host}/{}/", version.as_str())).map_err(|e| Error::config("base_url", e.to_string()))
}

fn custom_base_url(text: &str, version: ApiVersion) -> Result<Url, Error> {
    let mut url = Url::parse(text).map_err(|e| Error::config("base_url", format!("is not a URL ({e})")))?;
    let loopback = match url.host() {
        Some(Host::Domain(d)) => d.eq_ignore_ascii_case("localhost"),
        Some(Host::Ipv4(ip)) => ip.is_loopback(),
        Some(Host::Ipv6(ip)) => ip.is_loopback(),
        None => false,
    };
    match url.scheme() {
        "https" => {}
        "http" if loopback => {}
        "http" => return Err(Error::config("base_url", "must use https (http only for loopback hosts)")),
        _ => return Err(Error::config("base_url", "must be an https URL")),
    }
    if url.host().is_none() || url.cannot_be_a_base() {
        return Err(Error::config("base_url", "must have a host"));
    }
    if !url.username().is_empty() || url.password().is_some() {
        return Err(Error::config("base_url", "must not contain credentials"));
    }
    if url.query().is_some() || url.fragment().is_some() {
        return Err(Error::config("base_url", "must not have a query or fragment"));
    }
    let ends_with_version =
        url.path_segments().and_then(|mut s| s.rfind(|s| !s.is_empty())).is_some_and(|last| last == version.as_str());
    if let Ok(mut path) = url.path_segments_mut() {
        path.pop_if_empty();
        if !ends_with_version {
            path.push(version.as_str());
        }
        path.push("");
    }
    Ok(url)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn token_debug_hides_the_secret() {
        let token = ApiToken::new("test_supersecret").unwrap();
        assert_eq!(format!("{token:?}"), "ApiToken(test_***)");
        let config = Config::builder().api_token("api_live.secret123").region(Region::Ca).build().unwrap();
        let shown = format!("{config:?}");
        assert!(!shown.contains("secret123"), "{shown}");
    }

    #[test]
    fn region_follows_the_token() {
        let config = Config::builder().api_token("us_test_x").api_version(ApiVersion::V2).build().unwrap();
        assert_eq!(config.region(), Region::Us);
        assert_eq!(config.base_url().as_str(), "https://api.us.onfido.com/v2/");
        let live = Config::builder().api_token("us_test_x").build().unwrap();
        assert_eq!(live.api_version(), ApiVersion::V3_6, "v3.6 is the default");
        assert_eq!(live.base_url().as_str(), "https://api.us.onfido.com/v3.6/");
        let err = Config::builder().api_token("test_x").region(Region::Us).build().unwrap_err();
        assert_eq!(err.kind(), crate::error::ErrorKind::Config);
    }

    #[test]
    fn base_urls() {
        let v34 = Config::builder().api_token("api_sandbox.x").region(Region::Ca).api_version(ApiVersion::V3_4);
        assert_eq!(v34.build().unwrap().base_url().as_str(), "https://api.ca.onfido.com/v3.4/");
        let local = Config::builder().base_url("http://127.0.0.1:8080").build().unwrap();
        assert_eq!(local.base_url().as_str(), "http://127.0.0.1:8080/v3.6/");
        let proxied =
            Config::builder().base_url("https://app.example/onfido/v2").api_version(ApiVersion::V2).build().unwrap();
        assert_eq!(proxied.endpoint(&["applicants", "a b"]).as_str(), "https://app.example/onfido/v2/applicants/a%20b");
        assert!(Config::builder().base_url("http://example.com").build().is_err());
        assert!(Config::builder().base_url("http://[::1]:9/").build().is_ok());
        assert!(Config::builder().base_url("http://localhost:9/").build().is_ok());
        assert!(Config::builder().build().is_err());
    }

    #[test]
    fn the_application_name_ends_the_user_agent() {
        let named = Config::builder().api_token("api_sandbox.x").app_name("acme-kyc/2.1").build().unwrap();
        assert_eq!(named.user_agent(), format!("onfido-core/{} (rust) acme-kyc/2.1", crate::VERSION));
        let from_json = Config::from_json(&serde_json::json!({"token": "api_sandbox.x", "app_name": "a/1"})).unwrap();
        assert!(from_json.user_agent().ends_with(") a/1"));
        for bad in ["", " padded", "line\nbreak", &"x".repeat(101)] {
            let error = Config::builder().api_token("api_sandbox.x").app_name(bad).build().unwrap_err();
            assert!(matches!(error, Error::Config { ref field, .. } if field == "app_name"), "{bad:?}");
        }
    }
}
