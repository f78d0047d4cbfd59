//! Writes the Kotlin/Swift surface of a version for the uniffi binding (v3.6/v3.4 and v2, one
//! generator; [`Surface`] says what differs): one record per object of the description
//! (`V3Applicant`, `V2ApplicantBuilder`…), one object per resource (`V3ApplicantsResource`) with one
//! async method per operation, the Kotlin and Swift properties that reach them
//! (`client.applicants.find(id)`, `client.v2.applicants.retrieve(id)`), `listAll` over every page
//! of a paged listing (a Kotlin `Flow`, a Swift `AsyncThrowingStream`), and the shared vectors'
//! typed path (`typed_call`): `bindings-uniffi/src/{v3,v2}/generated.rs`,
//! `bindings-uniffi/kotlin/onfido-core/src/main/kotlin/onfido/core/{V3,V2}Resources.kt` and
//! `bindings-uniffi/swift/{V3,V2}Resources.swift`. [`java`] writes the Java wrappers of both
//! (`OnfidoFutures.kt`, `OnfidoBlocking.kt`).
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

/// What differs between the versions' surfaces: names, words and where the resources hang.
pub struct Surface {
    /// The records' and objects' prefix: `V3` (`V3Applicant`), `V2`.
    pub prefix: &'static str,
    /// The module under `bindings-uniffi/src/`, and the Rust accessors' prefix (`v3_applicants`).
    pub module: &'static str,
    /// The API's versions, in doc comments: `API v3.6 / v3.4`.
    pub api: &'static str,
    /// The client method that runs an operation of this version by id (`call_v3`).
    pub call: &'static str,
    /// `None`: the resources are properties of the client (`client.applicants`); `Some("v2")`:
    /// of a property of the client (`client.v2.applicants`).
    pub nested: Option<&'static str>,
    /// The `ClientConfig` the resources need, in Kotlin and in Swift.
    pub config: (&'static str, &'static str),
}

/// API v3.6 / v3.4: `client.applicants.find(id)`.
pub const V3: Surface = Surface {
    prefix: "V3",
    module: "v3",
    api: "API v3.6 / v3.4",
    call: "call_v3",
    nested: None,
    config: ("ClientConfig(apiVersion = ApiVersion.V36)` (or `V34`)", "ClientConfig(apiVersion: .v36)` (or `.v34`)"),
};

/// API v2: `client.v2.applicants.retrieve(id)`.
pub const V2: Surface = Surface {
    prefix: "V2",
    module: "v2",
    api: "API v2",
    call: "call_v2",
    nested: Some("v2"),
    config: ("ClientConfig(apiVersion = ApiVersion.V2)`", "ClientConfig(apiVersion: .v2)`"),
};

/// A Kotlin argument: name, type, required.
pub type Arg = (String, String, bool);

/// A resource's operations as the Java wrappers need them.
pub struct Resource {
    /// `applicants`.
    pub name: String,
    /// `V3ApplicantsResource`.
    pub object: String,
    pub methods: Vec<JavaMethod>,
}

/// One operation's Kotlin signature: its name, arguments (Kotlin name, Kotlin type, required)
/// and result type (`Unit` for none); a paged listing's items' type for `listAll`.
pub struct JavaMethod {
    pub id: String,
    pub name: String,
    pub args: Vec<(String, String, bool)>,
    pub returns: String,
    pub all: Option<(Vec<Arg>, String)>,
}

