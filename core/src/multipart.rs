//! Multipart form bodies for uploads: file sniffing, size rules, building and reading.

use std::fmt;

use base64::Engine as _;
use serde::{Deserialize, Deserializer};

use crate::error::Error;

/// The smallest file the API accepts, in bytes (32 KiB).
pub const MIN_FILE_SIZE: usize = 32 * 1024;
/// The largest file the API accepts, in bytes (10 MiB).
pub const MAX_FILE_SIZE: usize = 10 * 1024 * 1024;

/// A file type recognised from its first bytes.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum FileKind {
    /// JPEG (`FF D8 FF`).
    Jpeg,
    /// PNG (`89 50 4E 47 0D 0A 1A 0A`).
    Png,
    /// PDF (`%PDF-`).
    Pdf,
}

impl FileKind {
    /// Recognises a file by its magic bytes.
    pub fn sniff(bytes: &[u8]) -> Option<FileKind> {
        if bytes.starts_with(&[0xFF, 0xD8, 0xFF]) {
            Some(FileKind::Jpeg)
        } else if bytes.starts_with(&[0x89, b'P', b'N', b'G', 0x0D, 0x0A, 0x1A, 0x0A]) {
            Some(FileKind::Png)
        } else if bytes.starts_with(b"%PDF-") {
            Some(FileKind::Pdf)
        } else {
            None
        }
    }

    /// The MIME type of the part.
    pub fn content_type(self) -> &'static str {
        match self {
            FileKind::Jpeg => "image/jpeg",
            FileKind::Png => "image/png",
            FileKind::Pdf => "application/pdf",
        }
    }

    /// A short lowercase name (`jpg`, `png`, `pdf`).
    pub fn name(self) -> &'static str {
        match self {
            FileKind::Jpeg => "jpg",
            FileKind::Png => "png",
            FileKind::Pdf => "pdf",
        }
    }

    /// The kind a file extension names, case-insensitively.
    pub fn from_extension(ext: &str) -> Option<FileKind> {
        match ext.to_ascii_lowercase().as_str() {
            "jpg" | "jpeg" => Some(FileKind::Jpeg),
            "png" => Some(FileKind::Png),
            "pdf" => Some(FileKind::Pdf),
            _ => None,
        }
    }
}

/// A file to upload: its name and its bytes.
#[derive(Clone, PartialEq, Eq)]
pub struct FileUpload {
    /// The file's name as sent to the API.
    pub filename: String,
    /// The file's bytes.
    pub content: Vec<u8>,
}

impl FileUpload {
    /// A file from a name and bytes.
    pub fn new(filename: impl Into<String>, content: impl Into<Vec<u8>>) -> Self {
        FileUpload { filename: filename.into(), content: content.into() }
    }

    /// A file given without a name: `upload.png`, `upload.jpg` or `upload.pdf` after what its
    /// bytes are (`upload` when they are none of those, which [`FileUpload::check`] refuses).
    pub fn unnamed(content: impl Into<Vec<u8>>) -> Self {
        let content = content.into();
        let filename =
            FileKind::sniff(&content).map_or_else(|| "upload".to_owned(), |k| format!("upload.{}", k.name()));
        FileUpload { filename, content }
    }

    /// A file with the name given, or named after its bytes without one ([`FileUpload::unnamed`]).
    pub fn with_name(filename: Option<String>, content: impl Into<Vec<u8>>) -> Self {
        match filename {
            Some(filename) => FileUpload::new(filename, content),
            None => FileUpload::unnamed(content),
        }
    }

    /// Checks name, bytes and size against what an endpoint allows; returns the kind.
    pub fn check(&self, allowed: &[FileKind]) -> Result<FileKind, Error> {
        self.kind(allowed).map_err(|message| Error::validation("file", message))
    }

    /// The file's kind if name, bytes and size suit a v2 endpoint, else why not.
    pub fn kind(&self, allowed: &[FileKind]) -> Result<FileKind, String> {
        self.kind_within(allowed, MIN_FILE_SIZE, MAX_FILE_SIZE)
    }

