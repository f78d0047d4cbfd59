//! Writes the typed Rust surface of v3: one struct per response object, one open enum per enum,
//! and one endpoint type per operation (`core/src/v3/models.rs`, `core/src/v3/endpoints.rs`).
//!
//! Every response field is an `Option` (the document's `required` lists are not to be trusted,
//! and a missing or `null` member is never fatal), so parsing then serialising gives back what the
//! server sent; unknown members land in `extra`; enums keep unknown values. Reports are
//! one struct whose `name` tells the kind, with every kind's fields, and `breakdown` and
//! `properties` as free-form JSON (typed per kind, they would fail on shapes the document does not
//! foresee and triple the code).

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;

use serde_json::{Map, Value};

/// Fields whose values are secrets, shown as `***` by `Debug` (the core's `error::SECRET_KEYS`).
const SECRETS: [&str; 6] =
    ["token", "api_token", "access_token", "refresh_token", "client_secret", "oauth_server_client_secret"];

/// Fields of a report kind read as free-form JSON.
const FREE_FORM: [&str; 2] = ["breakdown", "properties"];

/// (models.rs, endpoints.rs) for a description.
pub fn rust(description: &Value, header: &str) -> Result<(String, String), String> {
    let schemas = description.get("schemas").and_then(Value::as_object).ok_or("the description has no schemas")?;
    let operations =
        description.get("operations").and_then(Value::as_array).ok_or("the description has no operations")?;
    let mut models = Models { schemas, items: Vec::new(), named: BTreeMap::new(), used: BTreeSet::new() };

    let mut dispatch = String::new();
    let mut endpoints = String::new();
    endpoints.push_str(header);
    endpoints.push_str(
        "//! One type per v3 operation: its id and what its answer reads as ([`super::Endpoint`]).\n\n\
         use super::answer;\nuse super::models::*;\nuse super::{Empty, Endpoint, FileOrRedirect};\n\
         use crate::config::ApiVersion;\nuse crate::download::Download;\nuse crate::error::Error;\nuse crate::http::HttpResponse;\n",
    );
    for op in operations {
        let id = op.get("id").and_then(Value::as_str).ok_or("an operation without an id")?;
        let (output, reader) = models.answer(id, op)?;
        let name = camel(id);
        let _ = writeln!(dispatch, "        {id:?} => answer::{reader}_json({name}::parse(version, response)?),");
        let _ = write!(
            endpoints,
            "\n/// `{id}`.\n#[derive(Clone, Copy, Debug)]\npub struct {name};\n\n\
             impl Endpoint for {name} {{\n    const ID: &'static str = {id:?};\n    type Output = {output};\n\n    \
             fn parse(version: ApiVersion, response: HttpResponse) -> Result<{output}, Error> {{\n        \
             answer::{reader}(Self::ID, version, response)\n    }}\n}}\n"
        );
    }
    let _ = write!(
        endpoints,
        "\n/// Reads an answer through the operation's typed model and writes it back as JSON (the shapes\n\
         /// of [`super::parse_response`]), for checking that both readings agree.\n\
         pub fn parse_typed(id: &str, version: ApiVersion, response: HttpResponse) -> Result<serde_json::Value, Error> {{\n    \
         match id {{\n{dispatch}        _ => Err(super::operation(version, id).err().unwrap_or_else(|| Error::validation(\"operation\", \"unknown\"))),\n    }}\n}}\n"
    );
    let event = description.get("webhook_event").ok_or("the description has no webhook_event")?;
    let event_type = models.rust_type(event, "WebhookEvent")?;

    let mut out = String::new();
    out.push_str(header);
    out.push_str(
        "//! The v3 models: every object an answer or a webhook notification holds.\n\n\
         #![allow(clippy::doc_markdown)]\n\n\
         use serde::Serialize;\nuse serde_json::{Map, Value};\n\n\
         use crate::serde_util::{deserialize_model, string_enum};\n\n\
         /// Members a model does not name, kept as sent.\npub type Extra = Map<String, Value>;\n",
    );
    let _ = writeln!(out, "\n/// A webhook notification's body.\npub type Notification = {event_type};");
    for item in &models.items {
        out.push('\n');
        out.push_str(item);
    }
    Ok((out, endpoints))
}

struct Models<'d> {
    schemas: &'d Map<String, Value>,
    /// Struct and enum definitions, in the order made.
    items: Vec<String>,
    /// Schema name → its Rust type.
    named: BTreeMap<String, String>,
    used: BTreeSet<String>,
}

