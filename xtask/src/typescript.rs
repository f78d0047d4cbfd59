//! Writes the npm package's surface of one API version from its description: `models.ts` and
//! `resources.ts` under `bindings-wasm/js/src/v3/` (from `api/onfido-v3.json`) and `v2/` (from
//! `api/onfido-v2.json`), by one generator.
//!
//! Models: one interface per object an answer holds or a request takes, by the API's field names,
//! with no index signature, so `tsc --strict` refuses a misspelt field read and (by its excess
//! property check) a misspelt input field. Answers: optional where not required, `null` allowed
//! where the field is optional or nullable, closed enums widened with `(string & {})` (`Open<…>`)
//! so values a newer server sends still type-check, dates and timestamps as the ISO text the
//! server sent (`string`). Inputs: closed enums, `string | Date` for dates and timestamps, read-only
//! fields left out, uploads as the package's `FileInput`. Reports are one interface with every
//! kind's fields (`breakdown` and `properties` free-form), as in the other runtimes.
//!
//! Resources: one class per resource, one method per operation named by its `surface`, each
//! calling one hand-written entry point of the shared `client.ts` (`_call`; for listings with
//! pages, `_list` for every item and `_page` for one page, as `list` and `listPage`); `OPERATIONS`
//! tells that entry point how each answer reads (object, list, page, file…). The generated
//! `Resources` class extends the shared `Client`: each version's client is its resources on the
//! one client implementation.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;

use serde_json::{Map, Value};

/// Fields of a report kind read as free-form JSON (as in the core's tables and models).
const FREE_FORM: [&str; 2] = ["breakdown", "properties"];
/// Names the package already exports (or the generated files define by hand): a schema whose
/// interface would be called so gets a suffix.
const TAKEN: [&str; 23] = [
    "Open",
    "OperationId",
    "Download",
    "Page",
    "PageLink",
    "PageLinks",
    "FileInput",
    "UrlLike",
    "BlobLike",
    "ReadableStreamLike",
    "Timestamp",
    "LinkRelations",
    "WebhookEvent",
    "WebhookEventObject",
    "Finding",
    "MissingData",
    "SdkTokenClaims",
    "Paginated",
    "Client",
    "Onfido",
    "Resources",
    "CallOptions",
    "OPERATIONS",
];

/// Which API version a description is, as the generated texts name it.
pub struct Api {
    /// `v3.6`, `v2`.
    pub label: &'static str,
    /// What the models module says of its versions (`v3.6 (and v3.4)`).
    pub about: &'static str,
    /// The note on the operation ids (`(v3.4 has 39 of them)`), or "".
    pub ids_note: &'static str,
}

/// The two texts: (`<version>/models.ts`, `<version>/resources.ts`).
pub fn typescript(description: &Value, header: &str, api: &Api) -> Result<(String, String), String> {
    let schemas = description.get("schemas").and_then(Value::as_object).ok_or("the description has no schemas")?;
    let operations =
        description.get("operations").and_then(Value::as_array).ok_or("the description has no operations")?;
    let mut ts = Ts {
        schemas,
        decls: BTreeMap::new(),
        models: BTreeMap::new(),
        inputs: BTreeMap::new(),
        enums: BTreeMap::new(),
        used: TAKEN.iter().map(|s| (*s).to_owned()).collect(),
    };
    // Answers first, so that models keep the plain names and request objects give way.
    let mut answers = Vec::new();
    for op in operations {
        answers.push(ts.answer(op)?);
    }
    let mut methods = Vec::new();
    for (op, answer) in operations.iter().zip(answers) {
        methods.push(ts.method(op, answer)?);
    }
    Ok((ts.models_module(header, &methods, api), resources_module(header, &methods, api)))
}

struct Ts<'d> {
    schemas: &'d Map<String, Value>,
    /// Interface or alias name → its declaration (sorted by name in the output).
    decls: BTreeMap<String, String>,
    /// Schema name → the answer type.
    models: BTreeMap<String, String>,
    /// Schema name → the request type.
    inputs: BTreeMap<String, String>,
    /// Schema name → its closed union's alias.
    enums: BTreeMap<String, String>,
    used: BTreeSet<String>,
}

