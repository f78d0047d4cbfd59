//! Live videos (uploaded by the mobile SDKs): retrieve, list, download.

use serde::{Deserialize, Serialize};

use super::request::RequestBuilder;
use super::response::{self, ListKey, Listed};
use super::{Operation, OperationId};
use crate::config::Config;
use crate::download::Download;
use crate::error::Error;
use crate::http::{HttpRequest, HttpResponse, Method};
use crate::models::LiveVideo;
use crate::validation;

impl ListKey for LiveVideo {
    const LIST_KEY: &'static str = "live_videos";
}

/// Retrieves a live video: `GET live_videos/{live_video_id}`.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct RetrieveLiveVideo {
    /// The live video.
    #[serde(default)]
    pub live_video_id: String,
}

impl RetrieveLiveVideo {
    /// Retrieves this live video.
    pub fn new(live_video_id: impl Into<String>) -> Self {
        RetrieveLiveVideo { live_video_id: live_video_id.into() }
    }
}

impl Operation for RetrieveLiveVideo {
    const ID: OperationId = OperationId::RetrieveLiveVideo;
    type Output = LiveVideo;

    fn build(&self, config: &Config) -> Result<HttpRequest, Error> {
        validation::path_ids(&[("live_video_id", &self.live_video_id)])?;
        Ok(RequestBuilder::new(config, Method::Get, &["live_videos", &self.live_video_id])?.empty())
    }

    fn parse(response: HttpResponse) -> Result<LiveVideo, Error> {
        response::json(response)
    }
}

/// Lists an applicant's live videos: `GET live_videos?applicant_id=`.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct ListLiveVideos {
    /// The applicant (required).
    #[serde(default)]
    pub applicant_id: String,
}

impl ListLiveVideos {
    /// Lists this applicant's live videos.
    pub fn new(applicant_id: impl Into<String>) -> Self {
        ListLiveVideos { applicant_id: applicant_id.into() }
    }
}

impl Operation for ListLiveVideos {
    const ID: OperationId = OperationId::ListLiveVideos;
    type Output = Listed<LiveVideo>;

    fn build(&self, config: &Config) -> Result<HttpRequest, Error> {
        validation::path_ids(&[("applicant_id", &self.applicant_id)])?;
        Ok(RequestBuilder::new(config, Method::Get, &["live_videos"])?
            .query("applicant_id", Some(&self.applicant_id))
            .empty())
    }

    fn parse(response: HttpResponse) -> Result<Listed<LiveVideo>, Error> {
        response::list(response)
    }
}

/// Downloads a live video's file: `GET live_videos/{live_video_id}/download`.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct DownloadLiveVideo {
    /// The live video.
    #[serde(default)]
    pub live_video_id: String,
}

impl DownloadLiveVideo {
    /// Downloads this live video.
    pub fn new(live_video_id: impl Into<String>) -> Self {
        DownloadLiveVideo { live_video_id: live_video_id.into() }
    }
}

impl Operation for DownloadLiveVideo {
    const ID: OperationId = OperationId::DownloadLiveVideo;
    type Output = Download;

    fn build(&self, config: &Config) -> Result<HttpRequest, Error> {
        validation::path_ids(&[("live_video_id", &self.live_video_id)])?;
        let path = ["live_videos", &self.live_video_id, "download"];
        Ok(RequestBuilder::new(config, Method::Get, &path)?.accept_any().empty())
    }

    fn parse(response: HttpResponse) -> Result<Download, Error> {
        response::download(response)
    }
}
