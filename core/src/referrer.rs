//! Web SDK referrer patterns: Chrome-style match patterns limited to http(s) pages.

use std::fmt;

use url::{Host, Url};

/// Which schemes a pattern allows.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SchemeRule {
    /// `*`: http or https.
    Any,
    /// `http` only.
    Http,
    /// `https` only.
    Https,
}

/// Which hosts a pattern allows.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum HostRule {
    /// `*`: any host.
    Any,
    /// `*.example.com`: the domain and all its subdomains.
    Domain(String),
    /// One exact host (IP literals included, normalised).
    Exact(Host),
}

/// A parsed referrer pattern.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ReferrerPattern {
    /// The scheme rule.
    pub scheme: SchemeRule,
    /// The host rule.
    pub host: HostRule,
    /// The port, if restricted (`None`: any port).
    pub port: Option<u16>,
    /// The path glob (`*` matches any run of characters), including a query if given.
    pub path: String,
    /// Whether the pattern gave a path (`false`: taken as `/*`).
    pub has_path: bool,
}

/// Why a pattern was refused.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct InvalidPattern(pub String);

impl std::error::Error for InvalidPattern {}

impl fmt::Display for InvalidPattern {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl ReferrerPattern {
    /// Parses `scheme://host[:port][path]`.
    pub fn parse(pattern: &str) -> Result<ReferrerPattern, InvalidPattern> {
        let bad = |m: &str| Err(InvalidPattern(m.to_owned()));
        if pattern.chars().any(|c| c.is_control() || c.is_whitespace()) {
            return bad("the pattern contains spaces or control characters");
        }
        let Some((scheme, rest)) = pattern.split_once("://") else {
            return bad("missing ://");
        };
        let scheme = match scheme.to_ascii_lowercase().as_str() {
            "*" => SchemeRule::Any,
            "http" => SchemeRule::Http,
            "https" => SchemeRule::Https,
            _ => return bad("the scheme must be *, http or https"),
        };
        let (authority, path) = match rest.find('/') {
            Some(i) => rest.split_at(i),
            None => (rest, ""),
        };
        let (host_text, port_text) = split_port(authority);
        if host_text.is_empty() {
            return bad("the host is empty");
        }
        let host = if host_text == "*" {
            HostRule::Any
        } else if let Some(domain) = host_text.strip_prefix("*.") {
            if domain.is_empty() || domain.contains('*') {
                return bad("* may only be the whole host or its first label (*.example.com)");
            }
            match Host::parse(domain) {
                Ok(Host::Domain(d)) => HostRule::Domain(d),
                Ok(_) => return bad("*. cannot precede an IP address"),
                Err(_) => return bad("the host is not a valid domain"),
            }
        } else if host_text.contains('*') {
            return bad("* may only be the whole host or its first label (*.example.com)");
        } else {
            match Host::parse(host_text) {
                Ok(h) => HostRule::Exact(h),
                Err(_) => return bad("the host is not a valid host name"),
            }
        };
        let port = match port_text {
            None | Some("*") => None,
            Some(p) if !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit()) => match p.parse::<u16>() {
                Ok(n) => Some(n),
                Err(_) => return bad("the port is out of range"),
            },
            Some(_) => return bad("the port must be a number or *"),
        };
        let has_path = !path.is_empty();
        let path = if has_path { path.to_owned() } else { "/*".to_owned() };
        Ok(ReferrerPattern { scheme, host, port, path, has_path })
    }

    /// Whether a page URL matches; userinfo never counts, non-http(s) URLs never match.
    pub fn matches(&self, url: &str) -> bool {
        let Ok(url) = Url::parse(url) else { return false };
        let scheme_ok = matches!(
            (self.scheme, url.scheme()),
            (SchemeRule::Any, "http" | "https") | (SchemeRule::Http, "http") | (SchemeRule::Https, "https")
        );
        if !scheme_ok {
            return false;
        }
        let Some(host) = url.host() else { return false };
        let host_ok = match (&self.host, &host) {
            (HostRule::Any, _) => true,
            (HostRule::Domain(d), Host::Domain(h)) => {
                let h = h.trim_end_matches('.');
                h == d || h.strip_suffix(d.as_str()).is_some_and(|p| p.ends_with('.'))
            }
            (HostRule::Domain(_), _) => false,
            (HostRule::Exact(Host::Domain(d)), Host::Domain(h)) => h.trim_end_matches('.') == d.trim_end_matches('.'),
            (HostRule::Exact(e), h) => host_eq(e, h),
        };
        if !host_ok {
            return false;
        }
        if let Some(port) = self.port {
            if url.port_or_known_default() != Some(port) {
                return false;
            }
        }
        let mut target = url.path().to_owned();
        if let Some(q) = url.query() {
            target.push('?');
            target.push_str(q);
        }
        if glob(&self.path, &target) {
            return true;
        }
        // `/docs/*` also matches `/docs`.
        self.path.strip_suffix("/*").is_some_and(|prefix| !prefix.is_empty() && glob(prefix, &target))
    }

