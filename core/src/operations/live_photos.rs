//! Live photos: upload, retrieve, list, download.

use serde::{Deserialize, Serialize};

use super::request::RequestBuilder;
use super::response::{self, ListKey, Listed};
use super::{Operation, OperationId};
use crate::config::Config;
use crate::download::Download;
use crate::error::{Error, FieldErrors};
use crate::http::{HttpRequest, HttpResponse, Method};
use crate::models::LivePhoto;
use crate::multipart::{FileKind, FileUpload, Form};
use crate::serde_util::lenient_bool;
use crate::validation;

impl ListKey for LivePhoto {
    const LIST_KEY: &'static str = "live_photos";
}

/// The file types a live photo may be.
pub const LIVE_PHOTO_FILE_KINDS: [FileKind; 2] = [FileKind::Jpeg, FileKind::Png];

/// Uploads a live photo (JPEG or PNG, 32 KiB to 10 MiB): `POST live_photos`.
#[derive(Clone, Debug, Default, PartialEq, Deserialize)]
pub struct UploadLivePhoto {
    /// The applicant it belongs to.
    #[serde(default)]
    pub applicant_id: String,
    /// The file.
    pub file: Option<FileUpload>,
    /// Whether the server checks for exactly one face (default true).
    #[serde(default, deserialize_with = "lenient_bool")]
    pub advanced_validation: Option<bool>,
}

impl UploadLivePhoto {
    /// Uploads this file as a live photo of this applicant.
    pub fn new(applicant_id: impl Into<String>, file: FileUpload) -> Self {
        UploadLivePhoto { applicant_id: applicant_id.into(), file: Some(file), advanced_validation: None }
    }
}

impl Operation for UploadLivePhoto {
    const ID: OperationId = OperationId::UploadLivePhoto;
    type Output = LivePhoto;

    fn build(&self, config: &Config) -> Result<HttpRequest, Error> {
        let mut errors = FieldErrors::new();
        validation::path_id(&mut errors, "applicant_id", &self.applicant_id);
        let kind = validation::file(&mut errors, self.file.as_ref(), &LIVE_PHOTO_FILE_KINDS);
        errors.into_result()?;
        let (Some(file), Some(kind)) = (&self.file, kind) else {
            return Err(Error::validation("file", "is required"));
        };
        let mut form = Form::new().text("applicant_id", self.applicant_id.as_str());
        if let Some(advanced) = self.advanced_validation {
            form = form.text("advanced_validation", advanced.to_string());
        }
        let form = form.file("file", &file.filename, kind.content_type(), file.content.clone());
        Ok(RequestBuilder::new(config, Method::Post, &["live_photos"])?.multipart(form))
    }

    fn parse(response: HttpResponse) -> Result<LivePhoto, Error> {
        response::json(response)
    }
}

/// Retrieves a live photo: `GET live_photos/{live_photo_id}`.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct RetrieveLivePhoto {
    /// The live photo.
    #[serde(default)]
    pub live_photo_id: String,
}

impl RetrieveLivePhoto {
    /// Retrieves this live photo.
    pub fn new(live_photo_id: impl Into<String>) -> Self {
        RetrieveLivePhoto { live_photo_id: live_photo_id.into() }
    }
}

impl Operation for RetrieveLivePhoto {
    const ID: OperationId = OperationId::RetrieveLivePhoto;
    type Output = LivePhoto;

    fn build(&self, config: &Config) -> Result<HttpRequest, Error> {
        validation::path_ids(&[("live_photo_id", &self.live_photo_id)])?;
        Ok(RequestBuilder::new(config, Method::Get, &["live_photos", &self.live_photo_id])?.empty())
    }

    fn parse(response: HttpResponse) -> Result<LivePhoto, Error> {
        response::json(response)
    }
}

/// Lists an applicant's live photos: `GET live_photos?applicant_id=`.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct ListLivePhotos {
    /// The applicant (required).
    #[serde(default)]
    pub applicant_id: String,
}

impl ListLivePhotos {
    /// Lists this applicant's live photos.
    pub fn new(applicant_id: impl Into<String>) -> Self {
        ListLivePhotos { applicant_id: applicant_id.into() }
    }
}

impl Operation for ListLivePhotos {
    const ID: OperationId = OperationId::ListLivePhotos;
    type Output = Listed<LivePhoto>;

    fn build(&self, config: &Config) -> Result<HttpRequest, Error> {
        validation::path_ids(&[("applicant_id", &self.applicant_id)])?;
        Ok(RequestBuilder::new(config, Method::Get, &["live_photos"])?
            .query("applicant_id", Some(&self.applicant_id))
            .empty())
    }

    fn parse(response: HttpResponse) -> Result<Listed<LivePhoto>, Error> {
        response::list(response)
    }
}

/// Downloads a live photo's file: `GET live_photos/{live_photo_id}/download`.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct DownloadLivePhoto {
    /// The live photo.
    #[serde(default)]
    pub live_photo_id: String,
}

impl DownloadLivePhoto {
    /// Downloads this live photo.
    pub fn new(live_photo_id: impl Into<String>) -> Self {
        DownloadLivePhoto { live_photo_id: live_photo_id.into() }
    }
}

impl Operation for DownloadLivePhoto {
    const ID: OperationId = OperationId::DownloadLivePhoto;
    type Output = Download;

    fn build(&self, config: &Config) -> Result<HttpRequest, Error> {
        validation::path_ids(&[("live_photo_id", &self.live_photo_id)])?;
        let path = ["live_photos", &self.live_photo_id, "download"];
        Ok(RequestBuilder::new(config, Method::Get, &path)?.accept_any().empty())
    }

    fn parse(response: HttpResponse) -> Result<Download, Error> {
        response::download(response)
    }
}
