//! Pages of list results: the `Link` (RFC 8288) and `X-Total-Count` headers.

use serde::Serialize;
use url::Url;

use crate::error::Error;
use crate::http::HttpResponse;

/// The targets of the four pagination relations of a `Link` header.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct LinkRelations {
    /// `rel="next"`
    pub next: Option<String>,
    /// `rel="prev"` (or `previous`)
    pub prev: Option<String>,
    /// `rel="first"`
    pub first: Option<String>,
    /// `rel="last"`
    pub last: Option<String>,
}

/// A page a `Link` header points to.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct PageLink {
    /// The URL as the server sent it.
    pub url: String,
    /// Its `page` query parameter.
    pub page: Option<u32>,
    /// Its `per_page` query parameter.
    pub per_page: Option<u32>,
}

impl PageLink {
    fn new(url: String) -> PageLink {
        let query = |name: &str| {
            Url::parse(&url)
                .or_else(|_| Url::parse("https://relative.invalid/").and_then(|base| base.join(&url)))
                .ok()?
                .query_pairs()
                .find(|(k, _)| k == name)
                .and_then(|(_, v)| v.parse().ok())
        };
        PageLink { page: query("page"), per_page: query("per_page"), url }
    }
}

/// Where a list response sits among its pages.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Page {
    /// The next page, if any.
    pub next: Option<PageLink>,
    /// The previous page, if any.
    pub prev: Option<PageLink>,
    /// The first page.
    pub first: Option<PageLink>,
    /// The last page.
    pub last: Option<PageLink>,
    /// `X-Total-Count`: how many resources there are in all.
    pub total_count: Option<u64>,
}

impl Page {
    /// Reads the pagination headers of a response.
    pub fn from_response(response: &HttpResponse) -> Result<Page, Error> {
        let links = match response.header("link") {
            Some(value) => parse_link_header(value).map_err(|message| {
                Error::decode(response.status, format!("invalid Link header: {message}"), value.as_bytes())
            })?,
            None => LinkRelations::default(),
        };
        let total_count = response.header("x-total-count").and_then(|v| v.trim().parse().ok());
        Ok(Page {
            next: links.next.map(PageLink::new),
            prev: links.prev.map(PageLink::new),
            first: links.first.map(PageLink::new),
            last: links.last.map(PageLink::new),
            total_count,
        })
    }
}

/// The page to ask for after page `current` (what the request named; 1 when it named none), given
/// the page number of the response's `next` link: `None` on the last page, a decode error (with
/// the response's `status`) when the next page is not after this one, which would list the same
/// pages forever. Every binding's listing loop asks this before each further request.
pub fn next_page_after(current: u64, next: Option<u32>, status: u16) -> Result<Option<u32>, Error> {
    match next {
        Some(next) if u64::from(next) <= current => Err(Error::decode(
            status,
            format!("the next page ({next}) is not after this one ({current}): the listing would never end"),
            &[],
        )),
        next => Ok(next),
    }
}

/// Parses a `Link` header (RFC 8288) into its pagination relations.
///
/// Accepts quoted and unquoted `rel`, several space-separated relations, any case, and other
/// parameters whose quoted values hold commas; the first link for a relation wins.
pub fn parse_link_header(value: &str) -> Result<LinkRelations, String> {
    let mut out = LinkRelations::default();
    let mut p = Scanner { bytes: value.as_bytes(), pos: 0 };
    loop {
        p.skip(|b| b.is_ascii_whitespace() || b == b',');
        if p.done() {
            return Ok(out);
        }
        if p.next() != Some(b'<') {
            return Err("a link must start with <".into());
        }
        let target = p.take_until(b'>').ok_or("unterminated <")?;
        let mut rels = String::new();
        loop {
            p.skip(|b| b.is_ascii_whitespace());
            match p.peek() {
                None | Some(b',') => break,
                Some(b';') => p.pos += 1,
                Some(_) => return Err("expected ; or , after a link".into()),
            }
            p.skip(|b| b.is_ascii_whitespace());
            let name = p.take_while(|b| !matches!(b, b'=' | b';' | b',') && !b.is_ascii_whitespace());
            p.skip(|b| b.is_ascii_whitespace());
            let mut param_value = String::new();
            if p.peek() == Some(b'=') {
                p.pos += 1;
                p.skip(|b| b.is_ascii_whitespace());
                param_value = if p.peek() == Some(b'"') {
                    p.pos += 1;
                    p.quoted().ok_or("unterminated quoted string")?
                } else {
                    p.take_while(|b| !matches!(b, b';' | b',') && !b.is_ascii_whitespace())
                };
            }
            if name.is_empty() {
                return Err("a link parameter has no name".into());
            }
            if name.eq_ignore_ascii_case("rel") && rels.is_empty() {
                rels = param_value;
            }
        }
        for rel in rels.split_ascii_whitespace() {
            let slot = match rel.to_ascii_lowercase().as_str() {
                "next" => &mut out.next,
                "prev" | "previous" => &mut out.prev,
                "first" => &mut out.first,
                "last" => &mut out.last,
                _ => continue,
            };
            if slot.is_none() {
                *slot = Some(target.clone());
            }
        }
    }
}

