//! Writes the Python surfaces of one description each, v3 (`bindings-python/python/onfido_core/
//! _v3_models.py` and `_v3_resources.py`) and v2 (`_v2_models.py`, `_v2_resources.py`), and the
//! runtime-neutral method table (`api/METHODS.md`, a section per version). What differs between
//! the versions is a [`Surface`]: names, and the hand-written rule mixins (`_v2_rules.py`) that
//! the classes of the schemas it names take as a base (the rules no description states).
//!
//! Models: one class per object an answer holds, wrapping the parsed dict and reading each field
//! lazily through a typed descriptor (`Field`), so `mypy --strict` knows every field and refuses a
//! misspelt one, and unknown members stay reachable (`model["x"]`, `model.extra`). Dates read as
//! `date`, timestamps as aware `datetime`; enums are `Literal` aliases (unknown values pass through
//! as text). Reports are one class with every kind's fields (`breakdown` and `properties` free-form,
//! as in the core). Request objects are `TypedDict`s.
//!
//! Resources: one method table (`Method`) rendered twice, sync and async; each method calls the
//! client's one private entry point, `_call(operation, input, reader)`. A listing in pages (a
//! `page` parameter, the core's `is_paginated`) is two methods: `list` iterates over every item of
//! every page (`_base.every`: each next page's input is the one the core's driver gave), and
//! `list_page` returns one `Page`.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;

use serde_json::{Map, Value};

/// Fields of a report kind read as free-form JSON (as in the core's tables and models).
const FREE_FORM: [&str; 2] = ["breakdown", "properties"];
/// Names the model base class uses; a field called so gets a trailing `_`.
const RESERVED: [&str; 6] = ["get", "to_dict", "extra", "keys", "from_dict", "raw"];
/// Python's keywords (a field or parameter called so gets a trailing `_`).
const KEYWORDS: [&str; 35] = [
    "False", "None", "True", "and", "as", "assert", "async", "await", "break", "class", "continue", "def", "del",
    "elif", "else", "except", "finally", "for", "from", "global", "if", "import", "in", "is", "lambda", "nonlocal",
    "not", "or", "pass", "raise", "return", "try", "while", "with", "yield",
];
/// Marks a generated name in a type: bare in the models module, `m.`-qualified in the resources one.
const NAME: char = '§';

/// What differs between the API versions' Python surfaces: names, and the hand-written rules.
pub struct Surface {
    /// The version the docstrings name (`v3.6`, `v2`).
    pub version: &'static str,
    /// The models module (`_v3_models`); the resources module is `_<version>_resources`.
    pub models: &'static str,
    /// Schema → the hand-written mixin (in `rules`) its model class takes its rules from.
    pub rules: &'static [(&'static str, &'static str)],
    /// The module holding the mixins.
    pub rules_module: &'static str,
    /// Whether the description's `webhook_event` root is a model too (the notifications' event).
    pub event: bool,
    /// Whether the method table has a v3.4 column.
    pub v3_4: bool,
}

/// API v3.6 (and v3.4): no hand-written rules on its models.
pub const V3: Surface =
    Surface { version: "v3.6", models: "_v3_models", rules: &[], rules_module: "", event: false, v3_4: true };

/// API v2: the rules the description cannot state, as mixins of `_v2_rules.py`.
pub const V2: Surface = Surface {
    version: "v2",
    models: "_v2_models",
    rules: &[
        ("check", "CheckRules"),
        ("report", "ReportRules"),
        ("sdk_token", "SdkTokenRules"),
        ("ocr_results", "OcrResultsRules"),
        ("webhook", "WebhookRules"),
        ("webhook_event", "WebhookEventRules"),
    ],
    rules_module: "_v2_rules",
    event: true,
    v3_4: false,
};

