//! Writes the description as Rust static tables (`core/src/v3/generated.rs`).
//!
//! Every type node becomes one `static` (identical nodes share one), named schemas keep their
//! names (`S_APPLICANT`, `O_APPLICANT`), and every operation is an `Op` row. Report variants'
//! `breakdown` and `properties` are written as `Ty::Any`: free-form trees whose unexpected shapes
//! must never fail a response (the description keeps their full types for typed helpers).

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;

use serde_json::{Map, Value};

/// Fields of a report variant that are read as free-form trees.
const FREE_FORM_REPORT_FIELDS: [&str; 2] = ["breakdown", "properties"];

/// The Rust file for a description.
pub fn rust(description: &Value, header: &str) -> Result<String, String> {
    let schemas = description.get("schemas").and_then(Value::as_object).ok_or("the description has no schemas")?;
    let operations =
        description.get("operations").and_then(Value::as_array).ok_or("the description has no operations")?;
    let mut emitter = Emitter {
        schemas,
        report_variants: report_variants(schemas),
        statics: Vec::new(),
        interned: BTreeMap::new(),
        named_ty: BTreeMap::new(),
        named_object: BTreeMap::new(),
        used_names: BTreeSet::new(),
    };
    let mut rows = Vec::new();
    for op in operations {
        rows.push(emitter.operation(op)?);
    }
    let event = match description.get("webhook_event") {
        Some(node) => emitter.ty(node)?,
        None => return Err("the description has no webhook_event".to_owned()),
    };

    let mut out = String::new();
    out.push_str(header);
    out.push_str(
        "//! Every v3 operation and type as static tables (shapes in `schema.rs`).\n\n\
         #![allow(clippy::unreadable_literal)]\n\n\
         use super::schema::*;\nuse crate::http::Method;\n\n",
    );
    for line in &emitter.statics {
        out.push_str(line);
        out.push('\n');
    }
    out.push('\n');
    let _ = writeln!(out, "/// Every v3.6 operation, in the document's order.");
    let _ = writeln!(out, "pub(crate) static OPERATIONS: [&Op; {}] = [", rows.len());
    for (name, _, _) in &rows {
        let _ = writeln!(out, "    &{name},");
    }
    out.push_str("];\n\n");
    out.push_str("/// The operation a v3.6 operationId names.\npub(crate) fn find(id: &str) -> Option<&'static Op> {\n    match id {\n");
    for (name, id, _) in &rows {
        let _ = writeln!(out, "        {id:?} => Some(&{name}),");
    }
    out.push_str("        _ => None,\n    }\n}\n\n");
    let _ = writeln!(out, "/// A webhook notification's body (create_webhook's `webhookEvent` callback).");
    let _ = writeln!(out, "pub(crate) static WEBHOOK_EVENT: &Ty = {event};");
    Ok(out)
}

/// The names of the schemas a discriminator maps to.
fn report_variants(schemas: &Map<String, Value>) -> BTreeSet<String> {
    schemas
        .values()
        .filter_map(|s| s.pointer("/discriminator/mapping").and_then(Value::as_object))
        .flat_map(|mapping| mapping.values().filter_map(Value::as_str).map(str::to_owned))
        .collect()
}

struct Emitter<'d> {
    schemas: &'d Map<String, Value>,
    report_variants: BTreeSet<String>,
    /// The `static` items, in the order made.
    statics: Vec<String>,
    /// Definition text → the static that holds it.
    interned: BTreeMap<String, String>,
    /// Schema name → its `Ty` static.
    named_ty: BTreeMap<String, String>,
    /// Schema name → its `Object` static, for objects.
    named_object: BTreeMap<String, String>,
    used_names: BTreeSet<String>,
}

impl<'d> Emitter<'d> {
    /// A fresh static name from a schema name (`document_report` → `DOCUMENT_REPORT`).
    fn name_for(&mut self, prefix: &str, schema: &str) -> String {
        let base: String =
            schema.chars().map(|c| if c.is_ascii_alphanumeric() { c.to_ascii_uppercase() } else { '_' }).collect();
        let mut name = format!("{prefix}_{base}");
        let mut n = 2;
        while !self.used_names.insert(name.clone()) {
            name = format!("{prefix}_{base}_{n}");
            n += 1;
        }
        name
    }

