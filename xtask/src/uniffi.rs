//! Writes the Kotlin/Swift surface of v3 for the uniffi binding: one record per object of the
//! description (`V3Applicant`, `V3ApplicantBuilder`…), one object per resource (`V3Applicants`)
//! with one async method per operation, and the Kotlin properties that reach them
//! (`client.applicants.find(id)`): `bindings-uniffi/src/v3/generated.rs`,
//! `bindings-uniffi/kotlin/onfido-core/src/main/kotlin/onfido/core/V3Resources.kt` and
//! `bindings-uniffi/swift/V3Resources.swift`.
//!
//! Why the binding's own records rather than uniffi derives on the core's models: the core is
//! `#![forbid(unsafe_code)]` and uniffi's derives implement its unsafe FFI traits; the core's
//! `serde_json::Value` members and open enums would need custom types there too. Here every
//! free-form member is JSON text, every enum a string (unknown values kept), every field optional,
//! and the core still checks inputs and parses answers: the records only carry the JSON.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;

use serde_json::{Map, Value};

use crate::models::camel;

/// Fields whose values are secrets: `***` in `Debug` and `toString`.
const SECRETS: [&str; 6] =
    ["token", "api_token", "access_token", "refresh_token", "client_secret", "oauth_server_client_secret"];

/// Fields of a report kind read as free-form JSON.
const FREE_FORM: [&str; 2] = ["breakdown", "properties"];

/// A field's type on the binding's side.
#[derive(Clone, Debug, PartialEq)]
enum T {
    Str,
    Int,
    Num,
    Bool,
    Json,
    File,
    /// `format: date-time`: `java.time.Instant` in Kotlin, `Date` in Swift.
    DateTime,
    /// `format: date`: `java.time.LocalDate` in Kotlin (uniffi.toml), a `String` in Swift.
    Date,
    Rec(String),
    List(Box<T>),
    Map(Box<T>),
}

impl T {
    fn rust(&self) -> String {
        match self {
            T::Str => "String".to_owned(),
            T::Int => "i64".to_owned(),
            T::Num => "f64".to_owned(),
            T::Bool => "bool".to_owned(),
            T::Json => "JsonText".to_owned(),
            T::File => "FileInput".to_owned(),
            T::DateTime => "SystemTime".to_owned(),
            T::Date => "CalendarDate".to_owned(),
            T::Rec(name) => name.clone(),
            T::List(item) => format!("Vec<{}>", item.rust()),
            T::Map(value) => format!("HashMap<String, {}>", value.rust()),
        }
    }

    fn kotlin(&self) -> String {
        match self {
            T::Str | T::Json => "String".to_owned(),
            T::Int => "Long".to_owned(),
            T::Num => "Double".to_owned(),
            T::Bool => "Boolean".to_owned(),
            T::File => "FileInput".to_owned(),
            T::DateTime => "java.time.Instant".to_owned(),
            T::Date => "java.time.LocalDate".to_owned(),
            T::Rec(name) => name.clone(),
            T::List(item) => format!("List<{}>", item.kotlin()),
            T::Map(value) => format!("Map<String, {}>", value.kotlin()),
        }
    }
}

