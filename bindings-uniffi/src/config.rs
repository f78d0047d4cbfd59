//! `ClientConfig`: token, region, version, base URL and retries; `toString` never shows the token.

use std::fmt;

use onfido_core::retry::RetryPolicy;
use onfido_core::{ApiVersion as CoreVersion, Config, Region as CoreRegion};

use crate::error::OnfidoError;

/// A data region with its own base URL.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, uniffi::Enum)]
pub enum Region {
    /// Europe (the default).
    Eu,
    /// United States.
    Us,
    /// Canada.
    Ca,
}

/// The API version: its base URL and the operations it has.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, uniffi::Enum)]
pub enum ApiVersion {
    /// `v2` (superseded): its resources are `client.v2` (`client.v2.applicants.retrieve(id)`).
    V2,
    /// `v3.4`, a profile of v3.6: the resources of the client (`client.applicants.find(id)`).
    V34,
    /// `v3.6`, the live version and the default: the resources of the client (`client.applicants.find(id)`).
    V36,
}

impl ApiVersion {
    /// The core's version.
    pub fn to_core(self) -> CoreVersion {
        match self {
            ApiVersion::V2 => CoreVersion::V2,
            ApiVersion::V34 => CoreVersion::V3_4,
            ApiVersion::V36 => CoreVersion::V3_6,
        }
    }
}

/// When and how long to retry (the core's `RetryPolicy`). Negative values are refused as a
/// `Config` error on `retry` when a client is made.
#[derive(Clone, Copy, Debug, PartialEq, Eq, uniffi::Record)]
pub struct RetrySettings {
    /// Tries in all, the first included (1: never retry).
    pub max_attempts: i32,
    /// The first backoff in milliseconds after a 5xx, a timeout or a failed connection (a 429
    /// without `Retry-After` waits the guide's 30 s first).
    pub initial_delay_ms: i64,
    /// The longest backoff.
    pub max_delay_ms: i64,
    /// The longest `Retry-After` worth waiting for; longer ones give up.
    pub max_retry_after_ms: i64,
}

impl TryFrom<RetrySettings> for RetryPolicy {
    type Error = OnfidoError;
    fn try_from(r: RetrySettings) -> Result<Self, OnfidoError> {
        let ms = |name: &str, v: i64| {
            u64::try_from(v).map_err(|_| OnfidoError::Config {
                field: "retry".to_owned(),
                reason: format!("{name} must not be negative (got {v})"),
            })
        };
        Ok(RetryPolicy {
            max_attempts: u32::try_from(r.max_attempts).ok().filter(|&n| n >= 1).ok_or_else(|| {
                OnfidoError::Config {
                    field: "retry".to_owned(),
                    reason: format!("maxAttempts must be at least 1 (got {})", r.max_attempts),
                }
            })?,
            initial_delay_ms: ms("initialDelayMs", r.initial_delay_ms)?,
            max_delay_ms: ms("maxDelayMs", r.max_delay_ms)?,
            max_retry_after_ms: ms("maxRetryAfterMs", r.max_retry_after_ms)?,
            // The rate-limit wait and the deadline keep the core's defaults.
            ..RetryPolicy::default()
        })
    }
}

impl From<RetryPolicy> for RetrySettings {
    fn from(r: RetryPolicy) -> Self {
        let ms = |v: u64| i64::try_from(v).unwrap_or(i64::MAX);
        RetrySettings {
            max_attempts: i32::try_from(r.max_attempts).unwrap_or(i32::MAX),
            initial_delay_ms: ms(r.initial_delay_ms),
            max_delay_ms: ms(r.max_delay_ms),
            max_retry_after_ms: ms(r.max_retry_after_ms),
        }
    }
}

impl fmt::Display for RetrySettings {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "RetrySettings(maxAttempts={}, initialDelayMs={}, maxDelayMs={}, maxRetryAfterMs={})",
            self.max_attempts, self.initial_delay_ms, self.max_delay_ms, self.max_retry_after_ms
        )
    }
}

/// The recommended retries: 4 tries; backoff 1 s, 2 s, 4 s (jittered) after a 5xx or a failed
/// connection, 30 s after a 429 without `Retry-After`; `Retry-After` honoured up to 30 s; all
/// within 60 s.
#[uniffi::export]
pub fn default_retry_settings() -> RetrySettings {
    RetryPolicy::default().into()
}