impl Models<'_> {
    /// A fresh type name.
    fn fresh(&mut self, base: &str) -> String {
        let base = camel(base);
        let mut name = base.clone();
        let mut n = 2;
        while !self.used.insert(name.clone()) {
            name = format!("{base}{n}");
            n += 1;
        }
        name
    }

    /// The output type and answer reader of an operation.
    fn answer(&mut self, id: &str, op: &Value) -> Result<(String, &'static str), String> {
        let responses = op.get("responses").and_then(Value::as_array).ok_or_else(|| format!("{id}: no responses"))?;
        let redirects = responses.iter().any(|r| r.get("status").and_then(Value::as_str) == Some("302"));
        for response in responses {
            let status = response.get("status").and_then(Value::as_str).unwrap_or("");
            if !status.starts_with('2') {
                continue;
            }
            return Ok(match response.get("content_type").and_then(Value::as_str) {
                None => ("Empty".to_owned(), "empty"),
                Some("application/json") => {
                    let schema = response.get("schema").ok_or_else(|| format!("{id}: JSON without a schema"))?;
                    (self.rust_type(schema, &format!("{id}_output"))?, "json")
                }
                Some("text/plain") => ("String".to_owned(), "text"),
                Some(_) if redirects => ("FileOrRedirect".to_owned(), "file_or_redirect"),
                Some(_) => ("Download".to_owned(), "file"),
            });
        }
        Err(format!("{id}: no 2xx answer"))
    }

    /// The Rust type of a schema node (`context`: a name for an inline struct or enum).
    fn rust_type(&mut self, node: &Value, context: &str) -> Result<String, String> {
        if let Some(name) = node.get("ref").and_then(Value::as_str) {
            return self.named(name);
        }
        if node.get("discriminator").is_some() {
            return self.report(node, context);
        }
        if node.get("oneOf").is_some() {
            return Ok("Value".to_owned());
        }
        if node.get("enum").is_some() {
            return self.enumeration(node, context);
        }
        Ok(match node.get("type").and_then(Value::as_str).unwrap_or("") {
            "string" => "String".to_owned(),
            "integer" => "i64".to_owned(),
            "number" => "f64".to_owned(),
            "boolean" => "bool".to_owned(),
            "array" => {
                let items = match node.get("items") {
                    Some(items) => self.rust_type(items, &format!("{context}_item"))?,
                    None => "Value".to_owned(),
                };
                format!("Vec<{items}>")
            }
            _ if node.get("properties").is_some() => self.structure(node, context, &[])?,
            "object" => match node.get("additionalProperties") {
                Some(extra) if extra.is_object() && extra.get("type").is_some() => {
                    format!(
                        "std::collections::BTreeMap<String, {}>",
                        self.rust_type(extra, &format!("{context}_value"))?
                    )
                }
                _ => "Map<String, Value>".to_owned(),
            },
            _ => "Value".to_owned(),
        })
    }

    fn named(&mut self, name: &str) -> Result<String, String> {
        if let Some(found) = self.named.get(name) {
            return Ok(found.clone());
        }
        let node = self.schemas.get(name).ok_or_else(|| format!("unknown schema {name:?}"))?;
        let is_item =
            node.get("properties").is_some() || node.get("enum").is_some() || node.get("discriminator").is_some();
        if !is_item {
            let ty = self.rust_type(node, name)?;
            self.named.insert(name.to_owned(), ty.clone());
            return Ok(ty);
        }
        // Reserve the name first: schemas may refer to themselves.
        let rust = self.fresh(name);
        self.named.insert(name.to_owned(), rust.clone());
        if node.get("discriminator").is_some() {
            self.report_named(node, &rust)?;
        } else if node.get("enum").is_some() {
            self.enumeration_named(node, &rust, name)?;
        } else {
            self.structure_named(node, &rust, name, &[])?;
        }
        Ok(rust)
    }

    fn enumeration(&mut self, node: &Value, context: &str) -> Result<String, String> {
        let rust = self.fresh(context);
        self.enumeration_named(node, &rust, context)?;
        Ok(rust)
    }

    fn enumeration_named(&mut self, node: &Value, rust: &str, schema: &str) -> Result<(), String> {
        let values = node.get("enum").and_then(Value::as_array).ok_or("enum is not an array")?;
        let mut variants = String::new();
        let mut seen = BTreeSet::new();
        for value in values {
            let text = value.as_str().ok_or_else(|| format!("{schema}: non-text enum value"))?;
            let mut variant = camel(text);
            if variant.is_empty() || variant.starts_with(|c: char| c.is_ascii_digit()) {
                variant = format!("V{variant}");
            }
            if variant == "Unknown" {
                // `Unknown(String)` holds the values this version does not know.
                variant = "UnknownValue".to_owned();
            }
            while !seen.insert(variant.clone()) {
                variant.push('_');
            }
            let _ = writeln!(variants, "        /// `{text}`\n        {variant} => {text:?},");
        }
        self.items.push(format!(
            "string_enum! {{\n    /// The `{schema}` values; unknown ones are kept.\n    {rust} {{\n{variants}    }}\n}}\n"
        ));
        Ok(())
    }

    fn structure(&mut self, node: &Value, context: &str, skip: &[&str]) -> Result<String, String> {
        let rust = self.fresh(context);
        self.structure_named(node, &rust, context, skip)?;
        Ok(rust)
    }

    fn structure_named(&mut self, node: &Value, rust: &str, schema: &str, free: &[&str]) -> Result<(), String> {
        let props = node.get("properties").and_then(Value::as_object).ok_or("an object without properties")?;
        let mut fields = Vec::new();
        for (key, prop) in props {
            let ty = if free.contains(&key.as_str()) {
                "Value".to_owned()
            } else {
                self.rust_type(prop, &format!("{schema}_{key}"))?
            };
            fields.push((key.clone(), ty));
        }
        self.push_struct(rust, schema, &fields);
        Ok(())
    }

    fn push_struct(&mut self, rust: &str, schema: &str, fields: &[(String, String)]) {
        let mut body = String::new();
        let mut keys = Vec::new();
        for (key, ty) in fields {
            let field = snake(key);
            let rename = if field.trim_start_matches("r#") == key {
                String::new()
            } else {
                format!("    #[serde(rename = {key:?})]\n")
            };
            let _ = write!(
                body,
                "    /// `{key}`.\n{rename}    #[serde(skip_serializing_if = \"Option::is_none\")]\n    pub {field}: Option<{ty}>,\n"
            );
            keys.push(format!("{field}: {key:?}"));
        }
        // A model holding a secret (a webhook's token, an OAuth client secret) shows `***` for it
        // in `Debug`, as the API token never shows.
        let secret = fields.iter().any(|(key, _)| SECRETS.contains(&key.as_str()));
        let debug = if secret { "" } else { "Debug, " };
        let mut item = format!(
            "/// The `{schema}` object.\n#[derive(Clone, {debug}Default, PartialEq, Serialize)]\npub struct {rust} {{\n{body}    \
             /// Members this version does not name, kept as sent.\n    #[serde(flatten)]\n    pub extra: Extra,\n}}\n\n\
             deserialize_model!({rust} {{\n    {},\n}});\n",
            keys.join(",\n    ")
        );
        if secret {
            let _ = write!(
                item,
                "\nimpl std::fmt::Debug for {rust} {{\n    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {{\n        \
                 f.debug_struct({rust:?})\n"
            );
            for (key, _) in fields {
                let field = snake(key);
                if SECRETS.contains(&key.as_str()) {
                    let _ = writeln!(item, "            .field({key:?}, &self.{field}.as_ref().map(|_| \"***\"))");
                } else {
                    let _ = writeln!(item, "            .field({key:?}, &self.{field})");
                }
            }
            item.push_str("            .field(\"extra\", &self.extra)\n            .finish()\n    }\n}\n");
        }
        self.items.push(item);
    }

    fn report(&mut self, node: &Value, context: &str) -> Result<String, String> {
        let rust = self.fresh(context);
        self.report_named(node, &rust)?;
        Ok(rust)
    }

    /// One struct for every kind of a discriminated union: the union of their fields (a field
    /// whose type differs between kinds is free-form JSON), `breakdown` and `properties` free-form.
    fn report_named(&mut self, node: &Value, rust: &str) -> Result<(), String> {
        let mapping =
            node.pointer("/discriminator/mapping").and_then(Value::as_object).ok_or("a union without a mapping")?;
        let mut fields: BTreeMap<String, String> = BTreeMap::new();
        let mut order = Vec::new();
        for target in mapping.values().filter_map(Value::as_str) {
            let schema = self.schemas.get(target).ok_or_else(|| format!("unknown schema {target:?}"))?;
            let props = schema.get("properties").and_then(Value::as_object).ok_or("a union kind without properties")?;
            for (key, prop) in props {
                let ty = if FREE_FORM.contains(&key.as_str()) {
                    "Value".to_owned()
                } else {
                    self.rust_type(prop, &format!("report_{key}"))?
                };
                match fields.get(key) {
                    None => {
                        order.push(key.clone());
                        fields.insert(key.clone(), ty);
                    }
                    Some(known) if *known == ty => {}
                    Some(_) => {
                        fields.insert(key.clone(), "Value".to_owned());
                    }
                }
            }
        }
        let fields: Vec<(String, String)> =
            order.into_iter().map(|k| (k.clone(), fields.get(&k).cloned().unwrap_or_default())).collect();
        self.push_struct(rust, "report", &fields);
        Ok(())
    }
}

/// `find_applicant` → `FindApplicant`, `Error_1` → `Error1`.
pub fn camel(text: &str) -> String {
    text.split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(|w| {
            let mut chars = w.chars();
            chars.next().map(|c| c.to_ascii_uppercase().to_string() + chars.as_str()).unwrap_or_default()
        })
        .collect()
}

/// A field name as a Rust identifier: lower snake case, keywords raw (`type` → `r#type`).
fn snake(key: &str) -> String {
    let mut out = String::new();
    for (i, c) in key.chars().enumerate() {
        if c.is_ascii_uppercase() && i > 0 && !out.ends_with('_') {
            out.push('_');
        }
        out.push(if c.is_ascii_alphanumeric() { c.to_ascii_lowercase() } else { '_' });
    }
    if out.starts_with(|c: char| c.is_ascii_digit()) {
        out.insert(0, '_');
    }
    match out.as_str() {
        "type" | "match" | "ref" | "self" | "mod" | "use" | "in" | "fn" | "enum" | "struct" | "final" | "override" => {
            format!("r#{out}")
        }
        _ => out,
    }
}