/// A byte cursor for header grammars.
struct Scanner<'a> {
    bytes: &'a [u8],
    pos: usize,
}

impl Scanner<'_> {
    fn done(&self) -> bool {
        self.pos >= self.bytes.len()
    }

    fn peek(&self) -> Option<u8> {
        self.bytes.get(self.pos).copied()
    }

    fn next(&mut self) -> Option<u8> {
        let b = self.peek()?;
        self.pos += 1;
        Some(b)
    }

    fn skip(&mut self, f: impl Fn(u8) -> bool) {
        while self.peek().is_some_and(&f) {
            self.pos += 1;
        }
    }

    fn take_while(&mut self, f: impl Fn(u8) -> bool) -> String {
        let start = self.pos;
        self.skip(f);
        String::from_utf8_lossy(self.bytes.get(start..self.pos).unwrap_or_default()).into_owned()
    }

    fn take_until(&mut self, end: u8) -> Option<String> {
        let start = self.pos;
        let len = self.bytes.get(start..)?.iter().position(|&b| b == end)?;
        self.pos = start + len + 1;
        Some(String::from_utf8_lossy(self.bytes.get(start..start + len)?).into_owned())
    }

    fn quoted(&mut self) -> Option<String> {
        let mut out = Vec::new();
        loop {
            match self.next()? {
                b'\\' => out.push(self.next()?),
                b'"' => return Some(String::from_utf8_lossy(&out).into_owned()),
                b => out.push(b),
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_next_page_must_come_after_this_one() {
        assert_eq!(next_page_after(1, Some(2), 200).unwrap(), Some(2));
        assert_eq!(next_page_after(7, None, 200).unwrap(), None);
        for (current, next) in [(2, 2), (3, 1), (u64::from(u32::MAX), u32::MAX)] {
            let error = next_page_after(current, Some(next), 200).unwrap_err();
            assert!(error.to_string().contains("the listing would never end"), "{error}");
        }
    }

    #[test]
    fn reference_example() {
        let links = parse_link_header(
            r#"<https://api.onfido.com/v2/applicants?page=3059>; rel="last", <https://api.onfido.com/v2/applicants?page=2>; rel="next""#,
        )
        .unwrap();
        assert_eq!(links.next.as_deref(), Some("https://api.onfido.com/v2/applicants?page=2"));
        assert_eq!(links.last.as_deref(), Some("https://api.onfido.com/v2/applicants?page=3059"));
        let page = Page::from_response(
            &HttpResponse::new(200, vec![])
                .with_header("Link", "<https://x/v2/applicants?page=2&per_page=5>; REL=Next; title=\"a, b\"")
                .with_header("X-Total-Count", "11"),
        )
        .unwrap();
        let next = page.next.unwrap();
        assert_eq!((next.page, next.per_page, page.total_count), (Some(2), Some(5), Some(11)));
    }

    #[test]
    fn refuses_malformed() {
        for bad in ["next", "<https://x", "<https://x>; rel=\"next", "<a>; rel=next junk"] {
            assert!(parse_link_header(bad).is_err(), "{bad}");
        }
        assert_eq!(parse_link_header("").unwrap(), LinkRelations::default());
    }
}