    /// The file's kind if name and bytes suit `allowed` and the size is within `min..=max` bytes.
    pub fn kind_within(&self, allowed: &[FileKind], min: usize, max: usize) -> Result<FileKind, String> {
        let fail = |message: String| Err(message);
        let allowed_names = || allowed.iter().map(|k| k.name()).collect::<Vec<_>>().join(", ");
        if self.filename.trim().is_empty() {
            return fail("the filename is empty".into());
        }
        if self.filename.chars().any(|c| c.is_control() && c != '\r' && c != '\n') {
            return fail("the filename contains a control character".into());
        }
        let Some(kind) = FileKind::sniff(&self.content) else {
            return fail(format!("the bytes are not a supported file type ({})", allowed_names()));
        };
        if !allowed.contains(&kind) {
            return fail(format!("{} files are not accepted here ({})", kind.name(), allowed_names()));
        }
        if let Some((_, ext)) = self.filename.rsplit_once('.') {
            match FileKind::from_extension(ext) {
                Some(named) if named == kind => {}
                Some(named) => {
                    return fail(format!("the name says {} but the bytes are {}", named.name(), kind.name()));
                }
                None => return fail(format!("the extension .{ext} is not accepted ({})", allowed_names())),
            }
        }
        let size = self.content.len();
        if size < min {
            return fail(format!("{size} bytes is smaller than the minimum of {min}"));
        }
        if size > max {
            return fail(format!("{size} bytes is larger than the maximum of {max}"));
        }
        Ok(kind)
    }
}

impl fmt::Debug for FileUpload {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("FileUpload").field("filename", &self.filename).field("size", &self.content.len()).finish()
    }
}

impl<'de> Deserialize<'de> for FileUpload {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        /// `content` as bytes (bindings) or `content_base64` as text (JSON); no `filename`: named
        /// after the bytes (an empty one stays empty, and is refused).
        #[derive(Deserialize)]
        struct Wire {
            filename: Option<String>,
            #[serde(default, with = "serde_bytes")]
            content: Option<Vec<u8>>,
            content_base64: Option<String>,
        }
        let wire = Wire::deserialize(deserializer)?;
        let content = match (wire.content, wire.content_base64) {
            (Some(bytes), _) => bytes,
            (None, Some(text)) => base64::engine::general_purpose::STANDARD
                .decode(text.trim())
                .map_err(|e| serde::de::Error::custom(format!("content_base64 is not base64: {e}")))?,
            (None, None) => return Err(serde::de::Error::missing_field("content_base64")),
        };
        Ok(FileUpload::with_name(wire.filename, content))
    }
}

/// One part of a multipart body.
#[derive(Clone, PartialEq, Eq)]
pub struct Part {
    /// The form field's name.
    pub name: String,
    /// The file name, for file parts (as on the wire, escaped).
    pub filename: Option<String>,
    /// The part's content type, for file parts.
    pub content_type: Option<String>,
    /// The part's bytes.
    pub data: Vec<u8>,
}

impl fmt::Debug for Part {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Part")
            .field("name", &self.name)
            .field("filename", &self.filename)
            .field("content_type", &self.content_type)
            .field("size", &self.data.len())
            .finish()
    }
}

/// A `multipart/form-data` body being assembled.
#[derive(Clone, Debug, Default)]
pub struct Form {
    parts: Vec<Part>,
}

impl Form {
    /// An empty form.
    pub fn new() -> Self {
        Form::default()
    }

    /// Adds a text field.
    pub fn text(mut self, name: &str, value: impl Into<String>) -> Self {
        self.parts.push(Part {
            name: name.into(),
            filename: None,
            content_type: None,
            data: value.into().into_bytes(),
        });
        self
    }

    /// Adds a file field.
    pub fn file(mut self, name: &str, filename: &str, content_type: &str, data: Vec<u8>) -> Self {
        self.parts.push(Part {
            name: name.into(),
            filename: Some(escape_filename(filename)),
            content_type: Some(content_type.into()),
            data,
        });
        self
    }

    /// The `Content-Type` header value and the body, with a boundary found in no part.
    pub fn finish(self) -> (String, Vec<u8>) {
        let boundary = self.boundary();
        let size: usize = self.parts.iter().map(|p| p.data.len() + 160).sum::<usize>() + boundary.len() + 8;
        let mut body = Vec::with_capacity(size);
        for part in &self.parts {
            body.extend_from_slice(b"--");
            body.extend_from_slice(boundary.as_bytes());
            body.extend_from_slice(b"\r\nContent-Disposition: form-data; name=\"");
            body.extend_from_slice(part.name.as_bytes());
            body.push(b'"');
            if let Some(filename) = &part.filename {
                body.extend_from_slice(b"; filename=\"");
                body.extend_from_slice(filename.as_bytes());
                body.push(b'"');
            }
            if let Some(content_type) = &part.content_type {
                body.extend_from_slice(b"\r\nContent-Type: ");
                body.extend_from_slice(content_type.as_bytes());
            }
            body.extend_from_slice(b"\r\n\r\n");
            body.extend_from_slice(&part.data);
            body.extend_from_slice(b"\r\n");
        }
        body.extend_from_slice(b"--");
        body.extend_from_slice(boundary.as_bytes());
        body.extend_from_slice(b"--\r\n");
        (format!("multipart/form-data; boundary={boundary}"), body)
    }