    /// Warnings a user should see about a valid pattern.
    pub fn lint(&self) -> Vec<String> {
        let mut warnings = Vec::new();
        if !self.has_path {
            warnings.push("the pattern has no path; it is taken as /*".to_owned());
        } else if self.path != "/*" {
            warnings.push(
                "path-specific patterns fail with bad_referrer cross-site: browsers send only the origin by default (Referrer-Policy: strict-origin-when-cross-origin)"
                    .to_owned(),
            );
        }
        if self.host == HostRule::Any {
            warnings.push("the host * lets any web site use the token".to_owned());
        }
        if self.scheme == SchemeRule::Any {
            warnings.push("the scheme * also allows plain http pages".to_owned());
        }
        warnings
    }
}

fn host_eq(a: &Host, b: &Host<&str>) -> bool {
    match (a, b) {
        (Host::Domain(x), Host::Domain(y)) => x == y,
        (Host::Ipv4(x), Host::Ipv4(y)) => x == y,
        (Host::Ipv6(x), Host::Ipv6(y)) => x == y,
        _ => false,
    }
}

/// Splits `host[:port]`, minding bracketed IPv6 literals.
fn split_port(authority: &str) -> (&str, Option<&str>) {
    if authority.starts_with('[') {
        if let Some(end) = authority.find(']') {
            let (host, rest) = authority.split_at(end + 1);
            return (host, rest.strip_prefix(':').or(if rest.is_empty() { None } else { Some(rest) }));
        }
        return (authority, None);
    }
    match authority.rsplit_once(':') {
        Some((host, port)) => (host, Some(port)),
        None => (authority, None),
    }
}

/// Matches `text` against `pattern`, where `*` matches any run of characters.
fn glob(pattern: &str, text: &str) -> bool {
    let (p, t) = (pattern.as_bytes(), text.as_bytes());
    let (mut pi, mut ti) = (0usize, 0usize);
    let mut star: Option<(usize, usize)> = None;
    while ti < t.len() {
        match p.get(pi) {
            Some(b'*') => {
                star = Some((pi, ti));
                pi += 1;
            }
            Some(&c) if Some(&c) == t.get(ti) => {
                pi += 1;
                ti += 1;
            }
            _ => match star {
                Some((sp, st)) => {
                    pi = sp + 1;
                    ti = st + 1;
                    star = Some((sp, st + 1));
                }
                None => return false,
            },
        }
    }
    p.get(pi..).unwrap_or_default().iter().all(|&c| c == b'*')
}

#[cfg(test)]
mod tests {
    use super::*;

    fn m(pattern: &str, url: &str) -> bool {
        ReferrerPattern::parse(pattern).unwrap().matches(url)
    }

    #[test]
    fn matching() {
        assert!(m("https://*.onfido.com/documentation/*", "https://www.onfido.com/documentation/x"));
        assert!(m("https://*.onfido.com/documentation/*", "https://onfido.com/documentation"));
        assert!(!m("https://*.onfido.com/*", "https://evilonfido.com/"));
        assert!(!m("https://*.onfido.com/*", "https://onfido.com.evil.com/"));
        assert!(!m("https://*.onfido.com/*", "https://onfido.com@evil.com/"));
        assert!(m("*://*/*", "http://a.b/c?d"));
        assert!(!m("*://*/*", "ftp://a.b/c"));
        assert!(m("https://EXAMPLE.com:443/*", "https://example.com/"));
        assert!(!m("https://example.com:8443/*", "https://example.com/"));
        assert!(m("http://127.0.0.1/*", "http://127.0.0.1:8080/x"));
        assert!(m("https://example.com", "https://example.com/any/path"));
        assert!(!m("https://example.com/Docs/*", "https://example.com/docs/a"));
    }

    #[test]
    fn invalid() {
        for bad in [
            "example.com/*",
            "ftp://x/*",
            "https:///x",
            "https://exa*mple.com/*",
            "https://*example.com/",
            "https://x:abc/",
            "https://x:/",
        ] {
            assert!(ReferrerPattern::parse(bad).is_err(), "{bad}");
        }
    }
}