/// The texts of one version: (models module, resources module, its section of `api/METHODS.md`).
pub fn python(
    description: &Value,
    header: &str,
    surface: &'static Surface,
) -> Result<(String, String, String), String> {
    let schemas = description.get("schemas").and_then(Value::as_object).ok_or("the description has no schemas")?;
    let operations =
        description.get("operations").and_then(Value::as_array).ok_or("the description has no operations")?;
    let mut py = Py {
        surface,
        schemas,
        aliases: Vec::new(),
        classes: Vec::new(),
        params: Vec::new(),
        models: BTreeMap::new(),
        inputs: BTreeMap::new(),
        enums: BTreeMap::new(),
        open: BTreeSet::new(),
        naming: BTreeMap::new(),
        used: BTreeSet::new(),
        exported: Vec::new(),
    };
    let mut methods = Vec::new();
    for op in operations {
        methods.push(py.method(op)?);
    }
    if surface.event {
        let root = description.get("webhook_event").ok_or("the description has no webhook_event")?;
        py.model_type(root, "webhook_event")?;
    }
    let py_header: String = header.lines().map(|l| format!("# {}\n", l.trim_start_matches("// "))).collect();
    Ok((
        py.models_module(&py_header),
        resources_module(&py_header, surface, &methods),
        methods_section(surface, &methods),
    ))
}

struct Py<'d> {
    surface: &'static Surface,
    schemas: &'d Map<String, Value>,
    /// Literal aliases, model classes and request TypedDicts, each in an order that defines a name before its use.
    aliases: Vec<String>,
    classes: Vec<String>,
    params: Vec<String>,
    /// Schema name → the model type (`§Applicant`, or a plain type) and its reader.
    models: BTreeMap<String, Typed>,
    /// Schema name → the request type.
    inputs: BTreeMap<String, String>,
    /// Schema name → its Literal alias.
    enums: BTreeMap<String, String>,
    /// Schemas being written (a schema that holds itself reads as a plain dict).
    open: BTreeSet<String>,
    /// Schema being written → its class's name (for a field that holds the schema itself).
    naming: BTreeMap<String, String>,
    used: BTreeSet<String>,
    exported: Vec<String>,
}

/// A model type (without `Optional`) and the reader that converts the raw member, if any.
type Typed = (String, Option<String>);
/// A model field: its API name, type and reader, and whether it is always there.
type FieldSpec = (String, Typed, bool);

/// One operation as a Python method.
struct Method {
    resource: String,
    name: String,
    id: String,
    http: String,
    in_v3_4: bool,
    positional: Vec<String>,
    /// (Python name, API name, type, required).
    keywords: Vec<(String, String, String, bool)>,
    /// The upload field, if any (its keyword takes a path, bytes or a file object; `filename` names it).
    file: Option<String>,
    returns: String,
    reader: String,
    /// For a listing in pages (`page` parameter): the item type `list` iterates over.
    item: Option<String>,
}

impl<'d> Py<'d> {
    fn fresh(&mut self, base: &str) -> String {
        let base = camel(base);
        let mut name = base.clone();
        let mut n = 2;
        while !self.used.insert(name.clone()) {
            name = format!("{base}{n}");
            n += 1;
        }
        self.exported.push(name.clone());
        name
    }

