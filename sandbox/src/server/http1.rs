//! HTTP/1.1 on a TCP stream: reading requests (httparse) within limits, writing responses.

use std::io::{self, Read, Write};
use std::net::TcpStream;
use std::sync::Arc;
use std::time::{Duration, Instant};

use super::limits::{Budget, Progress, Reservation};

/// The largest head (request line and headers) accepted.
pub const MAX_HEAD: usize = 64 * 1024;

/// A request as read from the wire.
#[derive(Debug)]
pub struct Request {
    pub method: String,
    pub target: String,
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
    pub keep_alive: bool,
    /// The body's share of the in-flight budget, held until the request is dropped.
    pub _reservation: Reservation,
}

/// What a request may take.
#[derive(Clone, Debug)]
pub struct Limits {
    /// The largest body.
    pub max_body: usize,
    /// The head must have arrived this long after the request (or the wait for it) began.
    pub head_timeout: Duration,
    /// The whole request, body included, must have arrived this long after it began.
    pub request_timeout: Duration,
}

/// Why no request could be read.
#[derive(Debug)]
pub enum ReadError {
    /// The peer closed the connection between requests.
    Closed,
    /// The head or body did not arrive in time (`started`: some bytes had arrived).
    Timeout { started: bool },
    /// Not HTTP/1.x.
    Malformed(&'static str),
    /// The head is over [`MAX_HEAD`].
    HeadTooLarge,
    /// The body is over the limit.
    BodyTooLarge,
    /// The body would overrun the bytes in flight across connections.
    OverBudget,
    /// A transfer coding other than chunked.
    Unsupported,
    /// The socket failed.
    Io,
}

/// A connection with the bytes read past the last request (pipelining).
pub struct Connection {
    pub stream: TcpStream,
    buf: Vec<u8>,
    progress: Arc<Progress>,
}

impl Connection {
    pub fn new(stream: TcpStream, progress: Arc<Progress>) -> Connection {
        Connection { stream, buf: Vec::with_capacity(8192), progress }
    }

    /// Reads at most `chunk.len()` bytes before `deadline`; `Ok(0)` at end of stream.
    fn read_some(&mut self, chunk: &mut [u8], deadline: Instant) -> Result<usize, ReadError> {
        let left = deadline.saturating_duration_since(Instant::now());
        if left.is_zero() {
            return Err(ReadError::Timeout { started: true });
        }
        self.stream.set_read_timeout(Some(left.max(Duration::from_millis(1)))).map_err(|_| ReadError::Io)?;
        loop {
            match self.stream.read(chunk) {
                Ok(n) => {
                    self.progress.add(n);
                    return Ok(n);
                }
                Err(e) if matches!(e.kind(), io::ErrorKind::WouldBlock | io::ErrorKind::TimedOut) => {
                    return Err(ReadError::Timeout { started: true })
                }
                Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
                Err(_) => return Err(ReadError::Io),
            }
        }
    }

    /// Reads more bytes into the buffer before `deadline`; `Ok(0)` at end of stream.
    fn fill(&mut self, deadline: Instant) -> Result<usize, ReadError> {
        let mut chunk = [0u8; 16 * 1024];
        match self.read_some(&mut chunk, deadline) {
            Ok(n) => {
                self.buf.extend_from_slice(chunk.get(..n).unwrap_or_default());
                Ok(n)
            }
            Err(ReadError::Timeout { .. }) => Err(ReadError::Timeout { started: !self.buf.is_empty() }),
            Err(e) => Err(e),
        }
    }