/// How an answer reads: its kind (as `OPERATIONS` says), the list's key in a wrapper, the type.
struct Answer {
    kind: &'static str,
    key: Option<String>,
    ty: String,
}

/// One operation as a method.
struct Method {
    resource: String,
    name: String,
    id: String,
    http: String,
    in_v3_4: bool,
    /// Path parameters: (argument, API name).
    positional: Vec<(String, String)>,
    /// The input interface (query and body fields), and whether it may be left out.
    input: Option<(String, bool)>,
    upload: Option<String>,
    dates: BTreeSet<String>,
    answer: Answer,
}

/// `m.`-qualifies generated names in a resources-module type.
const NAME: char = '§';

impl<'d> Ts<'d> {
    fn fresh(&mut self, base: &str) -> String {
        let mut name = base.to_owned();
        let mut n = 2;
        while !self.used.insert(name.clone()) {
            name = format!("{base}{n}");
            n += 1;
        }
        name
    }

    fn schema(&self, name: &str) -> Result<&'d Value, String> {
        self.schemas.get(name).ok_or_else(|| format!("unknown schema {name:?}"))
    }

    /// The closed union alias of a named enum.
    fn alias(&mut self, name: &str, node: &Value) -> Result<String, String> {
        if let Some(found) = self.enums.get(name) {
            return Ok(found.clone());
        }
        let alias = self.fresh(&camel(name));
        let union = union(node)?;
        self.decls.insert(alias.clone(), format!("/** The `{name}` values. */\nexport type {alias} = {union};\n"));
        let marked = format!("{NAME}{alias}");
        self.enums.insert(name.to_owned(), marked.clone());
        Ok(marked)
    }

    /// An answer node's type (`null` not included).
    fn model_type(&mut self, node: &Value, context: &str) -> Result<String, String> {
        if let Some(name) = node.get("ref").and_then(Value::as_str) {
            return self.named_model(name);
        }
        if node.get("discriminator").is_some() {
            return self.report(node, context);
        }
        if let Some(alternatives) = node.get("oneOf").and_then(Value::as_array) {
            let mut types = Vec::new();
            for (i, alternative) in alternatives.iter().enumerate() {
                let ty = self.model_type(alternative, &format!("{context}_{i}"))?;
                if !types.contains(&ty) {
                    types.push(ty);
                }
            }
            return Ok(if types.is_empty() { "unknown".to_owned() } else { types.join(" | ") });
        }
        if node.get("enum").is_some() {
            return Ok(format!("{NAME}Open<{}>", union(node)?));
        }
        Ok(match node.get("type").and_then(Value::as_str).unwrap_or("") {
            "string" => "string".to_owned(),
            "integer" | "number" => "number".to_owned(),
            "boolean" => "boolean".to_owned(),
            "array" => match node.get("items") {
                Some(items) => format!("{}[]", parenthesized(&self.model_type(items, &format!("{context}_item"))?)),
                None => "unknown[]".to_owned(),
            },
            _ if node.get("properties").is_some() => {
                let name = self.fresh(&camel(context));
                self.interface(&name, node, context, false, &[])?;
                format!("{NAME}{name}")
            }
            _ => match node.get("additionalProperties") {
                Some(extra) if extra.get("type").is_some() || extra.get("ref").is_some() => {
                    format!("Record<string, {}>", self.model_type(extra, &format!("{context}_value"))?)
                }
                _ if node.get("type").and_then(Value::as_str) == Some("object") => "Record<string, unknown>".to_owned(),
                _ => "unknown".to_owned(),
            },
        })
    }

    fn named_model(&mut self, name: &str) -> Result<String, String> {
        if let Some(found) = self.models.get(name) {
            return Ok(found.clone());
        }
        let node = self.schema(name)?;
        if node.get("enum").is_some() {
            let alias = self.alias(name, node)?;
            let ty = format!("{NAME}Open<{alias}>");
            self.models.insert(name.to_owned(), ty.clone());
            return Ok(ty);
        }
        if node.get("properties").is_some() && node.get("discriminator").is_none() {
            // Named before its fields are written: a schema may hold itself.
            let interface = self.fresh(&camel(name));
            let ty = format!("{NAME}{interface}");
            self.models.insert(name.to_owned(), ty.clone());
            self.interface(&interface, node, name, false, &[])?;
            return Ok(ty);
        }
        let ty = self.model_type(node, name)?;
        self.models.insert(name.to_owned(), ty.clone());
        Ok(ty)
    }

    /// An interface for an object node (answer or request).
    fn interface(&mut self, name: &str, node: &Value, schema: &str, input: bool, free: &[&str]) -> Result<(), String> {
        let props = node.get("properties").and_then(Value::as_object).ok_or("an object without properties")?;
        let required = strings(node.get("required"));
        let mut fields = Vec::new();
        for (key, prop) in props {
            if input && read_only(prop) {
                continue;
            }
            let ty = if free.contains(&key.as_str()) {
                "Record<string, unknown>".to_owned()
            } else if input {
                self.input_type(prop, &format!("{schema}_{key}"))?
            } else {
                self.model_type(prop, &format!("{schema}_{key}"))?
            };
            let nullable = prop.get("nullable").and_then(Value::as_bool).unwrap_or(false);
            fields.push((key.clone(), ty, required.contains(key), nullable));
        }
        let what = if input { "of a request" } else { "as the API answers it" };
        self.push_interface(name, &format!("The `{schema}` object {what}."), &fields, input);
        Ok(())
    }

    /// Fields: (API name, type, required, nullable).
    fn push_interface(&mut self, name: &str, doc: &str, fields: &[(String, String, bool, bool)], input: bool) {
        let mut text = format!("/** {doc} */\nexport interface {name} {{\n");
        for (key, ty, required, nullable) in fields {
            let line = match (input, required) {
                (true, true) => format!("  {}: {ty};", property(key)),
                (true, false) => format!("  {}?: {ty} | undefined;", property(key)),
                (false, true) if !nullable => format!("  {}: {ty};", property(key)),
                (false, true) => format!("  {}: {ty} | null;", property(key)),
                (false, false) => format!("  {}?: {ty} | null;", property(key)),
            };
            text.push_str(&line);
            text.push('\n');
        }
        text.push_str("}\n");
        self.decls.insert(name.to_owned(), text);
    }

    /// One interface for every kind of a discriminated union (reports): the union of their fields.
    fn report(&mut self, node: &Value, context: &str) -> Result<String, String> {
        let key = format!("#union {context}");
        if let Some(found) = self.models.get(&key) {
            return Ok(found.clone());
        }
        let mapping =
            node.pointer("/discriminator/mapping").and_then(Value::as_object).ok_or("a union without a mapping")?;
        let name = self.fresh(&camel(if context == "report" { "report" } else { context }));
        let ty = format!("{NAME}{name}");
        self.models.insert(key, ty.clone());
        let mut fields: Vec<(String, String, bool, bool)> = Vec::new();
        for target in mapping.values().filter_map(Value::as_str) {
            let schema = self.schema(target)?;
            let props = schema.get("properties").and_then(Value::as_object).ok_or("a union kind without properties")?;
            let required = strings(schema.get("required"));
            for (key, prop) in props {
                let field = if FREE_FORM.contains(&key.as_str()) {
                    "Record<string, unknown>".to_owned()
                } else {
                    self.model_type(prop, &format!("report_{key}"))?
                };
                let nullable = prop.get("nullable").and_then(Value::as_bool).unwrap_or(false);
                let req = required.contains(key);
                match fields.iter_mut().find(|(k, _, _, _)| k == key) {
                    None => fields.push((key.clone(), field, req, nullable)),
                    Some((_, known, r, n)) => {
                        *r = *r && req;
                        *n = *n || nullable;
                        if *known != field {
                            *known = "unknown".to_owned();
                        }
                    }
                }
            }
        }
        self.push_interface(
            &name,
            "A report of any kind: every kind's fields (`breakdown` and `properties` free-form).",
            &fields,
            false,
        );
        Ok(ty)
    }

    /// A request node's type.
    fn input_type(&mut self, node: &Value, context: &str) -> Result<String, String> {
        if let Some(name) = node.get("ref").and_then(Value::as_str) {
            if let Some(found) = self.inputs.get(name) {
                return Ok(found.clone());
            }
            let target = self.schema(name)?;
            if target.get("enum").is_some() {
                let alias = self.alias(name, target)?;
                self.inputs.insert(name.to_owned(), alias.clone());
                return Ok(alias);
            }
            if target.get("properties").is_some() {
                let base = camel(name);
                let interface =
                    if self.used.contains(&base) { self.fresh(&format!("{base}Input")) } else { self.fresh(&base) };
                let ty = format!("{NAME}{interface}");
                self.inputs.insert(name.to_owned(), ty.clone());
                self.interface(&interface, target, name, true, &[])?;
                return Ok(ty);
            }
            let ty = self.input_type(target, name)?;
            self.inputs.insert(name.to_owned(), ty.clone());
            return Ok(ty);
        }
        if let Some(alternatives) = node.get("oneOf").and_then(Value::as_array) {
            let mut types = Vec::new();
            for (i, alternative) in alternatives.iter().enumerate() {
                let ty = self.input_type(alternative, &format!("{context}_{i}"))?;
                if !types.contains(&ty) {
                    types.push(ty);
                }
            }
            return Ok(if types.is_empty() { "unknown".to_owned() } else { types.join(" | ") });
        }
        if node.get("enum").is_some() {
            return union(node);
        }
        Ok(match (node.get("type").and_then(Value::as_str).unwrap_or(""), node.get("format").and_then(Value::as_str)) {
            ("string", Some("date" | "date-time")) => "string | Date".to_owned(),
            ("string", Some("binary")) => format!("{NAME}FileInput"),
            ("string", _) => "string".to_owned(),
            ("integer" | "number", _) => "number".to_owned(),
            ("boolean", _) => "boolean".to_owned(),
            ("array", _) => match node.get("items") {
                Some(items) => {
                    format!("readonly {}[]", parenthesized(&self.input_type(items, &format!("{context}_item"))?))
                }
                None => "readonly unknown[]".to_owned(),
            },
            _ if node.get("properties").is_some() => {
                let base = camel(context);
                let interface =
                    if self.used.contains(&base) { self.fresh(&format!("{base}Input")) } else { self.fresh(&base) };
                self.interface(&interface, node, context, true, &[])?;
                format!("{NAME}{interface}")
            }
            _ => match node.get("additionalProperties") {
                Some(extra) if extra.get("type").is_some() || extra.get("ref").is_some() => {
                    format!("Readonly<Record<string, {}>>", self.input_type(extra, &format!("{context}_value"))?)
                }
                _ => "Readonly<Record<string, unknown>>".to_owned(),
            },
        })
    }

    /// An operation as a method.
    fn method(&mut self, op: &Value, answer: Answer) -> Result<Method, String> {
        let text = |key: &str| op.get(key).and_then(Value::as_str).unwrap_or_default().to_owned();
        let id = text("id");
        let surface = |key: &str| op.pointer(&format!("/surface/{key}")).and_then(Value::as_str).map(str::to_owned);
        let (resource, name) = surface("resource")
            .zip(surface("method"))
            .ok_or_else(|| format!("{id}: no surface name (run api/derive.py)"))?;
        let mut positional = Vec::new();
        // (API name, type, required, nullable)
        let mut fields: Vec<(String, String, bool, bool)> = Vec::new();
        let mut upload = None;
        let mut dates = BTreeSet::new();
        for param in op.get("params").and_then(Value::as_array).into_iter().flatten() {
            let key = param.get("name").and_then(Value::as_str).ok_or_else(|| format!("{id}: a nameless parameter"))?;
            if param.get("in").and_then(Value::as_str) == Some("path") {
                positional.push((lower_camel(key), key.to_owned()));
                continue;
            }
            let schema = param.get("schema").unwrap_or(&Value::Null);
            self.collect_dates(schema, key, &mut dates, &mut BTreeSet::new())?;
            let ty = self.input_type(schema, &format!("{id}_{key}"))?;
            let required = param.get("required").and_then(Value::as_bool).unwrap_or(false);
            fields.push((key.to_owned(), ty, required, false));
        }
        if let Some(body) = op.pointer("/body/schema") {
            let mut node = body.clone();
            while let Some(name) = node.get("ref").and_then(Value::as_str) {
                node = self.schema(name)?.clone();
            }
            let required = strings(node.get("required"));
            for (key, prop) in node.get("properties").and_then(Value::as_object).into_iter().flatten() {
                if read_only(prop) {
                    continue;
                }
                self.collect_dates(prop, key, &mut dates, &mut BTreeSet::new())?;
                let ty = self.input_type(prop, &format!("{id}_{key}"))?;
                if ty == format!("{NAME}FileInput") {
                    upload = Some(key.clone());
                }
                fields.push((key.clone(), ty, required.contains(key), false));
            }
        }
        let mut names: BTreeSet<&str> = positional.iter().map(|(_, k)| k.as_str()).collect();
        for (key, _, _, _) in &fields {
            if !names.insert(key) || (upload.is_some() && key == "filename") {
                return Err(format!("{id}: two parameters would be called {key}"));
            }
        }
        if upload.is_some() {
            fields.push(("filename".to_owned(), "string".to_owned(), false, false));
        }
        let input = if fields.is_empty() {
            None
        } else {
            let interface = self.fresh(&format!("{}Input", camel(&id)));
            let optional = fields.iter().all(|(_, _, required, _)| !required);
            let mut doc = format!(
                "What `{}.{}` takes (`{id}`): query and body fields by the API's names.",
                lower_camel(&resource),
                lower_camel(&name)
            );
            if let Some(file) = &upload {
                let _ = write!(doc, " `{file}`: a path, bytes, a `Blob` or a stream; `filename`: the name sent (default: the file's own, else one after its bytes).");
            }
            self.push_interface(&interface, &doc, &fields, true);
            Some((interface, optional))
        };
        Ok(Method {
            resource,
            name,
            http: format!("{} {}", text("method"), text("path")),
            in_v3_4: op.get("v3.4").is_some(),
            id,
            positional,
            input,
            upload,
            dates,
            answer,
        })
    }

    /// The request fields (any depth) whose format is `date`: a `Date` there is sent as `yyyy-mm-dd`.
    fn collect_dates(
        &self,
        node: &Value,
        key: &str,
        out: &mut BTreeSet<String>,
        seen: &mut BTreeSet<String>,
    ) -> Result<(), String> {
        if let Some(name) = node.get("ref").and_then(Value::as_str) {
            if seen.insert(name.to_owned()) {
                self.collect_dates(self.schema(name)?, key, out, seen)?;
            }
            return Ok(());
        }
        if node.get("format").and_then(Value::as_str) == Some("date") {
            out.insert(key.to_owned());
        }
        if let Some(items) = node.get("items") {
            self.collect_dates(items, key, out, seen)?;
        }
        for alternative in node.get("oneOf").and_then(Value::as_array).into_iter().flatten() {
            self.collect_dates(alternative, key, out, seen)?;
        }
        for (inner, prop) in node.get("properties").and_then(Value::as_object).into_iter().flatten() {
            self.collect_dates(prop, inner, out, seen)?;
        }
        Ok(())
    }

    /// What a method returns.
    fn answer(&mut self, op: &Value) -> Result<Answer, String> {
        let id = op.get("id").and_then(Value::as_str).unwrap_or_default();
        let paginated = op
            .get("params")
            .and_then(Value::as_array)
            .is_some_and(|ps| ps.iter().any(|p| p.get("name").and_then(Value::as_str) == Some("page")));
        let responses = op.get("responses").and_then(Value::as_array).ok_or_else(|| format!("{id}: no responses"))?;
        let ok = responses
            .iter()
            .find(|r| r.get("status").and_then(Value::as_str).is_some_and(|s| s.starts_with('2')))
            .ok_or_else(|| format!("{id}: no 2xx answer"))?;
        let status = ok.get("status").and_then(Value::as_str).unwrap_or_default();
        let plain = |kind, ty: &str| Answer { kind, key: None, ty: ty.to_owned() };
        Ok(match ok.get("content_type").and_then(Value::as_str) {
            None if status == "201" => plain("location", "string | null"),
            None => plain("none", "void"),
            Some("text/plain") => plain("text", "string"),
            Some("application/json") => {
                let mut schema = ok.get("schema").ok_or_else(|| format!("{id}: JSON without a schema"))?.clone();
                // A wrapper object holding one list (`{"applicants": [...]}`) reads as the list.
                let mut key = None;
                if let Some(name) = schema.get("ref").and_then(Value::as_str) {
                    let target = self.schema(name)?;
                    if let Some(props) = target.get("properties").and_then(Value::as_object) {
                        if let [(k, list)] = props.iter().collect::<Vec<_>>().as_slice() {
                            if list.get("type").and_then(Value::as_str) == Some("array") {
                                key = Some((*k).clone());
                                schema = (*list).clone();
                            }
                        }
                    }
                }
                if schema.get("type").and_then(Value::as_str) == Some("array") {
                    let items = schema.get("items").ok_or_else(|| format!("{id}: a list without items"))?;
                    let item = self.model_type(items, &format!("{id}_item"))?;
                    if paginated {
                        Answer { kind: "page", key, ty: item }
                    } else {
                        Answer { kind: "list", key, ty: format!("{}[]", parenthesized(&item)) }
                    }
                } else {
                    Answer { kind: "object", key: None, ty: self.model_type(&schema, &format!("{id}_output"))? }
                }
            }
            Some(_) => plain("download", "Download"),
        })
    }

    fn models_module(&self, header: &str, methods: &[Method], api: &Api) -> String {
        let mut out = header.to_owned();
        let _ = write!(
            out,
            "// The {} models: every object an answer holds, and the objects requests take.\n\
             //\n\
             // Answers are the JSON the server sent, unchanged: dates and timestamps stay ISO text\n\
             // (`\"1990-01-31\"`, `\"2024-05-06T07:08:09Z\"`: `new Date(x)` reads a timestamp), enum\n\
             // fields admit values this version does not list, and members it does not name are kept\n\
             // (read them with `raw(model)`). Requests take `string | Date` for dates and timestamps.\n\n",
            api.about
        );
        if self.decls.values().any(|text| text.contains(&format!("{NAME}FileInput"))) {
            out.push_str("import type { FileInput } from \"../models.js\";\n\n");
        }
        let _ = write!(
            out,
            "/** A closed set of values, open to those a newer server sends (still type-checked as text). */\n\
             export type Open<T extends string> = T | (string & {{}});\n\n\
             /** Every {} operation id{}. */\n\
             export type OperationId =\n",
            api.label, api.ids_note
        );
        for method in methods {
            let _ = writeln!(out, "  | {:?}", method.id);
        }
        out.pop();
        out.push_str(";\n");
        for text in self.decls.values() {
            out.push('\n');
            out.push_str(&text.replace(NAME, ""));
        }
        out
    }
}