    fn schema(&self, name: &str) -> Result<&'d Value, String> {
        self.schemas.get(name).ok_or_else(|| format!("unknown schema {name:?}"))
    }

    /// The Literal alias of a named enum.
    fn alias(&mut self, name: &str, node: &Value) -> Result<String, String> {
        if let Some(found) = self.enums.get(name) {
            return Ok(found.clone());
        }
        let alias = self.fresh(name);
        let literal = literal(node)?;
        self.aliases.push(format!("{alias} = {literal}\n"));
        let marked = format!("{NAME}{alias}");
        self.enums.insert(name.to_owned(), marked.clone());
        Ok(marked)
    }

    /// A response node's type (without `Optional`) and reader.
    fn model_type(&mut self, node: &Value, context: &str) -> Result<Typed, String> {
        if let Some(name) = node.get("ref").and_then(Value::as_str) {
            return self.named_model(name);
        }
        if node.get("discriminator").is_some() {
            let class = self.report(node, context)?;
            return Ok((format!("{NAME}{class}"), Some(format!("one({class})"))));
        }
        if let Some(alternatives) = node.get("oneOf").and_then(Value::as_array) {
            // Text or an object (a check's reports: ids, or the reports expanded).
            if let [text, object] = alternatives.as_slice() {
                if text.get("type").and_then(Value::as_str) == Some("string")
                    && text.as_object().map(Map::len) == Some(1)
                {
                    if let Some(name) = object.get("ref").and_then(Value::as_str) {
                        if let (ty, Some(read)) = self.named_model(name)? {
                            if let Some(class) = read.strip_prefix("one(").and_then(|r| r.strip_suffix(')')) {
                                return Ok((format!("Union[str, {ty}]"), Some(format!("str_or({class})"))));
                            }
                        }
                    }
                }
            }
            return Ok(("Any".to_owned(), None));
        }
        if node.get("enum").is_some() {
            return Ok((literal(node)?, None));
        }
        Ok(match (node.get("type").and_then(Value::as_str).unwrap_or(""), node.get("format").and_then(Value::as_str)) {
            ("string", Some("date")) => ("date".to_owned(), Some("as_date".to_owned())),
            ("string", Some("date-time")) => ("datetime".to_owned(), Some("as_datetime".to_owned())),
            ("string", _) => ("str".to_owned(), None),
            ("integer", _) => ("int".to_owned(), None),
            ("number", _) => ("float".to_owned(), None),
            ("boolean", _) => ("bool".to_owned(), None),
            ("array", _) => {
                let (item, read) = match node.get("items") {
                    Some(items) => self.model_type(items, &format!("{context}_item"))?,
                    None => ("Any".to_owned(), None),
                };
                let read = match read {
                    // Items of a list are never None (the core refuses a null item in a typed list).
                    Some(r) => format!("list_of({})", item_reader(&r)),
                    None => "as_list".to_owned(),
                };
                (format!("List[{item}]"), Some(read))
            }
            _ if node.get("properties").is_some() => {
                let class = self.class(node, context, &[])?;
                (format!("{NAME}{class}"), Some(format!("one({class})")))
            }
            (_, _) => match node.get("additionalProperties") {
                Some(extra) if extra.get("type").is_some() || extra.get("ref").is_some() => {
                    let (value, read) = self.model_type(extra, &format!("{context}_value"))?;
                    match read {
                        Some(r) => (format!("Dict[str, {value}]"), Some(format!("dict_of({})", item_reader(&r)))),
                        None => (format!("Dict[str, {value}]"), None),
                    }
                }
                _ if node.get("type").and_then(Value::as_str) == Some("object") => ("Dict[str, Any]".to_owned(), None),
                _ => ("Any".to_owned(), None),
            },
        })
    }

    fn named_model(&mut self, name: &str) -> Result<Typed, String> {
        if let Some(found) = self.models.get(name) {
            return Ok(found.clone());
        }
        if self.open.contains(name) {
            // A schema inside itself (a breakdown's breakdowns): its class, read once it exists.
            return Ok(match self.naming.get(name) {
                Some(class) => (format!("{NAME}{class}"), Some(format!("later(lambda: {class})"))),
                None => ("Dict[str, Any]".to_owned(), None),
            });
        }
        let node = self.schema(name)?;
        let found = if node.get("enum").is_some() {
            (self.alias(name, node)?, None)
        } else if node.get("discriminator").is_some() {
            let class = self.report(node, name)?;
            (format!("{NAME}{class}"), Some(format!("one({class})")))
        } else if node.get("properties").is_some() {
            self.open.insert(name.to_owned());
            let class = self.fresh(name);
            self.naming.insert(name.to_owned(), class.clone());
            self.class_named(node, name, &[], &class)?;
            self.naming.remove(name);
            self.open.remove(name);
            (format!("{NAME}{class}"), Some(format!("one({class})")))
        } else {
            self.model_type(node, name)?
        };
        self.models.insert(name.to_owned(), found.clone());
        Ok(found)
    }

    /// A model class for an object node; its nested classes are written first.
    fn class(&mut self, node: &Value, context: &str, free: &[&str]) -> Result<String, String> {
        let class = self.fresh(context);
        self.class_named(node, context, free, &class)?;
        Ok(class)
    }

    /// `class` under a name already chosen (so that its fields can name it).
    fn class_named(&mut self, node: &Value, context: &str, free: &[&str], class: &str) -> Result<(), String> {
        let props = node.get("properties").and_then(Value::as_object).ok_or("an object without properties")?;
        let required = strings(node.get("required"));
        let mut fields = Vec::new();
        for (key, prop) in props {
            let field = if free.contains(&key.as_str()) {
                ("Dict[str, Any]".to_owned(), None)
            } else {
                self.model_type(prop, &format!("{context}_{key}"))?
            };
            let nullable = prop.get("nullable").and_then(Value::as_bool).unwrap_or(false);
            fields.push((key.clone(), field, required.contains(key) && !nullable));
        }
        self.push_class(class, context, &fields);
        Ok(())
    }

    fn push_class(&mut self, class: &str, schema: &str, fields: &[FieldSpec]) {
        let keys: Vec<String> = fields.iter().map(|(k, _, _)| format!("{k:?}")).collect();
        // A schema with rules the description cannot state takes them from its hand-written mixin.
        let bases = match self.surface.rules.iter().find(|(name, _)| *name == schema) {
            Some((_, mixin)) => format!("{mixin}, Model"),
            None => "Model".to_owned(),
        };
        let mut text = format!(
            "class {class}({bases}):\n    \"\"\"The `{schema}` object.\"\"\"\n\n    __slots__ = ()\n    _keys = frozenset({{{}}})\n",
            keys.join(", ")
        );
        for (key, (ty, read), required) in fields {
            let ty = if read.as_deref().is_some_and(|r| r.starts_with("list_of") || r == "as_list") || *required {
                ty.clone()
            } else {
                format!("Optional[{ty}]")
            };
            let read = read.as_ref().map(|r| format!(", {r}")).unwrap_or_default();
            let _ = writeln!(text, "    {}: Field[{ty}] = Field({key:?}{read})", attribute(key));
        }
        self.classes.push(text.replace(NAME, ""));
    }

    /// One class for every kind of a discriminated union (reports): the union of their fields.
    fn report(&mut self, node: &Value, context: &str) -> Result<String, String> {
        let mapping =
            node.pointer("/discriminator/mapping").and_then(Value::as_object).ok_or("a union without a mapping")?;
        let mut fields: Vec<FieldSpec> = Vec::new();
        for target in mapping.values().filter_map(Value::as_str) {
            let schema = self.schema(target)?;
            let props = schema.get("properties").and_then(Value::as_object).ok_or("a union kind without properties")?;
            let required = strings(schema.get("required"));
            for (key, prop) in props {
                let field = if FREE_FORM.contains(&key.as_str()) {
                    ("Dict[str, Any]".to_owned(), None)
                } else {
                    self.model_type(prop, &format!("report_{key}"))?
                };
                let nullable = prop.get("nullable").and_then(Value::as_bool).unwrap_or(false);
                let req = required.contains(key) && !nullable;
                match fields.iter_mut().find(|(k, _, _)| k == key) {
                    None => fields.push((key.clone(), field, req)),
                    Some((_, known, r)) => {
                        *r = *r && req;
                        if *known != field {
                            *known = ("Any".to_owned(), None);
                        }
                    }
                }
            }
        }
        let name = if context == "report" { "report".to_owned() } else { format!("{context}_report") };
        let class = self.fresh(&name);
        self.push_class(&class, "report (every kind)", &fields);
        Ok(class)
    }

    /// A request node's type.
    fn input_type(&mut self, node: &Value, context: &str) -> Result<String, String> {
        if let Some(name) = node.get("ref").and_then(Value::as_str) {
            if let Some(found) = self.inputs.get(name) {
                return Ok(found.clone());
            }
            if self.open.contains(name) {
                return Ok("Mapping[str, Any]".to_owned());
            }
            let target = self.schema(name)?;
            let ty = if target.get("enum").is_some() {
                self.alias(name, target)?
            } else {
                self.open.insert(name.to_owned());
                let ty = self.input_type(target, &format!("{name}_param"))?;
                self.open.remove(name);
                ty
            };
            self.inputs.insert(name.to_owned(), ty.clone());
            return Ok(ty);
        }
        if node.get("oneOf").is_some() {
            return Ok("Any".to_owned());
        }
        if node.get("enum").is_some() {
            return literal(node);
        }
        Ok(match (node.get("type").and_then(Value::as_str).unwrap_or(""), node.get("format").and_then(Value::as_str)) {
            ("string", Some("date")) => "Union[str, date]".to_owned(),
            ("string", Some("date-time")) => "Union[str, datetime]".to_owned(),
            ("string", Some("binary")) => "FileInput".to_owned(),
            ("string", _) => "str".to_owned(),
            ("integer", _) => "int".to_owned(),
            ("number", _) => "float".to_owned(),
            ("boolean", _) => "bool".to_owned(),
            ("array", _) => match node.get("items") {
                Some(items) => format!("Sequence[{}]", self.input_type(items, &format!("{context}_item"))?),
                None => "Sequence[Any]".to_owned(),
            },
            _ if node.get("properties").is_some() => self.typed_dict(node, context)?,
            _ => "Mapping[str, Any]".to_owned(),
        })
    }

    /// A TypedDict for a request object (required keys in a base class); a key that is no
    /// Python identifier makes it a plain mapping.
    fn typed_dict(&mut self, node: &Value, context: &str) -> Result<String, String> {
        let props = node.get("properties").and_then(Value::as_object).ok_or("an object without properties")?;
        if props.keys().any(|k| !is_identifier(k)) {
            return Ok("Mapping[str, Any]".to_owned());
        }
        let required = strings(node.get("required"));
        let mut lines = (String::new(), String::new());
        for (key, prop) in props.iter().filter(|(_, p)| !read_only(p)) {
            let ty = self.input_type(prop, &format!("{context}_{key}"))?;
            let target = if required.contains(key) { &mut lines.0 } else { &mut lines.1 };
            let _ = writeln!(target, "    {key}: {ty}");
        }
        let class = self.fresh(context);
        let (must, may) = lines;
        let text = if must.is_empty() {
            format!(
                "class {class}(TypedDict, total=False):\n    \"\"\"The `{context}` object of a request.\"\"\"\n\n{may}"
            )
        } else {
            let base = format!("_{class}Required");
            let may = if may.is_empty() { "    pass\n".to_owned() } else { may };
            format!(
                "class {base}(TypedDict):\n{must}\n\nclass {class}({base}, total=False):\n    \"\"\"The `{context}` object of a request.\"\"\"\n\n{may}"
            )
        };
        self.params.push(text.replace(NAME, ""));
        Ok(format!("{NAME}{class}"))
    }

    /// An operation as a method.
    fn method(&mut self, op: &Value) -> Result<Method, String> {
        let text = |key: &str| op.get(key).and_then(Value::as_str).unwrap_or_default().to_owned();
        let id = text("id");
        let surface = |key: &str| op.pointer(&format!("/surface/{key}")).and_then(Value::as_str).map(str::to_owned);
        let (resource, name) = surface("resource")
            .zip(surface("method"))
            .ok_or_else(|| format!("{id}: no surface name (run api/derive.py)"))?;
        let mut positional = Vec::new();
        let mut keywords = Vec::new();
        let mut file = None;
        for param in op.get("params").and_then(Value::as_array).into_iter().flatten() {
            let key = param.get("name").and_then(Value::as_str).ok_or_else(|| format!("{id}: a nameless parameter"))?;
            if param.get("in").and_then(Value::as_str) == Some("path") {
                positional.push(key.to_owned());
                continue;
            }
            let ty = self.input_type(param.get("schema").unwrap_or(&Value::Null), &format!("{id}_{key}"))?;
            let required = param.get("required").and_then(Value::as_bool).unwrap_or(false);
            keywords.push((attribute(key), key.to_owned(), ty, required));
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
                let ty = self.input_type(prop, &format!("{id}_{key}"))?;
                if ty == "FileInput" {
                    file = Some(key.clone());
                }
                keywords.push((attribute(key), key.clone(), ty, required.contains(key)));
            }
        }
        let mut names: BTreeSet<&str> = positional.iter().map(String::as_str).collect();
        for (py, _, _, _) in &keywords {
            if !names.insert(py) || ["filename", "self", "m", "r"].contains(&py.as_str()) {
                return Err(format!("{id}: two parameters would be called {py}"));
            }
        }
        keywords.sort_by_key(|(_, _, _, required)| !required);
        let (returns, reader, item) = self.answer(&id, op)?;
        Ok(Method {
            resource,
            name,
            http: format!("{} {}", text("method"), text("path")),
            in_v3_4: op.get("v3.4").is_some(),
            id,
            positional,
            keywords,
            file,
            returns,
            reader,
            item,
        })
    }

    /// What a method returns, and the reader that makes it from the core's answer.
    fn answer(&mut self, id: &str, op: &Value) -> Result<(String, String, Option<String>), String> {
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
        Ok(match ok.get("content_type").and_then(Value::as_str) {
            None if status == "201" => ("Optional[str]".to_owned(), "r.location".to_owned(), None),
            None => ("None".to_owned(), "r.nothing".to_owned(), None),
            Some("text/plain") => ("str".to_owned(), "r.text".to_owned(), None),
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
                    let (item, read) = self.model_type(items, &format!("{id}_item"))?;
                    let class = read
                        .as_deref()
                        .and_then(|r| r.strip_prefix("one(")?.strip_suffix(')'))
                        .ok_or_else(|| format!("{id}: a list of something other than objects"))?
                        .to_owned();
                    let key = key.map_or_else(|| "None".to_owned(), |k| format!("{k:?}"));
                    if paginated {
                        (format!("Page[{item}]"), format!("r.page(m.{class}, {key})"), Some(item))
                    } else {
                        (format!("List[{item}]"), format!("r.many(m.{class}, {key})"), None)
                    }
                } else {
                    let (ty, read) = self.model_type(&schema, &format!("{id}_output"))?;
                    let class = read
                        .as_deref()
                        .and_then(|r| r.strip_prefix("one(")?.strip_suffix(')'))
                        .ok_or_else(|| format!("{id}: an answer other than an object"))?
                        .to_owned();
                    (ty, format!("r.single(m.{class})"), None)
                }
            }
            Some(_) => ("Download".to_owned(), "r.download".to_owned(), None),
        })
    }

    fn models_module(&self, header: &str) -> String {
        let mut out = header.to_owned();
        let surface = self.surface;
        let what = if surface.v3_4 { format!("{} (and v3.4)", surface.version) } else { surface.version.to_owned() };
        let _ = write!(
            out,
            "\"\"\"The {what} models: every object an answer holds, and the objects requests take.\"\"\"\n\n\
             from __future__ import annotations\n\n\
             from datetime import date, datetime\n\
             from typing import Any, Dict, List, Literal, Mapping, Optional, Sequence, TypedDict, Union\n\n\
             from ._base import Field, Model, as_date, as_datetime, as_list, dict_of, later, list_of, one, str_or\n\
             from ._engine import FileInput\n",
        );
        if !surface.rules.is_empty() {
            let mut mixins: Vec<&str> = surface.rules.iter().map(|(_, mixin)| *mixin).collect();
            mixins.sort_unstable();
            let _ = writeln!(out, "from .{} import {}", surface.rules_module, mixins.join(", "));
        }
        out.push('\n');
        let mut names = self.exported.clone();
        names.sort();
        out.push_str("__all__ = [\n");
        for name in &names {
            let _ = writeln!(out, "    {name:?},");
        }
        out.push_str("]\n\n");
        for alias in &self.aliases {
            out.push_str(&alias.replace(NAME, ""));
        }
        for item in self.classes.iter().chain(&self.params) {
            out.push_str("\n\n");
            out.push_str(item);
        }
        out
    }
}