    /// A deterministic boundary that occurs in no part's bytes.
    fn boundary(&self) -> String {
        // FNV-1a over the sizes and edges of the parts: cheap, deterministic, varied.
        let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
        for part in &self.parts {
            let len = part.data.len();
            let head = part.data.get(..len.min(64)).unwrap_or_default();
            let tail = part.data.get(len.saturating_sub(64)..).unwrap_or_default();
            for &b in len.to_le_bytes().iter().chain(head).chain(tail) {
                hash = (hash ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3);
            }
        }
        let mut attempt = 0u32;
        loop {
            let boundary = format!("onfido-core-{hash:016x}-{attempt}");
            let finder = memchr::memmem::Finder::new(boundary.as_bytes());
            let clash = self.parts.iter().any(|p| {
                finder.find(&p.data).is_some() || p.filename.as_deref().is_some_and(|f| f.contains(&boundary))
            });
            if !clash {
                return boundary;
            }
            attempt += 1;
        }
    }
}

/// Escapes a file name for a `Content-Disposition` header, as browsers do.
pub fn escape_filename(filename: &str) -> String {
    let mut out = String::with_capacity(filename.len());
    for c in filename.chars() {
        match c {
            '"' => out.push_str("%22"),
            '\r' => out.push_str("%0D"),
            '\n' => out.push_str("%0A"),
            c => out.push(c),
        }
    }
    out
}

/// Undoes [`escape_filename`]: the file name as the uploader gave it.
pub fn unescape_filename(filename: &str) -> String {
    filename.replace("%22", "\"").replace("%0D", "\r").replace("%0A", "\n")
}

/// Reads a `multipart/form-data` body given its `Content-Type` header value.
pub fn parse(content_type: &str, body: &[u8]) -> Result<Vec<Part>, Error> {
    let bad = |message: &str| Error::validation("body", message.to_owned());
    let (mime, params) = content_type.split_once(';').unwrap_or((content_type, ""));
    if !mime.trim().eq_ignore_ascii_case("multipart/form-data") {
        return Err(bad("expected multipart/form-data"));
    }
    let boundary = params
        .split(';')
        .filter_map(|p| p.split_once('='))
        .find(|(k, _)| k.trim().eq_ignore_ascii_case("boundary"))
        .map(|(_, v)| v.trim().trim_matches('"'))
        .filter(|b| !b.is_empty() && b.len() <= 200)
        .ok_or_else(|| bad("the multipart boundary is missing"))?;
    let delimiter = format!("--{boundary}");
    let finder = memchr::memmem::Finder::new(delimiter.as_bytes());
    let mut parts = Vec::new();
    let mut rest = body;
    let start = finder.find(rest).ok_or_else(|| bad("no multipart boundary in the body"))?;
    rest = rest.get(start + delimiter.len()..).unwrap_or_default();
    loop {
        if rest.starts_with(b"--") {
            return Ok(parts);
        }
        rest = rest.strip_prefix(b"\r\n").ok_or_else(|| bad("malformed multipart boundary line"))?;
        let end = finder.find(rest).ok_or_else(|| bad("unterminated multipart part"))?;
        let chunk = rest.get(..end).unwrap_or_default();
        let chunk = chunk.strip_suffix(b"\r\n").ok_or_else(|| bad("malformed multipart part ending"))?;
        parts.push(parse_part(chunk).ok_or_else(|| bad("malformed multipart part headers"))?);
        rest = rest.get(end + delimiter.len()..).unwrap_or_default();
    }
}