/// (generated.rs, V3Resources.kt, V3Resources.swift) for a description.
pub fn bindings(description: &Value, header: &str) -> Result<(String, String, String), String> {
    let schemas = description.get("schemas").and_then(Value::as_object).ok_or("the description has no schemas")?;
    let operations =
        description.get("operations").and_then(Value::as_array).ok_or("the description has no operations")?;
    let mut gen = Gen {
        schemas,
        items: Vec::new(),
        named: BTreeMap::new(),
        used: BTreeSet::new(),
        building: Vec::new(),
        records: BTreeMap::new(),
    };

    // Resource objects' names are taken before any record's.
    for op in operations {
        gen.used.insert(resource_object(&surface(op)?.0));
    }
    // Resources in the order their first operation comes; names from the description (api/names.json).
    let mut resources: Vec<(String, Vec<Method>)> = Vec::new();
    for op in operations {
        let mut method = gen.method(op)?;
        let (resource, name) = surface(op)?;
        method.resource = resource;
        method.code = method.code.replace("NAME", &ident(&name));
        method.name = name;
        match resources.iter_mut().find(|(name, _)| *name == method.resource) {
            Some((_, methods)) => methods.push(method),
            None => resources.push((method.resource.clone(), vec![method])),
        }
    }

    let mut rust = String::new();
    rust.push_str(header);
    rust.push_str(
        "//! The v3 records and resources (see `super`).\n\n\
         use std::collections::HashMap;\nuse std::sync::Arc;\nuse std::time::SystemTime;\n\nuse serde_json::{Map, Value};\n\n\
         use super::{at, extra, extra_in, members, put, take, CalendarDate, FromJson, JsonText, Reading, ToJson};\n\
         use crate::client::OnfidoClient;\nuse crate::config::CallOptions;\nuse crate::error::OnfidoError;\n\
         use crate::inputs::FileInput;\nuse crate::models::Download;\n",
    );
    for item in &gen.items {
        rust.push('\n');
        rust.push_str(item);
    }
    let mut accessors = String::new();
    let mut swift = String::new();
    swift.push_str(header);
    swift.push_str(
        "// The v3.6 (and v3.4) resources as properties of the client: `client.applicants.find(applicantId:)`.\n\
         // They need `ClientConfig(apiVersion: .v36)` (or `.v34`); on a v2 client each call throws a Config error.\n\n\
         public extension OnfidoClient {",
    );
    let mut kotlin = String::new();
    kotlin.push_str(header);
    kotlin.push_str(
        "// The v3.6 (and v3.4) resources as properties of the client: `client.applicants.find(id)`.\n\
         // They need `ClientConfig(apiVersion = ApiVersion.V36)` (or `V34`); on a v2 client each call is a Config error.\n\n\
         package onfido.core\n\nimport kotlinx.coroutines.flow.Flow\nimport kotlinx.coroutines.flow.flow\n",
    );
    for (resource, methods) in &resources {
        let object = resource_object(resource);
        let _ = write!(
            rust,
            "\n/// The `{resource}` operations of API v3.6 / v3.4 (Kotlin `client.{}`).\n\
             #[derive(uniffi::Object)]\npub struct {object} {{\n    client: Arc<OnfidoClient>,\n}}\n\n\
             impl std::fmt::Debug for {object} {{\n    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {{\n        \
             f.write_str({object:?})\n    }}\n}}\n\n#[uniffi::export]\nimpl {object} {{\n",
            lower_camel(resource)
        );
        for (i, method) in methods.iter().enumerate() {
            if i > 0 {
                rust.push('\n');
            }
            rust.push_str(&method.code);
        }
        rust.push_str("}\n");
        let _ = write!(
            accessors,
            "\n    /// The `{resource}` operations of API v3.6 / v3.4 (Kotlin: the `{}` property).\n    \
             pub fn v3_{resource}(self: Arc<Self>) -> Arc<{object}> {{\n        Arc::new({object} {{ client: self }})\n    }}\n",
            lower_camel(resource)
        );
        let names: Vec<String> = methods.iter().map(|m| lower_camel(&m.name)).collect();
        let _ = write!(
            kotlin,
            "\n/** The `{resource}` operations of API v3.6 / v3.4: {}. */\nval OnfidoClient.{}: {object}\n    get() = v3{}()\n",
            names.join(", "),
            lower_camel(resource),
            camel(resource)
        );
        let _ = write!(
            swift,
            "\n    /// The `{resource}` operations of API v3.6 / v3.4.\n    var {}: {object} {{ v3{}() }}\n",
            lower_camel(resource),
            camel(resource)
        );
        for method in methods {
            let Some((args, item, items)) = &method.pages else { continue };
            let params: Vec<String> = args
                .iter()
                .map(
                    |(name, ty, required)| {
                        if *required {
                            format!("{name}: {ty}")
                        } else {
                            format!("{name}: {ty}? = null")
                        }
                    },
                )
                .collect();
            let call: Vec<String> = args
                .iter()
                .map(|a| a.0.as_str())
                .chain(["page", "options"])
                .map(|name| format!("{name} = {name}"))
                .collect();
            let name = lower_camel(&method.name);
            let _ = write!(
                kotlin,
                "\n/** `{}` page after page as a cold [Flow]: one request per page, on collection; the next page is the core's. */\n\
                 fun {object}.{name}All({}options: CallOptions? = null): Flow<{item}> = flow {{\n    \
                 var page: Long? = 1L\n    while (page != null) {{\n        val result = {name}({})\n        \
                 for (item in result.{items}) emit(item)\n        page = result.nextPage?.takeIf {{ it > page!! }}\n    }}\n}}\n",
                method.id,
                params.iter().map(|p| format!("{p}, ")).collect::<String>(),
                call.join(", "),
            );
        }
    }
    let _ = write!(rust, "\n#[uniffi::export]\nimpl OnfidoClient {{{accessors}}}\n");
    swift.push_str("}\n");
    Ok((rust, kotlin, swift))
}