    /// A static holding `definition` of type `ty`, shared with an identical one.
    fn intern(&mut self, ty: &str, definition: String) -> String {
        let key = format!("{ty}={definition}");
        if let Some(name) = self.interned.get(&key) {
            return name.clone();
        }
        let name = format!("T{}", self.interned.len());
        self.used_names.insert(name.clone());
        self.statics.push(format!("static {name}: {ty} = {definition};"));
        self.interned.insert(key, name.clone());
        name
    }

    fn schema(&self, name: &str) -> Result<&'d Value, String> {
        self.schemas.get(name).ok_or_else(|| format!("unknown schema {name:?}"))
    }

    /// The `Ty` static of a named schema, made on first use.
    fn named(&mut self, name: &str) -> Result<String, String> {
        if let Some(found) = self.named_ty.get(name) {
            return Ok(found.clone());
        }
        let node = self.schema(name)?;
        if let Some(target) = node.get("ref").and_then(Value::as_str) {
            // A schema that is another one with modifiers (nullable, default): the same type.
            let same = self.named(target)?;
            if let Some(object) = self.named_object.get(target).cloned() {
                self.named_object.insert(name.to_owned(), object);
            }
            self.named_ty.insert(name.to_owned(), same.clone());
            return Ok(same);
        }
        let static_name = self.name_for("S", name);
        self.named_ty.insert(name.to_owned(), static_name.clone());
        let definition = match self.named_object.get(name) {
            Some(object) => format!("Ty::Object(&{object})"),
            None => self.definition(node, name)?,
        };
        self.statics.push(format!("static {static_name}: Ty = {definition};"));
        Ok(static_name)
    }

    /// The `Object` static of a named object schema (its `Ty` static is made only when used).
    fn named_object(&mut self, name: &str) -> Result<String, String> {
        if let Some(found) = self.named_object.get(name) {
            return Ok(found.clone());
        }
        let node = self.schema(name)?;
        if let Some(target) = node.get("ref").and_then(Value::as_str) {
            let object = self.named_object(target)?;
            self.named_object.insert(name.to_owned(), object.clone());
            return Ok(object);
        }
        if node.get("properties").is_none() {
            return Err(format!("schema {name:?} is not an object"));
        }
        let object = self.object(node, name)?;
        self.named_object.insert(name.to_owned(), object.clone());
        Ok(object)
    }

    /// A `&'static Ty` expression for a node.
    fn ty(&mut self, node: &Value) -> Result<String, String> {
        if let Some(name) = node.get("ref").and_then(Value::as_str) {
            return Ok(format!("&{}", self.named(name)?));
        }
        let definition = self.definition(node, "")?;
        Ok(format!("&{}", self.intern("Ty", definition)))
    }

    /// The `Ty` expression a node defines (`name`: the schema's name, or empty inline).
    fn definition(&mut self, node: &Value, name: &str) -> Result<String, String> {
        if let Some(variants) = node.get("oneOf").and_then(Value::as_array) {
            return self.one_of(node, variants, name);
        }
        let kind = node.get("type").and_then(Value::as_str).unwrap_or("");
        if node.get("enum").is_some() {
            let values: Vec<String> = node
                .get("enum")
                .and_then(Value::as_array)
                .ok_or("enum is not an array")?
                .iter()
                .map(|v| v.as_str().map(|s| format!("{s:?}")).ok_or_else(|| format!("non-text enum value {v}")))
                .collect::<Result<_, _>>()?;
            let e = self.intern("Enum", format!("Enum {{ name: {name:?}, values: &[{}] }}", values.join(", ")));
            return Ok(format!("Ty::Enum(&{e})"));
        }
        match kind {
            "string" => {
                let text = self.text(node)?;
                Ok(format!("Ty::Str(&{text})"))
            }
            "integer" => Ok(format!("Ty::Integer({})", bounds(node))),
            "number" => Ok(format!("Ty::Number({})", bounds(node))),
            "boolean" => Ok("Ty::Bool".to_owned()),
            "array" => {
                let items = match node.get("items") {
                    Some(items) => self.ty(items)?,
                    None => "&Ty::Any".to_owned(),
                };
                let array = self.intern(
                    "Array",
                    format!(
                        "Array {{ items: {items}, min_items: {}, max_items: {} }}",
                        opt_u32(node, "minItems"),
                        opt_u32(node, "maxItems")
                    ),
                );
                Ok(format!("Ty::Array(&{array})"))
            }
            "object" | "" if node.get("properties").is_some() => {
                let object = self.object(node, name)?;
                if !name.is_empty() {
                    self.named_object.insert(name.to_owned(), object.clone());
                }
                Ok(format!("Ty::Object(&{object})"))
            }
            "object" => match node.get("additionalProperties") {
                Some(extra) if extra.is_object() => Ok(format!("Ty::Map({})", self.ty(extra)?)),
                _ => Ok("Ty::Map(&Ty::Any)".to_owned()),
            },
            "" => Ok("Ty::Any".to_owned()),
            other => Err(format!("unsupported type {other:?}")),
        }
    }

    fn one_of(&mut self, node: &Value, variants: &[Value], name: &str) -> Result<String, String> {
        if let Some(disc) = node.get("discriminator") {
            let tag = disc.get("property").and_then(Value::as_str).ok_or("a discriminator without a property")?;
            let mapping = disc.get("mapping").and_then(Value::as_object).ok_or("a discriminator without a mapping")?;
            let mut rows = Vec::new();
            // Every kind's fields in one object: a field whose type differs between kinds, and the
            // free-form ones, are `Any`. The engine reads every member against it, known tag or not,
            // exactly as the typed model (one struct) does.
            let mut merged: Vec<(String, String)> = Vec::new();
            for (value, target) in mapping {
                let target = target.as_str().ok_or("a mapping target is not a name")?;
                rows.push(format!("({value:?}, &{})", self.named(target)?));
                let props = self
                    .schema(target)?
                    .get("properties")
                    .and_then(Value::as_object)
                    .ok_or("a kind without properties")?;
                for (field, prop) in props {
                    let ty = if FREE_FORM_REPORT_FIELDS.contains(&field.as_str()) {
                        "&Ty::Any".to_owned()
                    } else {
                        self.ty(prop)?
                    };
                    match merged.iter_mut().find(|(f, _)| f == field) {
                        None => merged.push((field.clone(), ty)),
                        Some((_, known)) if *known == ty => {}
                        Some((_, known)) => *known = "&Ty::Any".to_owned(),
                    }
                }
            }
            let fields: Vec<String> = merged
                .iter()
                .map(|(f, ty)| {
                    format!("Field {{ name: {f:?}, ty: {ty}, required: false, nullable: true, read_only: false }}")
                })
                .collect();
            let object = self.intern(
                "Object",
                format!("Object {{ name: {name:?}, fields: &[\n    {},\n] }}", fields.join(",\n    ")),
            );
            let union = self.intern(
                "Union",
                format!(
                    "Union {{ name: {name:?}, tag: {tag:?}, variants: &[{}], merged: &{object} }}",
                    rows.join(", ")
                ),
            );
            return Ok(format!("Ty::Union(&{union})"));
        }
        let mut kinds = BTreeSet::new();
        let mut tys = Vec::new();
        for variant in variants {
            let kind = variant.get("type").and_then(Value::as_str).unwrap_or("");
            if !kinds.insert(kind.to_owned()) || kind.is_empty() {
                return Err(format!("oneOf in {name:?}: variants must differ by JSON type"));
            }
            tys.push(self.ty(variant)?);
        }
        Ok(format!("Ty::OneOf(&[{}])", tys.join(", ")))
    }

    fn text(&mut self, node: &Value) -> Result<String, String> {
        let format = match node.get("format").and_then(Value::as_str) {
            None => "Plain",
            Some("uuid") => "Uuid",
            Some("date") => "Date",
            Some("date-time") => "DateTime",
            Some("uri") => "Uri",
            Some("binary") => "Binary",
            Some(other) => return Err(format!("unsupported text format {other:?}")),
        };
        let pattern = match node.get("pattern").and_then(Value::as_str) {
            Some(source) => format!("Some({})", pattern(source)?),
            None => "None".to_owned(),
        };
        Ok(self.intern(
            "Text",
            format!(
                "Text {{ format: Format::{format}, pattern: {pattern}, min_len: {}, max_len: {} }}",
                opt_u32(node, "minLength"),
                opt_u32(node, "maxLength")
            ),
        ))
    }

    /// An `Object` static for an object node.
    fn object(&mut self, node: &Value, name: &str) -> Result<String, String> {
        let required: BTreeSet<&str> =
            node.get("required").and_then(Value::as_array).into_iter().flatten().filter_map(Value::as_str).collect();
        let props = node.get("properties").and_then(Value::as_object).ok_or("an object without properties")?;
        let free_form = self.report_variants.contains(name);
        let mut fields = Vec::new();
        for (field, prop) in props {
            let ty = if free_form && FREE_FORM_REPORT_FIELDS.contains(&field.as_str()) {
                "&Ty::Any".to_owned()
            } else {
                self.ty(prop)?
            };
            let nullable = flag(prop, "nullable")
                || prop
                    .get("ref")
                    .and_then(Value::as_str)
                    .is_some_and(|r| self.schema(r).is_ok_and(|s| flag(s, "nullable")));
            fields.push(format!(
                "Field {{ name: {field:?}, ty: {ty}, required: {}, nullable: {nullable}, read_only: {} }}",
                required.contains(field.as_str()),
                flag(prop, "readOnly"),
            ));
        }
        let definition = format!("Object {{ name: {name:?}, fields: &[\n    {},\n] }}", fields.join(",\n    "));
        if name.is_empty() {
            return Ok(self.intern("Object", definition));
        }
        let static_name = self.name_for("O", name);
        self.statics.push(format!("static {static_name}: Object = {definition};"));
        Ok(static_name)
    }

    /// One operation's row: (static name, v3.6 id, v3.4 id).
    fn operation(&mut self, op: &Value) -> Result<(String, String, Option<String>), String> {
        let text = |key: &str| op.get(key).and_then(Value::as_str).map(str::to_owned);
        let id = text("id").ok_or("an operation without an id")?;
        let method = match text("method").as_deref() {
            Some("GET") => "Get",
            Some("POST") => "Post",
            Some("PUT") => "Put",
            Some("PATCH") => "Patch",
            Some("DELETE") => "Delete",
            other => return Err(format!("{id}: unsupported method {other:?}")),
        };
        let path = text("path").ok_or_else(|| format!("{id}: no path"))?;
        let mut params = Vec::new();
        for param in op.get("params").and_then(Value::as_array).into_iter().flatten() {
            let pname = param.get("name").and_then(Value::as_str).ok_or_else(|| format!("{id}: a nameless param"))?;
            let location = match param.get("in").and_then(Value::as_str) {
                Some("path") => "Path",
                Some("query") => "Query",
                other => return Err(format!("{id}: parameter {pname} in {other:?} is not supported")),
            };
            let ty = self.ty(param.get("schema").unwrap_or(&Value::Null))?;
            params.push(format!(
                "Param {{ name: {pname:?}, location: Location::{location}, ty: {ty}, required: {} }}",
                flag(param, "required")
            ));
        }
        let body = match op.get("body") {
            None => "None".to_owned(),
            Some(body) => {
                let encoding = match body.get("content_type").and_then(Value::as_str) {
                    Some("application/json") => "Json",
                    Some("multipart/form-data") => "Multipart",
                    other => return Err(format!("{id}: body type {other:?} is not supported")),
                };
                let schema = body.get("schema").ok_or_else(|| format!("{id}: a body without a schema"))?;
                let object = match schema.get("ref").and_then(Value::as_str) {
                    Some(name) => self.named_object(name)?,
                    None => self.object(schema, "")?,
                };
                format!(
                    "Some(Body {{ encoding: Encoding::{encoding}, object: &{object}, required: {} }})",
                    flag(body, "required")
                )
            }
        };
        let (answer, redirects) = self.answer(&id, op)?;
        let v34 = op.pointer("/v3.4/id").and_then(Value::as_str).map(str::to_owned);
        let not_in: Vec<String> = op
            .pointer("/v3.4/body_fields_not_in_v3.4")
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
            .filter_map(Value::as_str)
            .map(|f| format!("{f:?}"))
            .collect();
        let name = self.name_for("OP", &id);
        self.statics.push(format!(
            "static {name}: Op = Op {{\n    id: {id:?},\n    method: Method::{method},\n    path: {path:?},\n    \
             params: &[{}],\n    body: {body},\n    answer: {answer},\n    redirects: {redirects},\n    \
             v3_4_id: {},\n    not_in_v3_4: &[{}],\n}};",
            params.join(", "),
            v34.as_deref().map_or("None".to_owned(), |v| format!("Some({v:?})")),
            not_in.join(", "),
        ));
        Ok((name, id, v34))
    }

    /// What a 2xx answer holds, and whether a 302 is documented.
    fn answer(&mut self, id: &str, op: &Value) -> Result<(String, bool), String> {
        let mut answer = None;
        let mut redirects = false;
        for response in op.get("responses").and_then(Value::as_array).into_iter().flatten() {
            let status = response.get("status").and_then(Value::as_str).unwrap_or("");
            if status == "302" {
                redirects = true;
                continue;
            }
            if !status.starts_with('2') {
                continue;
            }
            let this = match response.get("content_type").and_then(Value::as_str) {
                None => "Answer::Empty".to_owned(),
                Some("application/json") => {
                    format!("Answer::Json({})", self.ty(response.get("schema").unwrap_or(&Value::Null))?)
                }
                Some("text/plain") => "Answer::Text".to_owned(),
                Some(_) => "Answer::File".to_owned(),
            };
            if answer.as_ref().is_some_and(|a| a != &this) {
                return Err(format!("{id}: 2xx answers of different shapes"));
            }
            answer = Some(this);
        }
        Ok((answer.ok_or_else(|| format!("{id}: no 2xx answer"))?, redirects))
    }
}