    /// Reads one request within `limits`, its body within the shared `budget`.
    pub fn read_request(&mut self, limits: &Limits, budget: &Arc<Budget>) -> Result<Request, ReadError> {
        self.progress.begin(self.buf.len());
        let start = Instant::now();
        let head_deadline = start + limits.head_timeout;
        let deadline = start + limits.request_timeout.max(limits.head_timeout);
        let head_len = loop {
            if let Some(at) = find(&self.buf, b"\r\n\r\n") {
                break at + 4;
            }
            if self.buf.len() > MAX_HEAD {
                return Err(ReadError::HeadTooLarge);
            }
            if self.fill(head_deadline)? == 0 {
                return Err(if self.buf.is_empty() {
                    ReadError::Closed
                } else {
                    ReadError::Malformed("truncated head")
                });
            }
        };
        if head_len > MAX_HEAD {
            return Err(ReadError::HeadTooLarge);
        }
        let mut slots = [httparse::EMPTY_HEADER; 96];
        let mut parsed = httparse::Request::new(&mut slots);
        match parsed.parse(self.buf.get(..head_len).unwrap_or_default()) {
            Ok(httparse::Status::Complete(_)) => {}
            Ok(httparse::Status::Partial) => return Err(ReadError::Malformed("incomplete head")),
            Err(httparse::Error::TooManyHeaders) => return Err(ReadError::HeadTooLarge),
            Err(_) => return Err(ReadError::Malformed("not an HTTP/1.x request")),
        }
        let method = parsed.method.unwrap_or_default().to_owned();
        let target = parsed.path.unwrap_or_default().to_owned();
        let http10 = parsed.version == Some(0);
        let mut headers = Vec::with_capacity(parsed.headers.len());
        for h in parsed.headers.iter() {
            let value = std::str::from_utf8(h.value).map_err(|_| ReadError::Malformed("header value is not UTF-8"))?;
            headers.push((h.name.to_owned(), value.trim().to_owned()));
        }
        let framing = framing(self.buf.get(..head_len).unwrap_or_default(), &headers, http10)?;
        self.buf.drain(..head_len);
        let header = |name: &str| headers.iter().find(|(n, _)| n.eq_ignore_ascii_case(name)).map(|(_, v)| v.as_str());
        let connection = header("connection").map(str::to_ascii_lowercase);
        let keep_alive = match connection.as_deref() {
            Some(c) if c.contains("close") => false,
            Some(c) if c.contains("keep-alive") => true,
            _ => !http10,
        };
        // Refused on the announced length, before a byte of the body is read.
        let (chunked, length) = match framing {
            Framing::Chunked => (true, 0),
            Framing::Length(length) => (false, length),
        };
        if length > limits.max_body {
            return Err(ReadError::BodyTooLarge);
        }
        let mut reservation = budget.reserve(length).ok_or(ReadError::OverBudget)?;
        if header("expect").is_some_and(|e| e.eq_ignore_ascii_case("100-continue")) {
            let _ = self.stream.write_all(b"HTTP/1.1 100 Continue\r\n\r\n");
        }
        let mut body = Vec::new();
        if chunked {
            self.read_chunked(&mut body, limits.max_body, deadline, &mut reservation)?;
        } else {
            body.try_reserve_exact(length).map_err(|_| ReadError::OverBudget)?;
            self.read_into(&mut body, length, deadline)?;
        }
        self.progress.busy();
        Ok(Request { method, target, headers, body, keep_alive, _reservation: reservation })
    }

    /// Appends exactly `n` bytes of the stream (buffered ones first) to `out`, reading no further.
    fn read_into(&mut self, out: &mut Vec<u8>, n: usize, deadline: Instant) -> Result<(), ReadError> {
        let buffered = n.min(self.buf.len());
        out.extend(self.buf.drain(..buffered));
        let mut left = n - buffered;
        let mut chunk = [0u8; 16 * 1024];
        while left > 0 {
            let want = left.min(chunk.len());
            let got = self.read_some(chunk.get_mut(..want).unwrap_or_default(), deadline)?;
            if got == 0 {
                return Err(ReadError::Malformed("the body ended early"));
            }
            out.extend_from_slice(chunk.get(..got).unwrap_or_default());
            left -= got;
        }
        Ok(())
    }

    fn read_line(&mut self, deadline: Instant) -> Result<String, ReadError> {
        loop {
            if let Some(at) = find(&self.buf, b"\r\n") {
                let line: Vec<u8> = self.buf.drain(..at + 2).collect();
                return String::from_utf8(line.get(..at).unwrap_or_default().to_vec())
                    .map_err(|_| ReadError::Malformed("chunk line"));
            }
            if self.buf.len() > 4096 {
                return Err(ReadError::Malformed("chunk line too long"));
            }
            if self.fill(deadline)? == 0 {
                return Err(ReadError::Malformed("the body ended early"));
            }
        }
    }