/// (generated.rs, the Kotlin resources, the Swift resources, the resources for the Java wrappers)
/// for a description.
pub fn bindings(
    description: &Value,
    header: &str,
    surface: &Surface,
) -> Result<(String, String, String, Vec<Resource>), String> {
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
        prefix: surface.prefix,
        api: surface.api,
        call: surface.call,
    };

    // Resource objects' names are taken before any record's.
    for op in operations {
        gen.used.insert(resource_object(surface.prefix, &names(op)?.0));
    }
    // Resources in the order their first operation comes; names from the description (api/names.json).
    let mut resources: Vec<(String, Vec<Method>)> = Vec::new();
    for op in operations {
        let mut method = gen.method(op)?;
        let (resource, name) = names(op)?;
        method.resource = resource;
        method.code = method.code.replace("NAME", &ident(&name));
        method.dispatch = method
            .dispatch
            .replace("ACCESSOR", &format!("{}_{}", surface.module, method.resource))
            .replace("NAME", &ident(&name));
        method.name = name;
        match resources.iter_mut().find(|(name, _)| *name == method.resource) {
            Some((_, methods)) => methods.push(method),
            None => resources.push((method.resource.clone(), vec![method])),
        }
    }

    let module = surface.module;
    let api = surface.api;
    let mut rust = String::new();
    rust.push_str(header);
    let _ = write!(
        rust,
        "//! The {module} records and resources (see `super`).\n\n\
         use std::collections::HashMap;\nuse std::sync::Arc;\nuse std::time::SystemTime;\n\nuse serde_json::{{Map, Value}};\n\n\
         use super::{{arg, at, download_json, extra, extra_in, location_json, members, opt, put, take, text_json, CalendarDate, FromJson, JsonText, Reading, ToJson}};\n\
         use crate::client::OnfidoClient;\nuse crate::config::CallOptions;\nuse crate::error::OnfidoError;\n\
         use crate::inputs::FileInput;\nuse crate::models::Download;\n",
    );
    for item in &gen.items {
        rust.push('\n');
        rust.push_str(item);
    }
    // `client.applicants` or `client.v2.applicants`.
    let reach = |resource: &str| match surface.nested {
        Some(nest) => format!("{nest}.{}", lower_camel(resource)),
        None => lower_camel(resource),
    };
    let example = resources
        .iter()
        .flat_map(|(resource, methods)| methods.iter().map(move |m| (resource, m)))
        .find(|(_, m)| m.args.first().is_some_and(|a| a.0.ends_with("Id")))
        .map(|(resource, m)| {
            (reach(resource), lower_camel(&m.name), m.args.first().map(|a| a.0.clone()).unwrap_or_default())
        })
        .unwrap_or_default();
    let (kotlin_config, swift_config) = surface.config;
    let mut accessors = String::new();
    let mut swift = String::new();
    swift.push_str(header);
    let _ = write!(
        swift,
        "// The {api} resources: `client.{}.{}({}:)`.\n\
         // They need `{swift_config}; on a client of another version each call throws a Config error.\n\n",
        example.0, example.1, example.2
    );
    let mut swift_props = String::new();
    let mut swift_listings = String::new();
    let mut kotlin = String::new();
    kotlin.push_str(header);
    let _ = write!(
        kotlin,
        "// The {api} resources: `client.{}.{}(id)`.\n\
         // They need `{kotlin_config}; on a client of another version each call is a Config error.\n\n\
         package onfido.core\n\nimport kotlinx.coroutines.flow.Flow\nimport kotlinx.coroutines.flow.flow\n",
        example.0, example.1
    );
    let mut kotlin_props = String::new();
    let mut listings = String::new();
    let mut java = Vec::new();
    for (resource, methods) in &resources {
        let object = resource_object(surface.prefix, resource);
        let _ = write!(
            rust,
            "\n/// The `{resource}` operations of {api} (Kotlin `client.{}`).\n\
             #[derive(uniffi::Object)]\npub struct {object} {{\n    client: Arc<OnfidoClient>,\n}}\n\n\
             impl std::fmt::Debug for {object} {{\n    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {{\n        \
             f.write_str({object:?})\n    }}\n}}\n\n#[uniffi::export]\nimpl {object} {{\n",
            reach(resource)
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
            "\n    /// The `{resource}` operations of {api} (Kotlin: `client.{}`).\n    \
             pub fn {module}_{resource}(self: Arc<Self>) -> Arc<{object}> {{\n        Arc::new({object} {{ client: self }})\n    }}\n",
            reach(resource)
        );
        let names: Vec<String> = methods.iter().map(|m| lower_camel(&m.name)).collect();
        let getter = format!("{module}{}()", camel(resource));
        match surface.nested {
            Some(_) => {
                let _ = write!(
                    kotlin_props,
                    "\n    /** The `{resource}` operations of {api}: {}. */\n    val {}: {object}\n        get() = client.{getter}\n",
                    names.join(", "),
                    lower_camel(resource),
                );
                let _ = write!(
                    swift_props,
                    "\n    /// The `{resource}` operations of {api}.\n    public var {}: {object} {{ client.{getter} }}\n",
                    lower_camel(resource),
                );
            }
            None => {
                let _ = write!(
                    kotlin_props,
                    "\n/** The `{resource}` operations of {api}: {}. */\nval OnfidoClient.{}: {object}\n    get() = {getter}\n",
                    names.join(", "),
                    lower_camel(resource),
                );
                let _ = write!(
                    swift_props,
                    "\n    /// The `{resource}` operations of {api}.\n    var {}: {object} {{ {getter} }}\n",
                    lower_camel(resource),
                );
            }
        }
        let mut java_methods = Vec::new();
        for method in methods {
            let name = lower_camel(&method.name);
            let mut all = None;
            if let Some((args, item, items)) = &method.pages {
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
                let _ = write!(
                    listings,
                    "\n/** `{}` page after page as a cold [Flow]: one request per page, on collection; the next page is the core's. */\n\
                     fun {object}.{name}All({}options: CallOptions? = null): Flow<{item}> = flow {{\n    \
                     var page: Long? = 1L\n    while (page != null) {{\n        val result = {name}({})\n        \
                     for (item in result.{items}) emit(item)\n        page = result.nextPage?.takeIf {{ it > page!! }}\n    }}\n}}\n",
                    method.id,
                    params.iter().map(|p| format!("{p}, ")).collect::<String>(),
                    call.join(", "),
                );
                all = Some((args.clone(), item.clone()));
                swift_listings.push_str(&swift_list_all(&object, &method.id, &name, &method.args, item, items));
            }
            java_methods.push(JavaMethod {
                id: method.id.clone(),
                name,
                args: method.args.clone(),
                returns: method.returns.clone(),
                all,
            });
        }
        java.push(Resource { name: resource.clone(), object, methods: java_methods });
    }
    let _ = write!(rust, "\n#[uniffi::export]\nimpl OnfidoClient {{{accessors}}}\n");
    let _ = write!(
        rust,
        "\n/// Runs an operation of {api} through its generated resource method, its arguments and body record\n\
         /// read from the operation's JSON input, and gives the answer back as JSON (the shared vectors'\n\
         /// typed path); `None` when the typed API cannot express the input (a path id that is not a\n\
         /// string, a query value of another type, members an operation without a body cannot send).\n\
         pub(crate) async fn typed_call(\n    client: &Arc<OnfidoClient>,\n    operation: &str,\n    input: &Value,\n\
         ) -> Option<Result<Value, OnfidoError>> {{\n    let mut input = input.as_object()?.clone();\n    \
         let answer = match operation {{\n"
    );
    for (_, methods) in &resources {
        for method in methods {
            rust.push_str(&method.dispatch);
        }
    }
    rust.push_str("        _ => return None,\n    };\n    Some(answer)\n}\n");
    match surface.nested {
        Some(nest) => {
            let class = format!("{}Resources", surface.prefix);
            let _ = write!(
                kotlin,
                "\n/** The {api} resources: `client.{nest}.{}.{}(id)`. */\nclass {class} internal constructor(private val client: OnfidoClient) {{{kotlin_props}}}\n\n\
                 /** The {api} resources (`client.{nest}.{}.{}(id)`); they need `{kotlin_config}. */\nval OnfidoClient.{nest}: {class}\n    get() = {class}(this)\n",
                example.0.trim_start_matches(&format!("{nest}.")),
                example.1,
                example.0.trim_start_matches(&format!("{nest}.")),
                example.1,
            );
            let _ = write!(
                swift,
                "/// The {api} resources: `client.{}.{}({}:)`.\npublic struct {class} {{\n    let client: OnfidoClient\n{swift_props}}}\n\n\
                 public extension OnfidoClient {{\n    /// The {api} resources; they need `{swift_config}.\n    var {nest}: {class} {{ {class}(client: self) }}\n}}\n",
                example.0, example.1, example.2
            );
        }
        None => {
            kotlin.push_str(&kotlin_props);
            let _ = writeln!(swift, "public extension OnfidoClient {{{swift_props}}}");
        }
    }
    kotlin.push_str(&listings);
    swift.push_str(&swift_listings);
    Ok((rust, kotlin, swift, java))
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
    /// Its arguments in Kotlin (name, type, required), `options` last.
    args: Vec<(String, String, bool)>,
    /// Its result's Kotlin type (`Unit` for none).
    returns: String,
    /// Its arm of `typed_call` (`ACCESSOR` and `NAME` filled in once the names are known).
    dispatch: String,
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
    /// The names' prefix (`V3`).
    prefix: &'static str,
    /// The versions, for doc comments.
    api: &'static str,
    /// The client's method that runs an operation of this version (`call_v3`).
    call: &'static str,
}