/// One operation's method.
struct Method {
    id: String,
    resource: String,
    name: String,
    code: String,
    /// For a paged listing: its arguments but `page` (Kotlin name, Kotlin type, required), the
    /// items' Kotlin type and how to reach them from a page's `value`.
    pages: Option<Pages>,
}

/// A paged listing's arguments but `page` (Kotlin name, Kotlin type, required), its items' Kotlin
/// type, and the expression that reaches them from a page's `value`.
type Pages = (Vec<(String, String, bool)>, String, String);

struct Gen<'d> {
    schemas: &'d Map<String, Value>,
    items: Vec<String>,
    named: BTreeMap<String, T>,
    used: BTreeSet<String>,
    /// Records being written: a field of one of these types is JSON text (no record holds itself).
    building: Vec<String>,
    /// Every record's fields.
    records: BTreeMap<String, Vec<(String, T)>>,
}

impl Gen<'_> {
    fn fresh(&mut self, base: &str) -> String {
        let base = format!("V3{}", camel(base));
        let mut name = base.clone();
        let mut n = 2;
        while !self.used.insert(name.clone()) {
            name = format!("{base}{n}");
            n += 1;
        }
        name
    }

    fn ty(&mut self, node: &Value, context: &str) -> Result<T, String> {
        if let Some(name) = node.get("ref").and_then(Value::as_str) {
            return self.named(name);
        }
        if node.get("discriminator").is_some() {
            let rust = self.fresh(context);
            self.report(node, &rust)?;
            return Ok(T::Rec(rust));
        }
        if node.get("oneOf").is_some() {
            return Ok(T::Json);
        }
        if node.get("enum").is_some() {
            return Ok(T::Str);
        }
        Ok(match node.get("type").and_then(Value::as_str).unwrap_or("") {
            "string" => match node.get("format").and_then(Value::as_str) {
                Some("binary") => T::File,
                Some("date-time") => T::DateTime,
                Some("date") => T::Date,
                _ => T::Str,
            },
            "integer" => T::Int,
            "number" => T::Num,
            "boolean" => T::Bool,
            "array" => match node.get("items") {
                Some(items) => T::List(Box::new(self.ty(items, &format!("{context}_item"))?)),
                None => T::List(Box::new(T::Json)),
            },
            _ if node.get("properties").is_some() => {
                let rust = self.fresh(context);
                self.record(node, &rust, context, &[])?;
                T::Rec(rust)
            }
            "object" => match node.get("additionalProperties") {
                Some(extra) if extra.is_object() && extra.get("type").is_some() => {
                    T::Map(Box::new(self.ty(extra, &format!("{context}_value"))?))
                }
                _ => T::Json,
            },
            _ => T::Json,
        })
    }

    fn named(&mut self, name: &str) -> Result<T, String> {
        if let Some(found) = self.named.get(name) {
            return Ok(found.clone());
        }
        let node = self.schemas.get(name).ok_or_else(|| format!("unknown schema {name:?}"))?;
        if node.get("properties").is_none() && node.get("discriminator").is_none() {
            let ty = self.ty(node, name)?;
            self.named.insert(name.to_owned(), ty.clone());
            return Ok(ty);
        }
        let rust = self.fresh(name);
        self.named.insert(name.to_owned(), T::Rec(rust.clone()));
        if node.get("discriminator").is_some() {
            self.report(node, &rust)?;
        } else {
            self.record(node, &rust, name, &[])?;
        }
        Ok(T::Rec(rust))
    }

    /// A field's type: JSON text where it would hold a record being written (directly).
    fn field_ty(&mut self, node: &Value, context: &str) -> Result<T, String> {
        Ok(match self.ty(node, context)? {
            T::Rec(name) if self.building.contains(&name) => T::Json,
            other => other,
        })
    }

    fn record(&mut self, node: &Value, rust: &str, schema: &str, free: &[&str]) -> Result<(), String> {
        let props = node.get("properties").and_then(Value::as_object).ok_or("an object without properties")?;
        self.building.push(rust.to_owned());
        let mut fields = Vec::new();
        for (key, prop) in props {
            let ty =
                if free.contains(&key.as_str()) { T::Json } else { self.field_ty(prop, &format!("{schema}_{key}"))? };
            fields.push((key.clone(), ty));
        }
        self.building.pop();
        self.push_record(rust, schema, &fields);
        Ok(())
    }

    /// One record for every kind of a discriminated union (reports): the union of their fields,
    /// a field whose type differs between kinds as JSON text, `breakdown` and `properties` too.
    fn report(&mut self, node: &Value, rust: &str) -> Result<(), String> {
        let mapping =
            node.pointer("/discriminator/mapping").and_then(Value::as_object).ok_or("a union without a mapping")?;
        self.building.push(rust.to_owned());
        let mut fields: BTreeMap<String, T> = BTreeMap::new();
        let mut order = Vec::new();
        for target in mapping.values().filter_map(Value::as_str) {
            let schema = self.schemas.get(target).ok_or_else(|| format!("unknown schema {target:?}"))?;
            let props = schema.get("properties").and_then(Value::as_object).ok_or("a union kind without properties")?;
            for (key, prop) in props {
                let ty = if FREE_FORM.contains(&key.as_str()) {
                    T::Json
                } else {
                    self.field_ty(prop, &format!("report_{key}"))?
                };
                match fields.get(key) {
                    None => {
                        order.push(key.clone());
                        fields.insert(key.clone(), ty);
                    }
                    Some(known) if *known == ty => {}
                    Some(_) => {
                        fields.insert(key.clone(), T::Json);
                    }
                }
            }
        }
        self.building.pop();
        let fields: Vec<(String, T)> =
            order.into_iter().map(|k| (k.clone(), fields.get(&k).cloned().unwrap_or(T::Json))).collect();
        self.push_record(rust, "report", &fields);
        Ok(())
    }

    fn push_record(&mut self, rust: &str, schema: &str, fields: &[(String, T)]) {
        self.records.insert(rust.to_owned(), fields.to_vec());
        let secret = fields.iter().any(|(key, _)| SECRETS.contains(&key.as_str()));
        let mut item = format!(
            "/// The `{schema}` object (API v3.6). Every field is optional; `extraJson` holds the members this\n\
             /// version does not name (and any of another type than described), as a JSON object.\n"
        );
        if secret {
            item.push_str("/// `toString` / `description` show `***` for its secret.\n");
            item.push_str("#[derive(Clone, Default, PartialEq, uniffi::Record)]\n#[uniffi::export(Display)]\n");
        } else {
            item.push_str("#[derive(Clone, Debug, Default, PartialEq, uniffi::Record)]\n");
        }
        let _ = writeln!(item, "pub struct {rust} {{");
        for (key, ty) in fields {
            let _ = write!(
                item,
                "    /// `{key}`.\n    #[uniffi(default)]\n    pub {}: Option<{}>,\n",
                ident(key),
                ty.rust()
            );
        }
        item.push_str("    /// Members not named above, as a JSON object.\n    #[uniffi(default)]\n    pub extra_json: Option<JsonText>,\n}\n");
        // From the core's JSON.
        let _ = write!(
            item,
            "\nimpl FromJson for {rust} {{\n    fn from_json(value: &Value) -> Option<Self> {{\n        \
             let mut rest = value.as_object()?.clone();\n        Some({rust} {{\n"
        );
        for (key, _) in fields {
            let _ = writeln!(item, "            {}: take(&mut rest, {key:?}),", ident(key));
        }
        item.push_str("            extra_json: extra(rest),\n        })\n    }\n}\n");
        // To the core's JSON.
        let _ = write!(
            item,
            "\nimpl ToJson for {rust} {{\n    fn to_json(&self, path: &str) -> Result<Value, OnfidoError> {{\n        \
             let mut map = extra_in(&self.extra_json, &at(path, \"extra_json\"))?;\n"
        );
        for (key, _) in fields {
            let _ = writeln!(item, "        put(&mut map, {key:?}, &self.{}, &at(path, {key:?}))?;", ident(key));
        }
        item.push_str("        Ok(Value::Object(map))\n    }\n}\n");
        if secret {
            let _ = write!(
                item,
                "\nimpl std::fmt::Debug for {rust} {{\n    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {{\n        \
                 f.debug_struct({rust:?})\n"
            );
            for (key, _) in fields {
                let field = ident(key);
                if SECRETS.contains(&key.as_str()) {
                    let _ = writeln!(item, "            .field({field:?}, &self.{field}.as_ref().map(|_| \"***\"))");
                } else {
                    let _ = writeln!(item, "            .field({:?}, &self.{field})", field.trim_start_matches("r#"));
                }
            }
            item.push_str("            .field(\"extra_json\", &self.extra_json)\n            .finish()\n    }\n}\n");
            let _ = write!(
                item,
                "\nimpl std::fmt::Display for {rust} {{\n    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {{\n        \
                 std::fmt::Debug::fmt(self, f)\n    }}\n}}\n"
            );
        }
        self.items.push(item);
    }

    /// An operation's method (named later, once its resource's names are known).
    fn method(&mut self, op: &Value) -> Result<Method, String> {
        let id = op.get("id").and_then(Value::as_str).ok_or("an operation without an id")?;
        let http = op.get("method").and_then(Value::as_str).unwrap_or("GET");
        let path = op.get("path").and_then(Value::as_str).ok_or_else(|| format!("{id}: no path"))?;
        let resource = path.split('/').find(|s| !s.is_empty()).unwrap_or("api").to_owned();
        let params = op.get("params").and_then(Value::as_array).cloned().unwrap_or_default();

        let mut args = Vec::new();
        let mut paged_args = Vec::new();
        let mut defaults = Vec::new();
        let mut fill = String::new();
        // Path ids in the order of the path, then query parameters (required first), then the body.
        let path_ids: Vec<&str> =
            path.split('/').filter_map(|s| s.strip_prefix('{').and_then(|s| s.strip_suffix('}'))).collect();
        for name in &path_ids {
            let arg = ident(name);
            args.push(format!("{arg}: String"));
            paged_args.push((lower_camel(name), "String".to_owned(), true));
            let _ = writeln!(fill, "        fields.insert({name:?}.to_owned(), Value::String({arg}));");
        }
        let mut query: Vec<&Value> =
            params.iter().filter(|p| p.get("in").and_then(Value::as_str) == Some("query")).collect();
        query.sort_by_key(|p| !p.get("required").and_then(Value::as_bool).unwrap_or(false));
        for param in query {
            let name =
                param.get("name").and_then(Value::as_str).ok_or_else(|| format!("{id}: a parameter without a name"))?;
            let schema = param.get("schema").cloned().unwrap_or(Value::Null);
            let ty = self.ty(&schema, &format!("{id}_{name}"))?;
            let arg = ident(name);
            if name != "page" {
                let required = param.get("required").and_then(Value::as_bool).unwrap_or(false);
                paged_args.push((lower_camel(name), ty.kotlin(), required));
            }
            if param.get("required").and_then(Value::as_bool).unwrap_or(false) {
                args.push(format!("{arg}: {}", ty.rust()));
                let _ = writeln!(fill, "        fields.insert({name:?}.to_owned(), {arg}.to_json({name:?})?);");
            } else {
                args.push(format!("{arg}: Option<{}>", ty.rust()));
                defaults.push(format!("{} = None", arg.trim_start_matches("r#")));
                let _ = writeln!(fill, "        put(&mut fields, {name:?}, &{arg}, {name:?})?;");
            }
        }
        if let Some(body) = op.get("body") {
            let schema = body.get("schema").ok_or_else(|| format!("{id}: a body without a schema"))?;
            let ty = self.ty(schema, &format!("{id}_input"))?;
            if !matches!(ty, T::Rec(_)) {
                return Err(format!("{id}: a body that is not an object"));
            }
            args.push(format!("input: {}", ty.rust()));
            fill.push_str("        fields.extend(members(input.to_json(\"\")?));\n");
        }
        args.push("options: Option<CallOptions>".to_owned());
        defaults.push("options = None".to_owned());

        let (output, reading, read, output_ty) = self.answer(id, op)?;
        let paginated = params.iter().any(|p| p.get("name").and_then(Value::as_str) == Some("page"));
        let (returns, finish) = if paginated {
            let page = self.fresh(&format!("{id}_page"));
            self.items.push(format!(
                "/// A page of `{id}`: the answer and the next page's number (`null` on the last page).\n\
                 #[derive(Clone, Debug, PartialEq, uniffi::Record)]\npub struct {page} {{\n    \
                 /// The answer.\n    pub value: {output},\n    /// The next page, for the `page` argument.\n    pub next_page: Option<i64>,\n}}\n"
            ));
            (page.clone(), format!("Ok({page} {{ value: {read}, next_page: answer.next_page }})"))
        } else {
            let finish = match read.strip_suffix('?') {
                _ if read == "()" => "Ok(())".to_owned(),
                Some(fallible) => fallible.to_owned(),
                None => format!("Ok({read})"),
            };
            (output, finish)
        };
        let returns = if returns == "()" { "()".to_owned() } else { returns };
        let code = format!(
            "    /// `{id}`: `{http} {path}`.\n    #[uniffi::method(default({}))]\n    \
             pub async fn NAME(&self, {}) -> Result<{returns}, OnfidoError> {{\n        \
             let mut fields = Map::new();\n{fill}        \
             let answer = self.client.call_v3({id:?}, fields, options, Reading::{reading}).await?;\n        {finish}\n    }}\n",
            defaults.join(", "),
            args.join(", "),
        );
        let code = if read == "()" { code.replace("let answer = ", "let _answer = ") } else { code };
        let code = if fill.is_empty() { code.replace("let mut fields = ", "let fields = ") } else { code };
        let pages = match (paginated, output_ty) {
            (true, Some(T::List(item))) => Some((paged_args, item.kotlin(), "value".to_owned())),
            (true, Some(T::Rec(record))) => {
                let lists: Vec<(String, T)> = self
                    .records
                    .get(&record)
                    .map(|fields| fields.iter().filter(|(_, t)| matches!(t, T::List(_))).cloned().collect())
                    .unwrap_or_default();
                match lists.as_slice() {
                    [(key, T::List(item))] => {
                        Some((paged_args, item.kotlin(), format!("value.{}.orEmpty()", lower_camel(key))))
                    }
                    _ => return Err(format!("{id}: a paged answer without one list")),
                }
            }
            (true, _) => return Err(format!("{id}: a paged answer that is not a list")),
            (false, _) => None,
        };
        Ok(Method { id: id.to_owned(), resource, name: String::new(), code, pages })
    }

    /// The output type, how the driver reads the answer, and the expression that makes the output.
    fn answer(&mut self, id: &str, op: &Value) -> Result<(String, &'static str, String, Option<T>), String> {
        let responses = op.get("responses").and_then(Value::as_array).ok_or_else(|| format!("{id}: no responses"))?;
        for response in responses {
            let status = response.get("status").and_then(Value::as_str).unwrap_or("");
            if !status.starts_with('2') {
                continue;
            }
            return Ok(match response.get("content_type").and_then(Value::as_str) {
                None => ("()".to_owned(), "Empty", "()".to_owned(), None),
                Some("application/json") => {
                    let schema = response.get("schema").ok_or_else(|| format!("{id}: JSON without a schema"))?;
                    let ty = self.ty(schema, &format!("{id}_output"))?;
                    (ty.rust(), "Json", format!("answer.read::<{}>({id:?})?", ty.rust()), Some(ty))
                }
                Some("text/plain") => (
                    "String".to_owned(),
                    "Json",
                    "answer.value.get(\"text\").and_then(Value::as_str).unwrap_or_default().to_owned()".to_owned(),
                    None,
                ),
                Some(_) => ("Download".to_owned(), "File", format!("answer.file({id:?})?"), None),
            });
        }
        Err(format!("{id}: no 2xx answer"))
    }
}

