//! A video of the applicant's face for the video facial similarity report.

use serde::Serialize;
use serde_json::Value;

use super::{ChallengeType, Extra};
use crate::serde_util::deserialize_model;
use crate::timestamp::Timestamp;

/// A live video.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct LiveVideo {
    /// Unique identifier.
    pub id: String,
    /// When it was uploaded.
    pub created_at: Option<Timestamp>,
    /// The URI of this resource.
    pub href: Option<String>,
    /// The URI to download it from.
    pub download_href: Option<String>,
    /// The uploaded file's name.
    pub file_name: Option<String>,
    /// The uploaded file's type (`video/mp4`).
    pub file_type: Option<String>,
    /// The file's size in bytes.
    pub file_size: Option<u64>,
    /// What the applicant was asked to do, in order.
    pub challenge: Vec<Challenge>,
    /// Fields this version does not name.
    #[serde(flatten)]
    pub extra: Extra,
}

/// One challenge of a live video: recite digits or perform a movement.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct Challenge {
    /// Recite or movement.
    #[serde(rename = "type")]
    pub challenge_type: ChallengeType,
    /// The digits (`[1, 2, 3]`) or the movement (`"turnRight"`).
    pub query: Value,
    /// Fields this version does not name.
    #[serde(flatten)]
    pub extra: Extra,
}

impl Challenge {
    /// The digits to recite, for a recite challenge.
    pub fn digits(&self) -> Option<Vec<i64>> {
        self.query.as_array()?.iter().map(Value::as_i64).collect()
    }

    /// The movement to perform, for a movement challenge.
    pub fn movement(&self) -> Option<&str> {
        self.query.as_str()
    }
}

deserialize_model!(LiveVideo required "id" {
    id: "id",
    created_at: "created_at",
    href: "href",
    download_href: "download_href",
    file_name: "file_name",
    file_type: "file_type",
    file_size: "file_size",
    challenge: "challenge" or_default,
});

deserialize_model!(Challenge required "type" {
    challenge_type: "type",
    query: "query",
});
