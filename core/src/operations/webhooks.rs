//! Webhooks: register, retrieve, list.

use serde::{Deserialize, Serialize};

use super::request::RequestBuilder;
use super::response::{self, ListKey, Listed};
use super::{Operation, OperationId};
use crate::config::Config;
use crate::error::{Error, FieldErrors};
use crate::http::{HttpRequest, HttpResponse, Method};
use crate::models::{Extra, Webhook, WebhookEnvironment, WebhookEvent};
use crate::validation::{self, Validate};

impl ListKey for Webhook {
    const LIST_KEY: &'static str = "webhooks";
}

/// Registers a webhook (all events and environments unless narrowed): `POST webhooks`.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct RegisterWebhook {
    /// Where notifications go: https (http only for loopback hosts).
    pub url: Option<String>,
    /// Whether it is active (default true).
    pub enabled: Option<bool>,
    /// sandbox and/or live (default both).
    pub environments: Option<Vec<WebhookEnvironment>>,
    /// The events to receive (default all).
    pub events: Option<Vec<WebhookEvent>>,
    /// Fields this version does not name, sent as given.
    #[serde(flatten)]
    pub extra: Extra,
}

impl RegisterWebhook {
    /// A webhook for this URL.
    pub fn new(url: impl Into<String>) -> Self {
        RegisterWebhook { url: Some(url.into()), ..RegisterWebhook::default() }
    }

    /// The same webhook narrowed to these events.
    pub fn events(mut self, events: impl IntoIterator<Item = WebhookEvent>) -> Self {
        self.events = Some(events.into_iter().collect());
        self
    }
}

impl Validate for RegisterWebhook {
    fn validate(&self, errors: &mut FieldErrors) {
        validation::webhook_url(errors, "url", self.url.as_deref());
        validation::webhook_events(errors, "events", self.events.as_deref().unwrap_or_default());
        for env in self.environments.iter().flatten().filter(|e| !e.is_known()) {
            errors.add("environments", format!("must be sandbox or live, not {:?}", env.as_str()));
        }
    }
}

impl Operation for RegisterWebhook {
    const ID: OperationId = OperationId::RegisterWebhook;
    type Output = Webhook;

    fn build(&self, config: &Config) -> Result<HttpRequest, Error> {
        self.check()?;
        RequestBuilder::new(config, Method::Post, &["webhooks"])?.json(self)
    }

    fn parse(response: HttpResponse) -> Result<Webhook, Error> {
        response::json(response)
    }
}

/// Retrieves a webhook: `GET webhooks/{webhook_id}`.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct RetrieveWebhook {
    /// The webhook.
    #[serde(default)]
    pub webhook_id: String,
}

impl RetrieveWebhook {
    /// Retrieves this webhook.
    pub fn new(webhook_id: impl Into<String>) -> Self {
        RetrieveWebhook { webhook_id: webhook_id.into() }
    }
}

impl Operation for RetrieveWebhook {
    const ID: OperationId = OperationId::RetrieveWebhook;
    type Output = Webhook;

    fn build(&self, config: &Config) -> Result<HttpRequest, Error> {
        validation::path_ids(&[("webhook_id", &self.webhook_id)])?;
        Ok(RequestBuilder::new(config, Method::Get, &["webhooks", &self.webhook_id])?.empty())
    }

    fn parse(response: HttpResponse) -> Result<Webhook, Error> {
        response::json(response)
    }
}

/// Lists the account's webhooks: `GET webhooks`.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct ListWebhooks {}

impl Operation for ListWebhooks {
    const ID: OperationId = OperationId::ListWebhooks;
    type Output = Listed<Webhook>;

    fn build(&self, config: &Config) -> Result<HttpRequest, Error> {
        Ok(RequestBuilder::new(config, Method::Get, &["webhooks"])?.empty())
    }

    fn parse(response: HttpResponse) -> Result<Listed<Webhook>, Error> {
        response::list(response)
    }
}