/// A reader for a list's or a map's items: a class is its own reader (`one(X)` → `X`).
fn item_reader(read: &str) -> String {
    read.strip_prefix("one(").and_then(|r| r.strip_suffix(')')).unwrap_or(read).to_owned()
}

fn resources_module(header: &str, surface: &Surface, methods: &[Method]) -> String {
    let mut by_resource: BTreeMap<&str, Vec<&Method>> = BTreeMap::new();
    for method in methods {
        by_resource.entry(method.resource.as_str()).or_default().push(method);
    }
    let version = surface.version;
    let mut out = header.to_owned();
    let _ = write!(
        out,
        "\"\"\"Every {version} operation as a method of a resource, sync and async, from one method table.\n\n\
         Each method calls the client's one entry point, `_call(operation, input, reader)`; a listing in\n\
         pages is `list(...)` (every item of every page) and `list_page(...)` (one page).\n\"\"\"\n\n\
         from __future__ import annotations\n\n\
         from datetime import date, datetime\n\
         from typing import Any, AsyncIterator, Iterator, List, Literal, Mapping, Optional, Sequence, Union\n\n\
         from . import {} as m\n\
         from . import _base as r\n\
         from ._base import AsyncCaller, Caller, Download, Page\n\
         from ._engine import FileInput\n\n\
         __all__ = [\"Resources\", \"AsyncResources\"]\n",
        surface.models
    );
    for asynchronous in [false, true] {
        let prefix = if asynchronous { "Async" } else { "" };
        let caller = if asynchronous { "AsyncCaller" } else { "Caller" };
        for (resource, methods) in &by_resource {
            let class = format!("{prefix}{}", camel(resource));
            let names: Vec<String> = methods
                .iter()
                .flat_map(|m| match m.item {
                    Some(_) => vec![m.name.clone(), format!("{}_page", m.name)],
                    None => vec![m.name.clone()],
                })
                .collect();
            let _ = write!(
                out,
                "\n\nclass {class}:\n    \"\"\"`{resource}`: {}.\"\"\"\n\n    __slots__ = (\"_client\",)\n\n    \
                 def __init__(self, client: {caller}) -> None:\n        self._client = client\n",
                names.join(", ")
            );
            for method in methods {
                out.push('\n');
                out.push_str(&render(method, surface, asynchronous));
            }
        }
        let _ = write!(
            out,
            "\n\nclass {prefix}Resources:\n    \"\"\"Every resource of API {version} as an attribute.\"\"\"\n\n    \
             def __init__(self, client: {caller}) -> None:\n"
        );
        for resource in by_resource.keys() {
            let _ = writeln!(out, "        self.{resource} = {prefix}{}(client)", camel(resource));
        }
    }
    out
}

