//! A registered webhook endpoint and the events it can receive.

use std::fmt;

use serde::Serialize;

use super::{Extra, WebhookEnvironment};
use crate::serde_util::{deserialize_model, string_enum};

string_enum! {
    /// An event that triggers a webhook notification.
    WebhookEvent {
        /// A check started (standard: the applicant submitted the form).
        CheckStarted => "check.started",
        /// A check was reopened.
        CheckReopened => "check.reopened",
        /// A check was withdrawn.
        CheckWithdrawn => "check.withdrawn",
        /// A check completed.
        CheckCompleted => "check.completed",
        /// The applicant opened the form.
        CheckFormOpened => "check.form_opened",
        /// The applicant submitted the form.
        CheckFormCompleted => "check.form_completed",
        /// A report was withdrawn.
        ReportWithdrawn => "report.withdrawn",
        /// A paused report was resumed.
        ReportResumed => "report.resumed",
        /// A paused report was cancelled.
        ReportCancelled => "report.cancelled",
        /// A report awaits approval.
        ReportAwaitingApproval => "report.awaiting_approval",
        /// A report completed.
        ReportCompleted => "report.completed",
    }
}

/// A webhook; its `Debug` hides the signing token.
#[derive(Clone, Default, PartialEq, Serialize)]
pub struct Webhook {
    /// Unique identifier.
    pub id: String,
    /// Where notifications go.
    pub url: Option<String>,
    /// The secret that signs notifications.
    pub token: Option<String>,
    /// Whether it is active.
    pub enabled: Option<bool>,
    /// The URI of this resource.
    pub href: Option<String>,
    /// The environments it receives events from.
    pub environments: Vec<WebhookEnvironment>,
    /// The events it receives.
    pub events: Vec<WebhookEvent>,
    /// Fields this version does not name.
    #[serde(flatten)]
    pub extra: Extra,
}

impl fmt::Debug for Webhook {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Webhook")
            .field("id", &self.id)
            .field("url", &self.url)
            .field("token", &self.token.as_ref().map(|_| "***"))
            .field("enabled", &self.enabled)
            .field("environments", &self.environments)
            .field("events", &self.events)
            .finish_non_exhaustive()
    }
}

deserialize_model!(Webhook required "id" {
    id: "id",
    url: "url",
    token: "token",
    enabled: "enabled",
    href: "href",
    environments: "environments" or_default,
    events: "events" or_default,
});