/// No retries.
#[uniffi::export]
pub fn no_retries() -> RetrySettings {
    RetryPolicy::never().into()
}

/// Client settings. Without `api_token` (apps behind their own backend proxy) `base_url` is required
/// and no `Authorization` header is sent. Retries are on unless `retry` says otherwise
/// (`noRetries()`). `toString`/`description` never show the token.
#[derive(Clone, PartialEq, Eq, uniffi::Record)]
#[uniffi::export(Display)]
pub struct ClientConfig {
    /// The API token (`test_…`, `live_…`, `us_test_…`, `api_sandbox.…`); never in an app.
    #[uniffi(default)]
    pub api_token: Option<String>,
    /// The region (default: the token's, else EU).
    #[uniffi(default)]
    pub region: Option<Region>,
    /// A base URL instead of the region's: https, or http on a loopback host.
    #[uniffi(default)]
    pub base_url: Option<String>,
    /// The API version (default v3.6; `V2` for `client.v2`).
    #[uniffi(default)]
    pub api_version: Option<ApiVersion>,
    /// Retries (default: `defaultRetrySettings()`, as in the other bindings; `noRetries()` for none).
    #[uniffi(default)]
    pub retry: Option<RetrySettings>,
    /// The longest wait for each try's answer, in milliseconds (default: the transport's own). The
    /// language helpers apply it (Kotlin `onfidoClient`, Swift `OnfidoClient.make`); a late answer
    /// is a `Timeout`, which the retry policy handles.
    #[uniffi(default)]
    pub timeout_ms: Option<i64>,
    /// The name in the `User-Agent` (default `kotlin`/`swift` from the language helpers, else `uniffi`).
    #[uniffi(default)]
    pub binding: Option<String>,
    /// Your application's name and version (`my-app/1.0`), appended to the `User-Agent`.
    #[uniffi(default)]
    pub app_name: Option<String>,
    /// Paces requests under the token's documented rate limit (30 a minute sandbox, 400 live),
    /// waiting through the `Sleeper` before a request would exceed it. Off by default, as in the
    /// core (`Session::new`) and the Python and Node bindings: a 429 is still retried after its
    /// `Retry-After`.
    #[uniffi(default)]
    pub pace: Option<bool>,
}

/// Per-call settings, the optional last parameter of every operation.
#[derive(Clone, Debug, Default, PartialEq, Eq, uniffi::Record)]
pub struct CallOptions {
    /// The longest wait for each try's answer, in milliseconds, instead of the client's.
    #[uniffi(default)]
    pub timeout_ms: Option<i64>,
    /// Headers to add to this call's API requests (never to OAuth token requests or to
    /// redirects); `Authorization`, `Host`, `Content-Type` and the like are refused.
    #[uniffi(default)]
    pub headers: Vec<crate::http::HttpHeader>,
}

impl fmt::Display for ClientConfig {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        use crate::models::shown as opt;
        let token = self.api_token.as_deref().map(|t| {
            let prefix = ["us_test_", "us_live_", "test_", "live_", "api_sandbox.", "api_live."]
                .into_iter()
                .find(|p| t.starts_with(p))
                .unwrap_or("");
            format!("{prefix}***")
        });
        write!(
            f,
            "ClientConfig(apiToken={}, region={}, baseUrl={}, apiVersion={}, retry={}, timeoutMs={}, binding={}, appName={}, pace={})",
            opt(token),
            opt(self.region.map(|r| format!("{r:?}").to_uppercase())),
            opt(self.base_url.as_deref()),
            opt(self.api_version.map(|v| v.to_core().as_str())),
            opt(self.retry),
            opt(self.timeout_ms),
            opt(self.binding.as_deref()),
            opt(self.app_name.as_deref()),
            opt(self.pace),
        )
    }
}

impl fmt::Debug for ClientConfig {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(self, f)
    }
}

impl ClientConfig {
    /// The retry policy: the default one unless `retry` is set; negative settings are refused.
    pub fn retry_policy(&self) -> Result<RetryPolicy, OnfidoError> {
        self.retry.map_or_else(|| Ok(RetryPolicy::default()), RetryPolicy::try_from)
    }