fn resources_module(header: &str, methods: &[Method], api: &Api) -> String {
    let mut by_resource: BTreeMap<&str, Vec<&Method>> = BTreeMap::new();
    for method in methods {
        by_resource.entry(method.resource.as_str()).or_default().push(method);
    }
    let profiled = methods.iter().any(|m| m.in_v3_4);
    let paged = methods.iter().any(|m| m.answer.kind == "page");
    let downloads = methods.iter().any(|m| m.answer.kind == "download");
    let mut out = header.to_owned();
    let _ = write!(
        out,
        "// Every {} operation as a method of a resource. Each method calls one entry point of the\n\
         // shared client (`_call`; `_list` and `_page` for listings with pages); `OPERATIONS` says\n\
         // how answers read.\n\n",
        api.label
    );
    out.push_str(if paged {
        "import { Client, type ApiVersions, type CallOptions, type CommonOptions, type OperationInfo, type Paginated } from \"../client.js\";\n"
    } else {
        "import { Client, type ApiVersions, type CallOptions, type CommonOptions, type OperationInfo } from \"../client.js\";\n"
    });
    let shared: Vec<&str> =
        [(downloads, "Download"), (paged, "Page")].iter().filter(|(u, _)| *u).map(|(_, n)| *n).collect();
    if !shared.is_empty() {
        let _ = writeln!(out, "import type {{ {} }} from \"../models.js\";", shared.join(", "));
    }
    out.push_str(
        "import type * as m from \"./models.js\";\n\n\
         /** How each operation's answer reads, its path parameters, its upload field and its date-only fields. */\n\
         export const OPERATIONS: { readonly [id in m.OperationId]: OperationInfo } = {\n",
    );
    for method in methods {
        let mut info = format!("answer: {:?}", method.answer.kind);
        if let Some(key) = &method.answer.key {
            let _ = write!(info, ", key: {key:?}");
        }
        if !method.positional.is_empty() {
            let path: Vec<String> = method.positional.iter().map(|(_, key)| format!("{key:?}")).collect();
            let _ = write!(info, ", path: [{}]", path.join(", "));
        }
        if let Some(file) = &method.upload {
            let _ = write!(info, ", upload: {file:?}");
        }
        if !method.dates.is_empty() {
            let dates: Vec<String> = method.dates.iter().map(|d| format!("{d:?}")).collect();
            let _ = write!(info, ", dates: [{}]", dates.join(", "));
        }
        let _ = writeln!(out, "  {}: {{ {info} }},", method.id);
    }
    out.push_str("};\n");
    for (resource, methods) in &by_resource {
        let names: Vec<String> = methods.iter().flat_map(|m| method_names(m)).collect();
        let _ = write!(
            out,
            "\n/** `{}`: {}. */\nexport class {} {{\n  /** @internal */\n  protected readonly client: Client<m.OperationId>;\n\n  \
             /** @internal */\n  constructor(client: Client<m.OperationId>) {{\n    this.client = client;\n  }}\n",
            lower_camel(resource),
            names.join(", "),
            camel(resource)
        );
        for method in methods {
            out.push('\n');
            out.push_str(&render(method, profiled));
        }
        out.push_str("}\n");
    }
    let _ = writeln!(
        out,
        "\n/** Every resource of API {} as an attribute, on the shared client (`../client.ts`). */\n\
         export abstract class Resources extends Client<m.OperationId> {{",
        api.label
    );
    for (resource, methods) in &by_resource {
        let names: Vec<String> = methods.iter().flat_map(|m| method_names(m)).collect();
        let _ = writeln!(
            out,
            "  /** {}. */\n  readonly {}: {} = new {}(this);",
            names.join(", "),
            lower_camel(resource),
            camel(resource),
            camel(resource)
        );
    }
    out.push_str(
        "\n  /** @internal */\n  protected constructor(options: CommonOptions | undefined, versions: ApiVersions) {\n    \
         super(options, versions, OPERATIONS);\n  }\n}\n",
    );
    out
}

