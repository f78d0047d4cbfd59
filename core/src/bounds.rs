//! How deep a value crossing into the core from a binding's runtime may nest, and that it may not
//! hold itself: one rule for every binding, checked without recursion.
//!
//! Conversions of foreign values (Python objects, JavaScript objects, JSON text from Kotlin or
//! Swift) recurse once per level, on a stack the core does not own: a value nested 100,000 levels
//! deep, or one that contains itself, would overflow it. Each binding checks a value first, with
//! [`check`] (a graph of its runtime's objects, through [`Node`]) or [`check_json`] (JSON text),
//! and reports the first place the value goes wrong as a validation error naming that field:
//! [`too_deep`] or [`contains_itself`], the same message in every runtime.

use crate::error::Error;

/// How deeply a value may nest: 64 containers. The API's deepest input nests 6 levels; JSON
/// parsers stop at 128 (`serde_json`) or about 1,000 (Python's `json`).
pub const MAX_DEPTH: usize = 64;

/// How many values [`check`] looks at before it calls a value too large. A value may hold the
/// same object many times over (a list of the same list, 64 levels of it, has 2^64 paths), which
/// any conversion would copy out once per path: this bounds the walk and the conversion both.
pub const MAX_VALUES: usize = 1_000_000;

/// The error for a value holding more than [`MAX_VALUES`] values, counted once per path.
pub fn too_large(path: &str) -> Error {
    Error::validation(path, format!("holds more than {MAX_VALUES} values"))
}

/// The error for a value nested deeper than [`MAX_DEPTH`] at `path`.
pub fn too_deep(path: &str) -> Error {
    Error::validation(path, format!("is nested deeper than {MAX_DEPTH} levels"))
}

/// The error for a container at `path` that holds itself (a cycle).
pub fn contains_itself(path: &str) -> Error {
    Error::validation(path, "contains itself")
}

/// The name of the value at `path` (`address.postcode`, `[2]`, `` for the whole) inside the value
/// given as `field`. An operation's input (`field` `input`) names its own fields as the API does
/// (`address.postcode`, not `input.address.postcode`); an input that is an array is `input[0]…`.
pub fn field_path(field: &str, path: &str) -> String {
    match (field, path) {
        (_, "") => field.to_owned(),
        ("input", path) if !path.starts_with('[') => path.to_owned(),
        (field, path) if path.starts_with('[') => format!("{field}{path}"),
        (field, path) => format!("{field}.{path}"),
    }
}

/// Where a child sits in its container.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Key {
    /// A member of an object (a dict key, a property name).
    Name(String),
    /// An element of an array (a list, a tuple).
    Index(usize),
}

/// A value of a binding's runtime as [`check`] walks it.
pub trait Node: Sized {
    /// The value's identity while the walk runs (its address): two children with the same
    /// identity as an open container are that container again.
    fn identity(&self) -> usize;

    /// The value's children with their keys, or `None` for a value that holds none (a string, a
    /// number, an object the conversion does not look into).
    fn children(&self) -> Option<Vec<(Key, Self)>>;
}

/// One open container of the walk: its identity, its path, the children still to visit.
struct Open<N> {
    identity: usize,
    path: String,
    children: std::vec::IntoIter<(Key, N)>,
}

/// Checks a value of a binding's runtime, given as `field`: at most [`MAX_DEPTH`] containers
/// deep, none inside itself, at most [`MAX_VALUES`] values (counted once per path to each). The
/// first fault, depth first, is an error naming its path ([`too_deep`], [`contains_itself`],
/// [`too_large`] on the whole). Runs in constant stack space, and in time bounded by
/// [`MAX_VALUES`].
pub fn check<N: Node>(root: N, field: &str) -> Result<(), Error> {
    let Some(children) = root.children() else { return Ok(()) };
    let mut open = vec![Open { identity: root.identity(), path: String::new(), children: children.into_iter() }];
    let mut seen: usize = 0;
    while let Some(top) = open.last_mut() {
        let Some((key, child)) = top.children.next() else {
            open.pop();
            continue;
        };
        seen += 1;
        if seen > MAX_VALUES {
            return Err(too_large(field));
        }
        let path = match key {
            Key::Name(name) if top.path.is_empty() => name,
            Key::Name(name) => format!("{}.{name}", top.path),
            Key::Index(index) => format!("{}[{index}]", top.path),
        };
        let Some(grandchildren) = child.children() else { continue };
        let identity = child.identity();
        if open.iter().any(|o| o.identity == identity) {
            return Err(contains_itself(&field_path(field, &path)));
        }
        if open.len() >= MAX_DEPTH {
            return Err(too_deep(&field_path(field, &path)));
        }
        open.push(Open { identity, path, children: grandchildren.into_iter() });
    }
    Ok(())
}

/// Checks JSON text, given as `field`: at most [`MAX_DEPTH`] containers deep, else
/// [`too_deep`] naming the first container past the limit. Only the nesting is looked at
/// (strings are skipped, escapes and all); whether the text is JSON is the parser's to say.
pub fn check_json(json: &[u8], field: &str) -> Result<(), Error> {
    match crate::json_path::first_deeper_than(json, MAX_DEPTH) {
        Some(path) => Err(too_deep(&field_path(field, &path))),
        None => Ok(()),
    }
}