/// One method, sync or async: the one template both renderings share. A listing in pages is two:
/// `list` (an iterator over every item of every page) and `list_page` (one `Page`).
fn render(method: &Method, surface: &Surface, asynchronous: bool) -> String {
    let qualify = |ty: &str| ty.replace(NAME, "m.");
    let signature = |skip_page: bool| {
        let mut params: Vec<String> = method.positional.iter().map(|p| format!("{p}: str")).collect();
        let keywords: Vec<_> = method.keywords.iter().filter(|(_, key, _, _)| !(skip_page && key == "page")).collect();
        if !keywords.is_empty() {
            params.push("*".to_owned());
        }
        for (py, _, ty, required) in &keywords {
            params.push(if *required {
                format!("{py}: {}", qualify(ty))
            } else {
                format!("{py}: Optional[{}] = None", qualify(ty))
            });
        }
        if method.file.is_some() {
            params.push("filename: Optional[str] = None".to_owned());
        }
        if params.len() <= 2 {
            format!("(self{})", params.iter().map(|p| format!(", {p}")).collect::<String>())
        } else {
            format!("(\n        self,\n{}    )", params.iter().map(|p| format!("        {p},\n")).collect::<String>())
        }
    };
    let input = |skip_page: bool, indent: &str| {
        let mut input: Vec<String> = method.positional.iter().map(|p| format!("{p:?}: {p}")).collect();
        for (py, key, _, _) in &method.keywords {
            if skip_page && key == "page" {
                continue;
            }
            if method.file.as_deref() == Some(key.as_str()) {
                input.push(format!("{key:?}: r.upload({py}, filename)"));
            } else {
                input.push(format!("{key:?}: {py}"));
            }
        }
        if input.len() <= 2 {
            format!("{{{}}}", input.join(", "))
        } else {
            format!("{{\n{}{indent}}}", input.iter().map(|i| format!("{indent}    {i},\n")).collect::<String>())
        }
    };
    let (def, call) =
        if asynchronous { ("async def", "await self._client._call") } else { ("def", "self._client._call") };
    let only = if surface.v3_4 && !method.in_v3_4 { " v3.6 only." } else { "" };
    let Some(item) = &method.item else {
        return format!(
            "    {def} {}{} -> {}:\n        \"\"\"`{}` ({}).{only}\"\"\"\n        return {call}(\n            {:?},\n            {},\n            {},\n        )\n",
            method.name,
            signature(false),
            qualify(&method.returns),
            method.http,
            method.id,
            method.id,
            input(false, "            "),
            method.reader,
        );
    };
    let (iterator, every, fetch) = if asynchronous {
        ("AsyncIterator", "r.every_async", "self._client._call")
    } else {
        ("Iterator", "r.every", "self._client._call")
    };
    format!(
        "    def {name}{} -> {iterator}[{item}]:\n        \"\"\"`{http}` ({id}): every item of every page.{only}\"\"\"\n        \
         return {every}(\n            lambda input: {fetch}({id:?}, input, {reader}),\n            {},\n        )\n\n    \
         {def} {name}_page{} -> {}:\n        \"\"\"`{http}` ({id}): one page.{only}\"\"\"\n        return {call}(\n            {id:?},\n            {},\n            {reader},\n        )\n",
        signature(true),
        input(true, "            "),
        signature(false),
        qualify(&method.returns),
        input(false, "            "),
        name = method.name,
        item = qualify(item),
        http = method.http,
        id = method.id,
        reader = method.reader,
    )
}