/// The method names of an operation: a listing with pages has two (`list`, `listPage`).
fn method_names(method: &Method) -> Vec<String> {
    let name = lower_camel(&method.name);
    if method.answer.kind == "page" {
        vec![name.clone(), format!("{name}Page")]
    } else {
        vec![name]
    }
}

/// One method (two for a listing with pages: every item, and one page).
fn render(method: &Method, profiled: bool) -> String {
    let qualify = |ty: &str| ty.replace(NAME, "m.");
    let mut params: Vec<String> = method.positional.iter().map(|(arg, _)| format!("{arg}: string")).collect();
    if let Some((interface, optional)) = &method.input {
        params.push(if *optional { format!("input: m.{interface} = {{}}") } else { format!("input: m.{interface}") });
    }
    params.push("options?: CallOptions".to_owned());
    let ids: Vec<&str> = method.positional.iter().map(|(arg, _)| arg.as_str()).collect();
    let input = format!("[{}], {}", ids.join(", "), if method.input.is_some() { "input" } else { "{}" });
    let only = if profiled && !method.in_v3_4 { " v3.6 only." } else { "" };
    let name = lower_camel(&method.name);
    let params = params.join(", ");
    if method.answer.kind == "page" {
        let item = qualify(&method.answer.ty);
        return format!(
            "  /** `{http}` (`{id}`): every item, page after page from `page` (default 1); `toArray()` collects them.{only} */\n  \
             {name}({params}): Paginated<{item}> {{\n    return this.client._list<{item}>({id:?}, {input}, options);\n  }}\n\n  \
             /** `{http}` (`{id}`): one page (`page`, default 1), with the total count and the neighbouring page numbers.{only} */\n  \
             {name}Page({params}): Promise<Page<{item}>> {{\n    return this.client._page<{item}>({id:?}, {input}, options);\n  }}\n",
            http = method.http,
            id = method.id,
        );
    }
    let ty = qualify(&method.answer.ty);
    format!(
        "  /** `{}` (`{}`).{only} */\n  {name}({params}): Promise<{ty}> {{\n    return this.client._call<{ty}>({:?}, {input}, options);\n  }}\n",
        method.http, method.id, method.id,
    )
}

