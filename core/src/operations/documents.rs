//! Documents of an applicant: upload, retrieve, list, download.

use serde::{Deserialize, Serialize};

use super::request::RequestBuilder;
use super::response::{self, ListKey, Listed};
use super::{Operation, OperationId};
use crate::config::Config;
use crate::download::Download;
use crate::error::{Error, FieldErrors};
use crate::http::{HttpRequest, HttpResponse, Method};
use crate::models::{Document, DocumentSide, DocumentType};
use crate::multipart::{FileKind, FileUpload, Form};
use crate::validation;

impl ListKey for Document {
    const LIST_KEY: &'static str = "documents";
}

/// The file types a document may be.
pub const DOCUMENT_FILE_KINDS: [FileKind; 3] = [FileKind::Jpeg, FileKind::Png, FileKind::Pdf];

/// Uploads a document (JPEG, PNG or PDF, 32 KiB to 10 MiB): `POST applicants/{applicant_id}/documents`.
#[derive(Clone, Debug, Default, PartialEq, Deserialize)]
pub struct UploadDocument {
    /// The applicant it belongs to.
    #[serde(default)]
    pub applicant_id: String,
    /// The file.
    pub file: Option<FileUpload>,
    /// The document's type (required).
    #[serde(rename = "type")]
    pub document_type: Option<DocumentType>,
    /// Front or back.
    pub side: Option<DocumentSide>,
    /// Issuing country (ISO alpha-3; required for proof of address).
    pub issuing_country: Option<String>,
}

impl UploadDocument {
    /// Uploads this file as a document of this type.
    pub fn new(applicant_id: impl Into<String>, document_type: DocumentType, file: FileUpload) -> Self {
        UploadDocument {
            applicant_id: applicant_id.into(),
            file: Some(file),
            document_type: Some(document_type),
            side: None,
            issuing_country: None,
        }
    }
}

impl Operation for UploadDocument {
    const ID: OperationId = OperationId::UploadDocument;
    type Output = Document;

    fn build(&self, config: &Config) -> Result<HttpRequest, Error> {
        let mut errors = FieldErrors::new();
        validation::path_id(&mut errors, "applicant_id", &self.applicant_id);
        match &self.document_type {
            None => errors.add("type", "can't be blank"),
            Some(t) if t.as_str().trim().is_empty() => errors.add("type", "can't be blank"),
            Some(_) => {}
        }
        if let Some(side) = self.side.as_ref().filter(|s| !s.is_known()) {
            errors.add("side", format!("must be front or back, not {:?}", side.as_str()));
        }
        validation::not_blank(&mut errors, "issuing_country", self.issuing_country.as_deref());
        let kind = validation::file(&mut errors, self.file.as_ref(), &DOCUMENT_FILE_KINDS);
        errors.into_result()?;
        let (Some(file), Some(kind), Some(document_type)) = (&self.file, kind, &self.document_type) else {
            return Err(Error::validation("file", "is required"));
        };
        let mut form = Form::new().text("type", document_type.as_str());
        if let Some(side) = &self.side {
            form = form.text("side", side.as_str());
        }
        if let Some(country) = &self.issuing_country {
            form = form.text("issuing_country", country.as_str());
        }
        let form = form.file("file", &file.filename, kind.content_type(), file.content.clone());
        Ok(RequestBuilder::new(config, Method::Post, &["applicants", &self.applicant_id, "documents"])?.multipart(form))
    }

    fn parse(response: HttpResponse) -> Result<Document, Error> {
        response::json(response)
    }
}

/// Retrieves a document: `GET applicants/{applicant_id}/documents/{document_id}`.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct RetrieveDocument {
    /// The applicant it belongs to.
    #[serde(default)]
    pub applicant_id: String,
    /// The document.
    #[serde(default)]
    pub document_id: String,
}

impl RetrieveDocument {
    /// Retrieves this document.
    pub fn new(applicant_id: impl Into<String>, document_id: impl Into<String>) -> Self {
        RetrieveDocument { applicant_id: applicant_id.into(), document_id: document_id.into() }
    }
}

impl Operation for RetrieveDocument {
    const ID: OperationId = OperationId::RetrieveDocument;
    type Output = Document;

    fn build(&self, config: &Config) -> Result<HttpRequest, Error> {
        validation::path_ids(&[("applicant_id", &self.applicant_id), ("document_id", &self.document_id)])?;
        let path = ["applicants", &self.applicant_id, "documents", &self.document_id];
        Ok(RequestBuilder::new(config, Method::Get, &path)?.empty())
    }

    fn parse(response: HttpResponse) -> Result<Document, Error> {
        response::json(response)
    }
}

/// Lists an applicant's documents: `GET applicants/{applicant_id}/documents`.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct ListDocuments {
    /// The applicant.
    #[serde(default)]
    pub applicant_id: String,
}

impl ListDocuments {
    /// Lists this applicant's documents.
    pub fn new(applicant_id: impl Into<String>) -> Self {
        ListDocuments { applicant_id: applicant_id.into() }
    }
}

impl Operation for ListDocuments {
    const ID: OperationId = OperationId::ListDocuments;
    type Output = Listed<Document>;

    fn build(&self, config: &Config) -> Result<HttpRequest, Error> {
        validation::path_ids(&[("applicant_id", &self.applicant_id)])?;
        Ok(RequestBuilder::new(config, Method::Get, &["applicants", &self.applicant_id, "documents"])?.empty())
    }

    fn parse(response: HttpResponse) -> Result<Listed<Document>, Error> {
        response::list(response)
    }
}

/// Downloads a document's file: `GET applicants/{applicant_id}/documents/{document_id}/download`.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct DownloadDocument {
    /// The applicant it belongs to.
    #[serde(default)]
    pub applicant_id: String,
    /// The document.
    #[serde(default)]
    pub document_id: String,
}

impl DownloadDocument {
    /// Downloads this document.
    pub fn new(applicant_id: impl Into<String>, document_id: impl Into<String>) -> Self {
        DownloadDocument { applicant_id: applicant_id.into(), document_id: document_id.into() }
    }
}

impl Operation for DownloadDocument {
    const ID: OperationId = OperationId::DownloadDocument;
    type Output = Download;

    fn build(&self, config: &Config) -> Result<HttpRequest, Error> {
        validation::path_ids(&[("applicant_id", &self.applicant_id), ("document_id", &self.document_id)])?;
        let path = ["applicants", &self.applicant_id, "documents", &self.document_id, "download"];
        Ok(RequestBuilder::new(config, Method::Get, &path)?.accept_any().empty())
    }

    fn parse(response: HttpResponse) -> Result<Download, Error> {
        response::download(response)
    }
}