/// `api/METHODS.md`: one section per version.
pub fn methods_table(header: &str, v3: &str, header_v2: &str, v2: &str) -> String {
    let comment = |header: &str| header.lines().map(|l| l.trim_start_matches("// ")).collect::<Vec<_>>().join(" ");
    format!(
        "<!-- {} -->\n<!-- {} -->\n\n# The methods\n\nEvery operation as every runtime calls it, `client.<resource>.<method>(...)`: path ids \
         positional, everything else by the API's field names. API v3.6 (and v3.4) first, then [API v2](#api-v2). \
         In Python a listing in pages (a `page` parameter) is two methods: `list(...)` iterates over every item of \
         every page, `list_page(...)` returns one page.\n\n{v3}\n{v2}",
        comment(header),
        comment(header_v2),
    )
}

fn methods_section(surface: &Surface, methods: &[Method]) -> String {
    let mut out = if surface.v3_4 {
        "## API v3.6\n\nThe names come from the rule and the exceptions of [names.json](names.json).\n\n\
         | method | operation | request | v3.4 |\n|---|---|---|---|\n"
            .to_owned()
    } else {
        format!(
            "## API {}\n\nThe names are the description's (`api/onfido-{}.json`, `surface`).\n\n\
             | method | operation | request |\n|---|---|---|\n",
            surface.version, surface.version
        )
    };
    for m in methods {
        let _ = write!(out, "| `{}.{}` | `{}` | `{}` |", m.resource, m.name, m.id, m.http);
        if surface.v3_4 {
            out.push_str(if m.in_v3_4 { " yes |" } else { "  |" });
        }
        out.push('\n');
    }
    out
}