fn parse_part(chunk: &[u8]) -> Option<Part> {
    let split = memchr::memmem::find(chunk, b"\r\n\r\n")?;
    let head = std::str::from_utf8(chunk.get(..split)?).ok()?;
    let data = chunk.get(split + 4..)?.to_vec();
    let mut part = Part { name: String::new(), filename: None, content_type: None, data };
    for line in head.split("\r\n") {
        let (key, value) = line.split_once(':')?;
        if key.trim().eq_ignore_ascii_case("content-disposition") {
            for param in value.split(';').skip(1) {
                if let Some((k, v)) = param.split_once('=') {
                    let v = v.trim().trim_matches('"').to_owned();
                    match k.trim().to_ascii_lowercase().as_str() {
                        "name" => part.name = v,
                        "filename" => part.filename = Some(v),
                        _ => {}
                    }
                }
            }
        } else if key.trim().eq_ignore_ascii_case("content-type") {
            part.content_type = Some(value.trim().to_owned());
        }
    }
    (!part.name.is_empty()).then_some(part)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn png(size: usize) -> Vec<u8> {
        let mut bytes = vec![0x89, b'P', b'N', b'G', 0x0D, 0x0A, 0x1A, 0x0A];
        bytes.resize(size, 7);
        bytes
    }

    #[test]
    fn round_trips_and_escapes() {
        let data = png(MIN_FILE_SIZE);
        let (content_type, body) =
            Form::new().text("type", "passport").file("file", "a\"b\r\n.png", "image/png", data.clone()).finish();
        let parts = parse(&content_type, &body).unwrap();
        assert_eq!(parts.len(), 2);
        assert_eq!(parts[1].filename.as_deref(), Some("a%22b%0D%0A.png"));
        assert_eq!(unescape_filename("a%22b%0D%0A.png"), "a\"b\r\n.png");
        assert_eq!(parts[1].data, data);
        assert_eq!(parts[0].data, b"passport");
    }

    #[test]
    fn unnamed_files_are_named_after_their_bytes() {
        assert_eq!(FileUpload::unnamed(png(10)).filename, "upload.png");
        assert_eq!(FileUpload::unnamed(b"%PDF-1.4".to_vec()).filename, "upload.pdf");
        assert_eq!(FileUpload::unnamed(vec![0xFF, 0xD8, 0xFF, 0xE0]).filename, "upload.jpg");
        assert_eq!(FileUpload::unnamed(b"text".to_vec()).filename, "upload");
        let json = |text: &str| serde_json::from_str::<FileUpload>(text).map(|f| f.filename);
        assert_eq!(json(r#"{"content_base64": "JVBERi0xLjQ="}"#).unwrap(), "upload.pdf");
        assert_eq!(json(r#"{"filename": null, "content_base64": "JVBERi0xLjQ="}"#).unwrap(), "upload.pdf");
        assert_eq!(json(r#"{"filename": "", "content_base64": "JVBERi0xLjQ="}"#).unwrap(), "", "empty stays empty");
        assert!(FileUpload::unnamed(png(MIN_FILE_SIZE)).check(&[FileKind::Png]).is_ok());
    }

    #[test]
    fn boundary_never_occurs_in_content() {
        let probe = Form::new().file("file", "x.png", "image/png", png(40_000));
        let (ct, _) = probe.clone().finish();
        let boundary = ct.split("boundary=").nth(1).unwrap().to_owned();
        // Content that contains the boundary the form would have picked.
        let mut data = png(40_000);
        let at = 1000;
        data.splice(at..at + boundary.len(), boundary.bytes());
        let (ct2, body) = Form::new().file("file", "x.png", "image/png", data.clone()).finish();
        let parts = parse(&ct2, &body).unwrap();
        assert_eq!(parts[0].data, data);
    }

    #[test]
    fn file_rules() {
        let docs = [FileKind::Jpeg, FileKind::Png, FileKind::Pdf];
        assert_eq!(FileUpload::new("a.PNG", png(MIN_FILE_SIZE)).check(&docs).unwrap(), FileKind::Png);
        assert!(FileUpload::new("a.png", png(MIN_FILE_SIZE - 1)).check(&docs).is_err());
        assert!(FileUpload::new("a.jpg", png(MIN_FILE_SIZE)).check(&docs).is_err());
        assert!(FileUpload::new("a.gif", png(MIN_FILE_SIZE)).check(&docs).is_err());
        assert!(FileUpload::new("noext", png(MIN_FILE_SIZE)).check(&docs).is_ok());
        let mut pdf = b"%PDF-1.4".to_vec();
        pdf.resize(MIN_FILE_SIZE, b' ');
        assert!(FileUpload::new("a.pdf", pdf).check(&[FileKind::Jpeg, FileKind::Png]).is_err());
    }
}