    fn read_chunked(
        &mut self,
        body: &mut Vec<u8>,
        max_body: usize,
        deadline: Instant,
        reservation: &mut Reservation,
    ) -> Result<(), ReadError> {
        loop {
            let line = self.read_line(deadline)?;
            let size_text = line.split(';').next().unwrap_or_default().trim_matches([' ', '\t']);
            if size_text.is_empty() || size_text.len() > 8 || !size_text.bytes().all(|b| b.is_ascii_hexdigit()) {
                return Err(ReadError::Malformed("chunk size"));
            }
            let size = usize::from_str_radix(size_text, 16).map_err(|_| ReadError::Malformed("chunk size"))?;
            if size == 0 {
                // Trailers, up to the blank line.
                while !self.read_line(deadline)?.is_empty() {}
                return Ok(());
            }
            if body.len().saturating_add(size) > max_body {
                return Err(ReadError::BodyTooLarge);
            }
            if !reservation.grow(size) {
                return Err(ReadError::OverBudget);
            }
            self.read_into(body, size, deadline)?;
            if !self.read_line(deadline)?.is_empty() {
                return Err(ReadError::Malformed("chunk data"));
            }
        }
    }
}

/// How a request's body is delimited (RFC 9112 section 6).
#[derive(Debug, PartialEq, Eq)]
enum Framing {
    Chunked,
    Length(usize),
}

/// The body framing of a head, strictly: anything two parsers could read differently is refused,
/// so no request can hide another one behind it (request smuggling).
///
/// * `Content-Length` is 1 to 19 ASCII digits, written with at most one space after the colon
///   (no sign, no `0x`, no list); repeated, every copy must say the same.
/// * `Transfer-Encoding` may appear once, only in HTTP/1.1, only as `chunked` (anything else is
///   501), and never beside `Content-Length`. RFC 9112 allows either refusing that pair or reading
///   chunked and closing; the server refuses it (400), and every refusal closes the connection.
fn framing(head: &[u8], headers: &[(String, String)], http10: bool) -> Result<Framing, ReadError> {
    let te: Vec<&str> =
        headers.iter().filter(|(n, _)| n.eq_ignore_ascii_case("transfer-encoding")).map(|(_, v)| v.as_str()).collect();
    let length_headers = headers.iter().filter(|(n, _)| n.eq_ignore_ascii_case("content-length")).count();
    // Content-Length values as written on the wire (httparse trims the spaces around them).
    let raw_lengths: Vec<&[u8]> = head
        .split(|b| *b == b'\n')
        .filter_map(|line| {
            let line = line.strip_suffix(b"\r").unwrap_or(line);
            let colon = line.iter().position(|b| *b == b':')?;
            let (name, rest) = line.split_at(colon);
            name.eq_ignore_ascii_case(b"content-length").then(|| rest.get(1..).unwrap_or_default())
        })
        .collect();
    if raw_lengths.len() != length_headers {
        return Err(ReadError::Malformed("bad Content-Length"));
    }
    let mut length = None;
    for raw in raw_lengths {
        let raw = raw.strip_prefix(b" ").unwrap_or(raw);
        let end = raw.iter().rposition(|b| *b != b' ' && *b != b'\t').map_or(0, |at| at + 1);
        let digits = raw.get(..end).unwrap_or_default();
        if digits.is_empty() || digits.len() > 19 || !digits.iter().all(u8::is_ascii_digit) {
            return Err(ReadError::Malformed("bad Content-Length"));
        }
        let value = std::str::from_utf8(digits)
            .ok()
            .and_then(|d| d.parse::<usize>().ok())
            .ok_or(ReadError::Malformed("bad Content-Length"))?;
        if length.is_some_and(|l| l != value) {
            return Err(ReadError::Malformed("conflicting Content-Length headers"));
        }
        length = Some(value);
    }
    match te.as_slice() {
        [] => Ok(Framing::Length(length.unwrap_or(0))),
        [_] if length.is_some() => Err(ReadError::Malformed("Content-Length with Transfer-Encoding")),
        [_] if http10 => Err(ReadError::Malformed("Transfer-Encoding in HTTP/1.0")),
        [coding] if coding.eq_ignore_ascii_case("chunked") => Ok(Framing::Chunked),
        [_] => Err(ReadError::Unsupported),
        _ => Err(ReadError::Malformed("repeated Transfer-Encoding")),
    }
}

/// Writes a response within `timeout` (for all of it, not per write); `Content-Length` and
/// `Connection` are added here.
pub fn write_response(
    stream: &mut TcpStream,
    status: u16,
    headers: &[(String, String)],
    body: &[u8],
    keep_alive: bool,
    timeout: Duration,
) -> io::Result<()> {
    let mut head = format!("HTTP/1.1 {status} {}\r\n", reason(status));
    for (name, value) in headers {
        if name.eq_ignore_ascii_case("content-length") || name.eq_ignore_ascii_case("connection") {
            continue;
        }
        // The last line of defence against header injection: a header that could end the line (or
        // the head) early is left out whole rather than written.
        if !is_token(name) || !is_safe_value(value) {
            continue;
        }
        head.push_str(&format!("{name}: {value}\r\n"));
    }
    head.push_str(&format!("Content-Length: {}\r\n", body.len()));
    head.push_str(if keep_alive { "Connection: keep-alive\r\n\r\n" } else { "Connection: close\r\n\r\n" });
    let mut out = Vec::with_capacity(head.len() + body.len());
    out.extend_from_slice(head.as_bytes());
    out.extend_from_slice(body);
    // One deadline for the whole answer, so a client that reads a byte at a time cannot hold a
    // (busy, never reclaimed) slot for longer.
    let deadline = Instant::now() + timeout;
    for piece in out.chunks(64 * 1024) {
        let left = deadline.saturating_duration_since(Instant::now());
        if left.is_zero() {
            return Err(io::ErrorKind::TimedOut.into());
        }
        stream.set_write_timeout(Some(left))?;
        stream.write_all(piece)?;
    }
    stream.flush()
}

/// A header name: RFC 9110 `token` characters only.
fn is_token(name: &str) -> bool {
    !name.is_empty() && name.bytes().all(|b| b.is_ascii_alphanumeric() || b"!#$%&'*+-.^_`|~".contains(&b))
}

/// A header value with no control character (CR, LF, NUL, DEL, …) except horizontal tab.
fn is_safe_value(value: &str) -> bool {
    !value.chars().any(|c| c.is_control() && c != '\t')
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
}

/// The reason phrase of a status.
pub fn reason(status: u16) -> &'static str {
    match status {
        200 => "OK",
        201 => "Created",
        204 => "No Content",
        400 => "Bad Request",
        401 => "Unauthorized",
        403 => "Forbidden",
        404 => "Not Found",
        405 => "Method Not Allowed",
        408 => "Request Timeout",
        410 => "Gone",
        413 => "Payload Too Large",
        422 => "Unprocessable Entity",
        429 => "Too Many Requests",
        431 => "Request Header Fields Too Large",
        500 => "Internal Server Error",
        501 => "Not Implemented",
        503 => "Service Unavailable",
        507 => "Insufficient Storage",
        _ => "Unknown",
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;
    use std::net::TcpListener;

    #[test]
    fn headers_with_control_characters_are_never_written() {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let mut client = TcpStream::connect(listener.local_addr().unwrap()).unwrap();
        let (mut server, _) = listener.accept().unwrap();
        let headers: Vec<(String, String)> = vec![
            ("Link".into(), "<x>\r\nSet-Cookie: a=1".into()),
            ("X-Lf".into(), "a\nb".into()),
            ("X-Nul".into(), "a\0b".into()),
            ("X-Del".into(), "a\u{7f}b".into()),
            ("Bad Name".into(), "v".into()),
            ("Bad\r\nName".into(), "v".into()),
            ("X-Tab".into(), "a\tb".into()),
            ("X-Fine".into(), "ok; rel=\"next\"".into()),
        ];
        write_response(&mut server, 200, &headers, b"{}", false, Duration::from_secs(5)).unwrap();
        drop(server);
        let mut out = String::new();
        client.read_to_string(&mut out).unwrap();
        assert_eq!(
            out,
            "HTTP/1.1 200 OK\r\nX-Tab: a\tb\r\nX-Fine: ok; rel=\"next\"\r\nContent-Length: 2\r\n\
             Connection: close\r\n\r\n{}"
        );
    }
}