/// The nesting depth of a JSON value (`0` for a scalar, `1` for `[]`), without recursion.
pub fn json_depth(value: &serde_json::Value) -> usize {
    use serde_json::Value;
    let mut deepest = 0;
    let mut pending: Vec<(&Value, usize)> = vec![(value, 0)];
    while let Some((value, depth)) = pending.pop() {
        match value {
            Value::Array(items) => pending.extend(items.iter().map(|v| (v, depth + 1))),
            Value::Object(members) => pending.extend(members.values().map(|v| (v, depth + 1))),
            _ => {}
        }
        if matches!(value, Value::Array(_) | Value::Object(_)) {
            deepest = deepest.max(depth + 1);
        }
    }
    deepest
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::rc::Rc;

    /// Each node's children (key, node index), `None` for a leaf.
    type Nodes = Vec<Option<Vec<(Key, usize)>>>;

    /// A test graph: node `i` holds the nodes its list names (cycles allowed).
    #[derive(Clone)]
    struct Graph {
        nodes: Rc<Nodes>,
        at: usize,
    }

    impl Node for Graph {
        fn identity(&self) -> usize {
            self.at
        }
        fn children(&self) -> Option<Vec<(Key, Self)>> {
            let children = self.nodes.get(self.at)?.as_ref()?;
            Some(children.iter().map(|(k, at)| (k.clone(), Graph { nodes: self.nodes.clone(), at: *at })).collect())
        }
    }

    fn chain(depth: usize) -> Graph {
        // Node i holds node i + 1 under `x`; the last is a leaf.
        let mut nodes: Nodes = (0..depth).map(|i| Some(vec![(Key::Name("x".into()), i + 1)])).collect();
        nodes.push(None);
        Graph { nodes: Rc::new(nodes), at: 0 }
    }

    fn message(error: &Error) -> (String, String) {
        let fields = error.fields().expect("a validation error");
        let (field, messages) = fields.iter().next().expect("one field");
        (field.to_string(), messages.first().cloned().unwrap_or_default())
    }

    #[test]
    fn the_limit_is_sixty_four_containers() {
        assert!(check(chain(MAX_DEPTH), "input").is_ok());
        let error = check(chain(MAX_DEPTH + 1), "input").unwrap_err();
        let (field, text) = message(&error);
        assert_eq!(field, vec!["x"; MAX_DEPTH].join("."));
        assert_eq!(text, "is nested deeper than 64 levels");
        // A hundred thousand levels: no recursion, so no stack to overflow.
        let (field, _) = message(&check(chain(100_000), "report").unwrap_err());
        assert!(field.starts_with("report.x.x."), "{field}");
    }

    #[test]
    fn a_container_inside_itself_is_named() {
        // 0 = {"a": [1, 0]} and 1 a leaf: the list holds the root.
        let nodes =
            vec![Some(vec![(Key::Name("a".into()), 2)]), None, Some(vec![(Key::Index(0), 1), (Key::Index(1), 0)])];
        let error = check(Graph { nodes: Rc::new(nodes), at: 0 }, "input").unwrap_err();
        assert_eq!(message(&error), ("a[1]".to_owned(), "contains itself".to_owned()));
        // The same value twice side by side is no cycle.
        let nodes = vec![Some(vec![(Key::Index(0), 1), (Key::Index(1), 1)]), Some(vec![])];
        assert!(check(Graph { nodes: Rc::new(nodes), at: 0 }, "reports").is_ok());
        let nodes = vec![Some(vec![(Key::Index(0), 0)])];
        let error = check(Graph { nodes: Rc::new(nodes), at: 0 }, "reports").unwrap_err();
        assert_eq!(message(&error).0, "reports[0]");
    }

    #[test]
    fn a_value_holding_one_list_many_times_is_too_large_not_a_hang() {
        // Node i holds node i + 1 twice: 2^64 paths to the last one.
        let mut nodes: Nodes =
            (0..MAX_DEPTH - 1).map(|i| Some(vec![(Key::Index(0), i + 1), (Key::Index(1), i + 1)])).collect();
        nodes.push(Some(vec![]));
        let error = check(Graph { nodes: Rc::new(nodes), at: 0 }, "reports").unwrap_err();
        assert_eq!(message(&error), ("reports".to_owned(), "holds more than 1000000 values".to_owned()));
    }

    #[test]
    fn json_text_is_checked_without_parsing() {
        let deep = |n: usize| format!("{}{}", "[".repeat(n), "]".repeat(n));
        assert!(check_json(deep(MAX_DEPTH).as_bytes(), "input").is_ok());
        let (field, text) = message(&check_json(deep(MAX_DEPTH + 1).as_bytes(), "extra_json").unwrap_err());
        assert_eq!(field, format!("extra_json{}", "[0]".repeat(MAX_DEPTH)));
        assert_eq!(text, "is nested deeper than 64 levels");
        let unclosed = "[".repeat(100_000);
        assert!(check_json(unclosed.as_bytes(), "input").is_err());
        let object = format!(r#"{{"a": {{"b\"]": [1, {}]}}}}"#, deep(MAX_DEPTH));
        let (field, _) = message(&check_json(object.as_bytes(), "input").unwrap_err());
        assert!(field.starts_with("a.b\"][1]"), "{field}");
        // Brackets inside strings are text.
        assert!(check_json(format!("\"{}\"", "[".repeat(1000)).as_bytes(), "input").is_ok());
        assert!(check_json(b"", "input").is_ok());
    }

    #[test]
    fn depth_of_values() {
        let v: serde_json::Value = serde_json::from_str(r#"{"a": [1, {"b": []}], "c": 2}"#).unwrap();
        assert_eq!(json_depth(&v), 4);
        assert_eq!(json_depth(&serde_json::json!(1)), 0);
    }
}