/// The operation's resource and method, as every runtime names them (`surface` in the description).
fn surface(op: &Value) -> Result<(String, String), String> {
    let id = op.get("id").and_then(Value::as_str).unwrap_or("?");
    let surface = op.get("surface").ok_or_else(|| format!("{id}: no surface names in the description"))?;
    let text = |key: &str| {
        surface.get(key).and_then(Value::as_str).map(str::to_owned).ok_or_else(|| format!("{id}: no surface {key}"))
    };
    Ok((text("resource")?, text("method")?))
}

/// A name as a Rust identifier (keywords raw).
fn ident(key: &str) -> String {
    let mut out: String =
        key.chars().map(|c| if c.is_ascii_alphanumeric() { c.to_ascii_lowercase() } else { '_' }).collect();
    if out.starts_with(|c: char| c.is_ascii_digit()) {
        out.insert(0, '_');
    }
    match out.as_str() {
        "type" | "match" | "ref" | "self" | "mod" | "use" | "in" | "fn" | "enum" | "struct" | "final" | "override"
        | "move" | "where" | "loop" | "box" | "async" | "await" => format!("r#{out}"),
        _ => out,
    }
}

/// The object of a resource's operations: `applicants` → `V3ApplicantsResource`.
fn resource_object(resource: &str) -> String {
    format!("V3{}Resource", camel(resource))
}

/// `workflow_runs` → `workflowRuns`.
fn lower_camel(text: &str) -> String {
    let upper = camel(text);
    let mut chars = upper.chars();
    chars.next().map(|c| c.to_ascii_lowercase().to_string() + chars.as_str()).unwrap_or_default()
}