    /// The core's configuration, checked as a whole (`timeout_ms` too, though the core has none).
    pub fn to_core(&self) -> Result<Config, OnfidoError> {
        if let Some(ms) = self.timeout_ms.filter(|&ms| ms <= 0) {
            return Err(OnfidoError::Config {
                field: "timeout_ms".to_owned(),
                reason: format!("must be positive (got {ms})"),
            });
        }
        let mut builder = Config::builder();
        if let Some(token) = &self.api_token {
            builder = builder.api_token(token.clone());
        }
        if let Some(region) = self.region {
            builder = builder.region(match region {
                Region::Eu => CoreRegion::Eu,
                Region::Us => CoreRegion::Us,
                Region::Ca => CoreRegion::Ca,
            });
        }
        // v3.6 unless the caller asks for another version: the client's resources (`client.applicants`)
        // are v3's; v2's are under `client.v2` and need `ApiVersion.V2`.
        builder = builder.api_version(self.api_version.map_or(CoreVersion::V3_6, ApiVersion::to_core));
        if let Some(base_url) = &self.base_url {
            builder = builder.base_url(base_url.clone());
        }
        builder = builder.binding(self.binding.clone().unwrap_or_else(|| "uniffi".to_owned()));
        if let Some(app_name) = &self.app_name {
            builder = builder.app_name(app_name.clone());
        }
        Ok(builder.build()?)
    }
}

/// Checks a configuration without making a client: the base URL every path is joined to.
#[uniffi::export]
pub fn resolve_base_url(config: ClientConfig) -> Result<String, OnfidoError> {
    Ok(config.to_core()?.base_url().to_string())
}

/// Parses `eu`, `us` or `ca` (any case); anything else is a `Config` error on `region`.
#[uniffi::export]
pub fn parse_region(code: String) -> Result<Region, OnfidoError> {
    Ok(match CoreRegion::parse(&code)? {
        CoreRegion::Eu => Region::Eu,
        CoreRegion::Us => Region::Us,
        CoreRegion::Ca => Region::Ca,
    })
}

/// Parses `v2`, `v3.4` or `v3.6`; anything else is a `Config` error on `api_version`.
#[uniffi::export]
pub fn parse_api_version(text: String) -> Result<ApiVersion, OnfidoError> {
    Ok(match CoreVersion::parse(&text)? {
        CoreVersion::V2 => ApiVersion::V2,
        CoreVersion::V3_4 => ApiVersion::V34,
        CoreVersion::V3_6 => ApiVersion::V36,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn config(retry: Option<RetrySettings>, timeout_ms: Option<i64>) -> ClientConfig {
        ClientConfig {
            api_token: Some("test_secret".to_owned()),
            region: None,
            base_url: None,
            api_version: None,
            retry,
            timeout_ms,
            binding: None,
            app_name: None,
            pace: None,
        }
    }

    #[test]
    fn retries_are_on_by_default_and_checked() {
        assert_eq!(config(None, None).retry_policy().unwrap(), RetryPolicy::default());
        assert_eq!(config(Some(no_retries()), None).retry_policy().unwrap(), RetryPolicy::never());
        let negative = RetrySettings { initial_delay_ms: -1, ..default_retry_settings() };
        let Err(OnfidoError::Config { field, reason }) = config(Some(negative), None).retry_policy() else {
            panic!("a negative delay was accepted")
        };
        assert_eq!((field.as_str(), reason.as_str()), ("retry", "initialDelayMs must not be negative (got -1)"));
        let zero = RetrySettings { max_attempts: 0, ..default_retry_settings() };
        assert!(config(Some(zero), None).retry_policy().is_err());
    }

    #[test]
    fn timeouts_must_be_positive_and_display_shows_values_not_the_token() {
        assert!(config(None, Some(0)).to_core().is_err());
        assert!(config(None, Some(1500)).to_core().is_ok());
        let shown = config(Some(no_retries()), Some(1500)).to_string();
        assert!(shown.starts_with("ClientConfig(apiToken=test_***, region=null, "), "{shown}");
        assert!(shown.contains("retry=RetrySettings(maxAttempts=1, ") && shown.contains("timeoutMs=1500"), "{shown}");
        assert!(!shown.contains("secret"), "{shown}");
    }
}