fn flag(node: &Value, key: &str) -> bool {
    node.get(key).and_then(Value::as_bool).unwrap_or(false)
}

fn opt_u32(node: &Value, key: &str) -> String {
    node.get(key).and_then(Value::as_u64).map_or("None".to_owned(), |n| format!("Some({n})"))
}

fn bounds(node: &Value) -> String {
    let bound = |key: &str| node.get(key).and_then(Value::as_f64).map_or("None".to_owned(), |n| format!("Some({n:?})"));
    format!("Bounds {{ min: {}, max: {} }}", bound("minimum"), bound("maximum"))
}

/// A `Pattern` expression for `^[class]quantifier$`; any other form is refused.
fn pattern(source: &str) -> Result<String, String> {
    let refuse = || format!("pattern {source:?} is not of the form ^[class]quantifier$ (extend the generator)");
    let body = source.strip_prefix("^[").and_then(|s| s.strip_suffix('$')).ok_or_else(refuse)?;
    let close = body.rfind(']').ok_or_else(refuse)?;
    let (class, quantifier) = (&body[..close], &body[close + 1..]);
    let (negated, class) = match class.strip_prefix('^') {
        Some(rest) => (true, rest),
        None => (false, class),
    };
    let chars: Vec<char> = class.chars().collect();
    if chars.contains(&'\\') || chars.contains(&'[') {
        return Err(refuse());
    }
    let (mut singles, mut ranges) = (String::new(), Vec::new());
    let mut i = 0;
    while let Some(&c) = chars.get(i) {
        match (chars.get(i + 1), chars.get(i + 2)) {
            (Some('-'), Some(&hi)) => {
                ranges.push(format!("({c:?}, {hi:?})"));
                i += 3;
            }
            _ => {
                singles.push(c);
                i += 1;
            }
        }
    }
    let (min, max) = match quantifier {
        "*" => (0, None),
        "+" => (1, None),
        q => {
            let inner = q.strip_prefix('{').and_then(|q| q.strip_suffix('}')).ok_or_else(refuse)?;
            let parse = |t: &str| t.trim().parse::<u32>().map_err(|_| refuse());
            match inner.split_once(',') {
                None => (parse(inner)?, Some(parse(inner)?)),
                Some((lo, "")) => (parse(lo)?, None),
                Some((lo, hi)) => (parse(lo)?, Some(parse(hi)?)),
            }
        }
    };
    Ok(format!(
        "Pattern {{ source: {source:?}, negated: {negated}, chars: {singles:?}, ranges: &[{}], min: {min}, max: {} }}",
        ranges.join(", "),
        max.map_or("None".to_owned(), |m| format!("Some({m})"))
    ))
}