/// `Literal["a", "b"]` of an enum node.
fn literal(node: &Value) -> Result<String, String> {
    let values = node.get("enum").and_then(Value::as_array).ok_or("enum is not an array")?;
    let texts: Vec<String> = values
        .iter()
        .map(|v| v.as_str().map(|s| format!("{s:?}")).ok_or("a non-text enum value"))
        .collect::<Result<_, _>>()?;
    Ok(format!("Literal[{}]", texts.join(", ")))
}

fn strings(value: Option<&Value>) -> BTreeSet<String> {
    value.and_then(Value::as_array).into_iter().flatten().filter_map(Value::as_str).map(str::to_owned).collect()
}

fn read_only(node: &Value) -> bool {
    node.get("readOnly").and_then(Value::as_bool).unwrap_or(false)
}

fn is_identifier(key: &str) -> bool {
    key.chars().next().is_some_and(|c| c.is_ascii_alphabetic() || c == '_')
        && key.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
        && !KEYWORDS.contains(&key)
}

/// A field or parameter name as a Python identifier: keywords and the model's own names get `_`.
fn attribute(key: &str) -> String {
    let mut out: String = key.chars().map(|c| if c.is_ascii_alphanumeric() { c } else { '_' }).collect();
    if out.starts_with(|c: char| c.is_ascii_digit()) {
        out.insert(0, '_');
    }
    if KEYWORDS.contains(&out.as_str()) || RESERVED.contains(&out.as_str()) {
        out.push('_');
    }
    out
}

/// `find_applicant` → `FindApplicant`.
fn camel(text: &str) -> String {
    crate::models::camel(text)
}