/// `"a" | "b"` of an enum node.
fn union(node: &Value) -> Result<String, String> {
    let values = node.get("enum").and_then(Value::as_array).ok_or("enum is not an array")?;
    let texts: Vec<String> = values
        .iter()
        .map(|v| v.as_str().map(|s| format!("{s:?}")).ok_or("a non-text enum value"))
        .collect::<Result<_, _>>()?;
    Ok(texts.join(" | "))
}

/// A union inside `[]` needs parentheses (a `|` outside any `<…>`).
fn parenthesized(ty: &str) -> String {
    let mut depth = 0i32;
    let mut union = false;
    for c in ty.chars() {
        match c {
            '<' | '(' => depth += 1,
            '>' | ')' => depth -= 1,
            '|' if depth == 0 => union = true,
            _ => {}
        }
    }
    if union {
        format!("({ty})")
    } else {
        ty.to_owned()
    }
}

fn strings(value: Option<&Value>) -> BTreeSet<String> {
    value.and_then(Value::as_array).into_iter().flatten().filter_map(Value::as_str).map(str::to_owned).collect()
}

fn read_only(node: &Value) -> bool {
    node.get("readOnly").and_then(Value::as_bool).unwrap_or(false)
}

/// A property name: as is when it is an identifier, else quoted.
fn property(key: &str) -> String {
    let identifier = key.chars().next().is_some_and(|c| c.is_ascii_alphabetic() || c == '_' || c == '$')
        && key.chars().all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '$');
    if identifier {
        key.to_owned()
    } else {
        format!("{key:?}")
    }
}

/// `find_applicant` → `FindApplicant`.
fn camel(text: &str) -> String {
    crate::models::camel(text)
}

/// `download_frame` → `downloadFrame`.
fn lower_camel(text: &str) -> String {
    let upper = camel(text);
    let mut chars = upper.chars();
    chars.next().map(|c| c.to_ascii_lowercase().to_string() + chars.as_str()).unwrap_or_default()
}