impl Gen<'_> {
    fn fresh(&mut self, base: &str) -> String {
        let base = format!("{}{}", self.prefix, camel(base));
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
            "/// The `{schema}` object ({}). Every field is optional; `extraJson` holds the members this\n\
             /// version does not name (and any of another type than described), as a JSON object.\n",
            self.api
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
        let mut kotlin_args = Vec::new();
        let mut paged_args = Vec::new();
        let mut defaults = Vec::new();
        let mut fill = String::new();
        // The typed path of the shared vectors: each argument read from the case's JSON input.
        let mut lets = String::new();
        let mut call_args = Vec::new();
        // Path ids in the order of the path, then query parameters (required first), then the body.
        let path_ids: Vec<&str> =
            path.split('/').filter_map(|s| s.strip_prefix('{').and_then(|s| s.strip_suffix('}'))).collect();
        for name in &path_ids {
            let arg = ident(name);
            args.push(format!("{arg}: String"));
            kotlin_args.push((lower_camel(name), "String".to_owned(), true));
            paged_args.push((lower_camel(name), "String".to_owned(), true));
            let _ = writeln!(fill, "        fields.insert({name:?}.to_owned(), Value::String({arg}));");
            let var = format!("a_{}", arg.trim_start_matches("r#"));
            let _ = writeln!(lets, "            let {var}: String = arg(&mut input, {name:?})?;");
            call_args.push(var);
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
            let required = param.get("required").and_then(Value::as_bool).unwrap_or(false);
            kotlin_args.push((lower_camel(name), ty.kotlin(), required));
            if name != "page" {
                paged_args.push((lower_camel(name), ty.kotlin(), required));
            }
            let var = format!("a_{}", arg.trim_start_matches("r#"));
            if required {
                let _ = writeln!(lets, "            let {var}: {} = arg(&mut input, {name:?})?;", ty.rust());
            } else {
                let _ = writeln!(lets, "            let {var}: Option<{}> = opt(&mut input, {name:?})?;", ty.rust());
            }
            call_args.push(var);
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
            kotlin_args.push(("input".to_owned(), ty.kotlin(), true));
            fill.push_str("        fields.extend(members(input.to_json(\"\")?));\n");
            let _ = writeln!(
                lets,
                "            let a_body = {}::from_json(&Value::Object(std::mem::take(&mut input)))?;",
                ty.rust()
            );
            call_args.push("a_body".to_owned());
        } else {
            lets.push_str("            if !input.is_empty() {\n                return None;\n            }\n");
        }
        args.push("options: Option<CallOptions>".to_owned());
        defaults.push("options = None".to_owned());

        let (output, reading, read, output_ty) = self.answer(id, op)?;
        let output_is_text = read.starts_with("answer.value.get(\"text\")");
        let output_kind = output.clone();
        let paginated = params.iter().any(|p| p.get("name").and_then(Value::as_str) == Some("page"));
        let kotlin_returns = match (&output_ty, output.as_str()) {
            _ if paginated => String::new(),
            (Some(ty), _) => ty.kotlin(),
            (None, "()") => "Unit".to_owned(),
            (None, "Option<String>") => "String?".to_owned(),
            (None, other) => other.to_owned(),
        };
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
             let answer = self.client.{}({id:?}, fields, options, Reading::{reading}).await?;\n        {finish}\n    }}\n",
            defaults.join(", "),
            args.join(", "),
            self.call,
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
        let kotlin_returns = if paginated { returns.clone() } else { kotlin_returns };
        let observe = match (paginated, output_kind.as_str()) {
            (true, _) => ".and_then(|page| page.value.to_json(\"\"))",
            (false, "()") => ".map(|()| Value::Object(Map::new()))",
            (false, "Download") => ".map(download_json)",
            (false, "Option<String>") => ".map(location_json)",
            (false, "String") if output_is_text => ".map(text_json)",
            _ => ".and_then(|answer| answer.to_json(\"\"))",
        };
        call_args.push("None".to_owned());
        let dispatch = format!(
            "        {id:?} => {{\n{lets}            Arc::clone(client).ACCESSOR().NAME({}).await{observe}\n        }}\n",
            call_args.join(", ")
        );
        Ok(Method {
            id: id.to_owned(),
            resource,
            name: String::new(),
            code,
            pages,
            args: kotlin_args,
            returns: kotlin_returns,
            dispatch,
        })
    }

    /// The output type, how the driver reads the answer, and the expression that makes the output.
    fn answer(&mut self, id: &str, op: &Value) -> Result<(String, &'static str, String, Option<T>), String> {
        let responses = op.get("responses").and_then(Value::as_array).ok_or_else(|| format!("{id}: no responses"))?;
        for response in responses {
            let status = response.get("status").and_then(Value::as_str).unwrap_or("");
            if !status.starts_with('2') {
                continue;
            }
            let location = response
                .get("headers")
                .and_then(Value::as_array)
                .is_some_and(|headers| headers.iter().any(|h| h.as_str() == Some("Location")));
            return Ok(match response.get("content_type").and_then(Value::as_str) {
                // No content but where the new resource is: its URL (the core reads `Location`).
                None if location => (
                    "Option<String>".to_owned(),
                    "Json",
                    "answer.value.get(\"location\").and_then(Value::as_str).map(str::to_owned)".to_owned(),
                    None,
                ),
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
fn names(op: &Value) -> Result<(String, String), String> {
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
fn resource_object(prefix: &str, resource: &str) -> String {
    format!("{prefix}{}Resource", camel(resource))
}

/// `workflow_runs` → `workflowRuns`.
fn lower_camel(text: &str) -> String {
    let upper = camel(text);
    let mut chars = upper.chars();
    chars.next().map(|c| c.to_ascii_lowercase().to_string() + chars.as_str()).unwrap_or_default()
}

/// The Java wrappers of the client (`OnfidoFutures.kt`, `OnfidoBlocking.kt`): the v3 resources as
/// properties (`onfido.applicants().find(id)` in Java), v2's under `v2()`, each operation as a
/// method returning a `CompletableFuture` / blocking until done; a paged listing's `listAll` gives
/// every item of every page.
pub fn java(v3: &[Resource], v2: &[Resource], header: &str) -> (String, String) {
    let mut futures = String::new();
    let mut blocking = String::new();
    for (out, kind) in [(&mut futures, "Futures"), (&mut blocking, "Blocking")] {
        let is_future = kind == "Futures";
        out.push_str(header);
        out.push_str("\npackage onfido.core\n\n");
        if is_future {
            out.push_str(
                "import java.util.concurrent.CompletableFuture\nimport kotlinx.coroutines.CoroutineScope\n\
                 import kotlinx.coroutines.Dispatchers\nimport kotlinx.coroutines.SupervisorJob\nimport kotlinx.coroutines.cancel\n\
                 import kotlinx.coroutines.flow.toList\nimport kotlinx.coroutines.future.future\n\n\
                 /**\n * The client for Java callers: every operation returns a [CompletableFuture]. Cancelling a future\n\
                 \x20* cancels its call (the request in flight, or the wait before a retry); [close] cancels them all.\n\
                 \x20* Failures complete the future exceptionally with an [OnfidoException] (wrapped in an\n\
                 \x20* `ExecutionException` by `get()`, in a `CompletionException` by `join()`).\n *\n\
                 \x20* ```java\n * var onfido = new OnfidoFutures(Onfido.onfidoClient(config));\n\
                 \x20* onfido.applicants().create(builder).thenCompose(a -> onfido.documents().list(a.getId())).join();\n\
                 \x20* onfido.v2().applicants().retrieve(id).join();   // a client of ApiVersion.V2\n * ```\n */\n\
                 class OnfidoFutures @JvmOverloads constructor(\n    val client: OnfidoClient,\n    \
                 private val scope: CoroutineScope = CoroutineScope(SupervisorJob() + Dispatchers.Default),\n) : AutoCloseable {\n    \
                 /** Cancels every call still running. */\n    override fun close() = scope.cancel()\n\n    \
                 /** Any operation by id with the API's JSON in and out ([OnfidoClient.request]). */\n    \
                 @JvmOverloads fun request(operation: String, inputJson: String, options: CallOptions? = null): CompletableFuture<String> =\n        \
                 scope.future { client.request(operation, inputJson, options) }\n",
            );
        } else {
            out.push_str(
                "import kotlinx.coroutines.flow.toList\nimport kotlinx.coroutines.runBlocking\n\n\
                 /**\n * The client for Java callers that block: every operation runs to its end on the calling thread\n\
                 \x20* and returns its result or throws an [OnfidoException]. Interrupting the thread cancels the call.\n *\n\
                 \x20* ```java\n * var onfido = new OnfidoBlocking(Onfido.onfidoClient(config));\n\
                 \x20* V3Applicant jane = onfido.applicants().create(builder);\n\
                 \x20* V2Applicant joe = v2Onfido.v2().applicants().retrieve(id);   // a client of ApiVersion.V2\n * ```\n *\n\
                 \x20* Not for coroutines: call the suspending [OnfidoClient] there.\n */\n\
                 class OnfidoBlocking(val client: OnfidoClient) {\n    \
                 /** Any operation by id with the API's JSON in and out ([OnfidoClient.request]). */\n    \
                 @JvmOverloads fun request(operation: String, inputJson: String, options: CallOptions? = null): String =\n        \
                 runBlocking { client.request(operation, inputJson, options) }\n",
            );
        }
        let scope = if is_future { ", scope" } else { "" };
        for resource in v3 {
            let class = resource.object.replace("Resource", kind);
            let _ = write!(
                out,
                "\n    /** The `{}` operations of API v3.6 / v3.4. */\n    @get:JvmName(\"{1}\")\n    val {1}: {class} = {class}(client.{1}{scope})\n",
                resource.name,
                lower_camel(&resource.name),
            );
        }
        let _ = write!(
            out,
            "\n    /** The API v2 resources (a client of `ApiVersion.V2`). */\n    @get:JvmName(\"v2\")\n    val v2: V2{kind} = V2{kind}(client{scope})\n}}\n"
        );
        let ctor = if is_future { "client: OnfidoClient, scope: CoroutineScope" } else { "client: OnfidoClient" };
        let _ = write!(
            out,
            "\n/** The API v2 resources of [Onfido{kind}]. */\nclass V2{kind} internal constructor({ctor}) {{"
        );
        for resource in v2 {
            let class = resource.object.replace("Resource", kind);
            let _ = write!(
                out,
                "\n    /** The `{}` operations of API v2. */\n    @get:JvmName(\"{1}\")\n    val {1}: {class} = {class}(client.v2.{1}{scope})\n",
                resource.name,
                lower_camel(&resource.name),
            );
        }
        out.push_str("}\n");
        for resource in v3.iter().chain(v2) {
            let class = resource.object.replace("Resource", kind);
            let object = &resource.object;
            let fields = if is_future {
                format!("private val resource: {object}, private val scope: CoroutineScope")
            } else {
                format!("private val resource: {object}")
            };
            let _ =
                write!(out, "\n/** [{object}] for Java callers. */\nclass {class} internal constructor({fields}) {{\n");
            for method in &resource.methods {
                let mut lines = vec![(method.name.clone(), method.args.clone(), method.returns.clone(), false)];
                if let Some((args, item)) = &method.all {
                    lines.push((format!("{}All", method.name), args.clone(), format!("List<{item}>"), true));
                }
                for (name, args, returns, all) in lines {
                    let params: Vec<String> = args
                        .iter()
                        .map(
                            |(n, t, required)| {
                                if *required {
                                    format!("{n}: {t}")
                                } else {
                                    format!("{n}: {t}? = null")
                                }
                            },
                        )
                        .chain(["options: CallOptions? = null".to_owned()])
                        .collect();
                    let call: Vec<&str> = args.iter().map(|a| a.0.as_str()).chain(["options"]).collect();
                    let invoke = format!("resource.{name}({})", call.join(", "));
                    let invoke = if all { format!("{invoke}.toList()") } else { invoke };
                    let doc = if all {
                        format!("`{}`: every item of every page.", method.id)
                    } else {
                        format!("`{}`.", method.id)
                    };
                    let body = match (is_future, returns.as_str()) {
                        (true, "Unit") => {
                            format!("CompletableFuture<Void?> =\n        scope.future {{ {invoke}; null }}")
                        }
                        (true, _) => format!("CompletableFuture<{returns}> =\n        scope.future {{ {invoke} }}"),
                        (false, "Unit") => format!("Unit =\n        runBlocking {{ {invoke} }}"),
                        (false, _) => format!("{returns} =\n        runBlocking {{ {invoke} }}"),
                    };
                    let _ =
                        write!(out, "    /** {doc} */\n    @JvmOverloads fun {name}({}): {body}\n", params.join(", "));
                }
            }
            out.push_str("}\n");
        }
    }
    (futures, blocking)
}

/// A Kotlin type of an argument or item as Swift names it (uniffi's mapping).
fn swift_type(kotlin: &str) -> String {
    if let Some(item) = kotlin.strip_prefix("List<").and_then(|t| t.strip_suffix('>')) {
        return format!("[{}]", swift_type(item));
    }
    match kotlin {
        "Long" => "Int64".to_owned(),
        "Boolean" => "Bool".to_owned(),
        "java.time.Instant" => "Date".to_owned(),
        "java.time.LocalDate" => "String".to_owned(),
        other => other.to_owned(),
    }
}

/// A paged listing's `listAll` in Swift: every item of every page as an `AsyncThrowingStream`,
/// one request per page as it is iterated (cancelled with its consumer); the next page is the core's.
fn swift_list_all(
    object: &str,
    id: &str,
    name: &str,
    args: &[(String, String, bool)],
    item: &str,
    items: &str,
) -> String {
    let params: Vec<String> = args
        .iter()
        .filter(|a| a.0 != "page")
        .map(
            |(n, t, required)| {
                if *required {
                    format!("{n}: {}", swift_type(t))
                } else {
                    format!("{n}: {}? = nil", swift_type(t))
                }
            },
        )
        .chain(["options: CallOptions? = nil".to_owned()])
        .collect();
    let call: Vec<String> = args
        .iter()
        .map(|(n, _, _)| if n == "page" { "page: current".to_owned() } else { format!("{n}: {n}") })
        .chain(["options: options".to_owned()])
        .collect();
    let items = match items.strip_prefix("value.").and_then(|i| i.strip_suffix(".orEmpty()")) {
        Some(field) => format!("result.value.{field} ?? []"),
        None => "result.value".to_owned(),
    };
    format!(
        "\npublic extension {object} {{\n    \
         /// `{id}` page after page: one request per page as the stream is iterated; the next page is the core's.\n    \
         func {name}All({}) -> AsyncThrowingStream<{}, Error> {{\n        \
         AsyncThrowingStream {{ continuation in\n            let task = Task {{\n                do {{\n                    \
         var page: Int64? = 1\n                    while let current = page {{\n                        \
         let result = try await self.{name}({})\n                        \
         for item in {items} {{ continuation.yield(item) }}\n                        \
         page = result.nextPage.flatMap {{ $0 > current ? $0 : nil }}\n                    }}\n                    \
         continuation.finish()\n                }} catch {{\n                    continuation.finish(throwing: error)\n                }}\n            }}\n            \
         continuation.onTermination = {{ _ in task.cancel() }}\n        }}\n    }}\n}}\n",
        params.join(", "),
        swift_type(item),
        call.join(", "),
    )
}
