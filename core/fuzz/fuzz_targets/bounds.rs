//! The checks every binding runs before converting a runtime's value (issue 14): deep, cyclic and
//! shared values, and the JSON-text conversions the bindings call on arbitrary nested input.
//!
//! The first byte picks the case:
//! - `0`: JSON text. `bounds::check_json` never panics and refuses exactly the texts whose value
//!   nests deeper than `MAX_DEPTH`; a text `serde_json` refuses for its recursion limit is refused.
//! - `1`: a graph of values (cycles and sharing allowed) built from the bytes. `bounds::check`
//!   never panics, ends, and says what a plain recursive walk with the same rules says.
//! - `2`: the conversions of JSON text the Node and Kotlin bindings use (`dynamic::from_json`
//!   into a report and its findings, `dynamic::build_request_json` of any operation) never panic,
//!   and never accept an input nested deeper than `MAX_DEPTH`.
#![no_main]

use std::rc::Rc;

use libfuzzer_sys::fuzz_target;
use onfido_core::bounds::{self, Key, Node, MAX_DEPTH, MAX_VALUES};
use onfido_core::{dynamic, models::Report, ApiVersion, Config, Error, OperationId};

/// Node `i` holds the nodes its list names; `None` is a leaf.
#[derive(Clone)]
struct Graph {
    nodes: Rc<Vec<Option<Vec<(Key, usize)>>>>,
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

/// A graph from bytes: each node is a length byte (leaf when its top bit is set) followed by that
/// many child indices; a byte of `0xFF` alone makes a chain of 70 nested nodes, to reach past
/// the depth limit with short inputs.
fn graph(data: &[u8]) -> Vec<Option<Vec<(Key, usize)>>> {
    let mut nodes = Vec::new();
    let mut bytes = data.iter().copied();
    while let Some(head) = bytes.next() {
        if head == 0xFF {
            let base = nodes.len();
            for i in 0..70 {
                nodes.push(Some(vec![(Key::Name(format!("k{i}")), base + i + 1)]));
            }
            continue;
        }
        if head & 0x80 != 0 {
            nodes.push(None);
            continue;
        }
        let children = (0..head % 8)
            .filter_map(|i| bytes.next().map(|b| (if b % 2 == 0 { Key::Index(usize::from(i)) } else { Key::Name(format!("n{b}")) }, usize::from(b))))
            .collect();
        nodes.push(Some(children));
    }
    let n = nodes.len().max(1);
    // Indices wrap into the graph; a chain's end past the last node becomes a leaf.
    nodes.into_iter().map(|node| node.map(|c| c.into_iter().map(|(k, at)| (k, at % n)).collect())).collect()
}

/// What `bounds::check` must say: the same walk, written recursively (depth is capped, so the
/// recursion is too).
fn reference(nodes: &[Option<Vec<(Key, usize)>>], field: &str) -> Result<(), Error> {
    fn walk(
        nodes: &[Option<Vec<(Key, usize)>>],
        at: usize,
        path: &str,
        open: &mut Vec<usize>,
        seen: &mut usize,
        field: &str,
    ) -> Result<(), Error> {
        let Some(Some(children)) = nodes.get(at) else { return Ok(()) };
        open.push(at);
        for (key, child) in children {
            *seen += 1;
            if *seen > MAX_VALUES {
                return Err(bounds::too_large(field));
            }
            let child_path = match key {
                Key::Name(name) if path.is_empty() => name.clone(),
                Key::Name(name) => format!("{path}.{name}"),
                Key::Index(i) => format!("{path}[{i}]"),
            };
            if !matches!(nodes.get(*child), Some(Some(_))) {
                continue;
            }
            if open.contains(child) {
                return Err(bounds::contains_itself(&bounds::field_path(field, &child_path)));
            }
            if open.len() >= MAX_DEPTH {
                return Err(bounds::too_deep(&bounds::field_path(field, &child_path)));
            }
            walk(nodes, *child, &child_path, open, seen, field)?;
        }
        open.pop();
        Ok(())
    }
    walk(nodes, 0, "", &mut Vec::new(), &mut 0, field)
}

fuzz_target!(|data: &[u8]| {
    let [case, rest @ ..] = data else { return };
    match case % 3 {
        0 => {
            let checked = bounds::check_json(rest, "input");
            match serde_json::from_slice::<serde_json::Value>(rest) {
                Ok(value) => {
                    let deep = bounds::json_depth(&value) > MAX_DEPTH;
                    assert_eq!(checked.is_err(), deep, "depth {} but {checked:?}", bounds::json_depth(&value));
                }
                Err(e) if e.to_string().contains("recursion limit") => {
                    assert!(checked.is_err(), "serde_json: {e}, bounds: accepted");
                }
                Err(_) => {}
            }
        }
        1 => {
            let nodes = graph(rest);
            let expected = reference(&nodes, "input");
            let got = bounds::check(Graph { nodes: Rc::new(nodes), at: 0 }, "input");
            assert_eq!(got.as_ref().err(), expected.as_ref().err(), "{got:?} vs {expected:?}");
        }
        _ => {
            let [op, json @ ..] = rest else { return };
            let depth_ok = || {
                serde_json::from_slice::<serde_json::Value>(json).map_or(true, |v| bounds::json_depth(&v) <= MAX_DEPTH)
            };
            if let Ok(report) = dynamic::from_json::<Report>(json, "report") {
                assert!(depth_ok(), "a report nested past the limit was read");
                let _ = report.findings();
            }
            let config = match op % 2 {
                0 => Config::builder().api_token("test_fuzz").build(),
                _ => Config::builder().api_token("test_fuzz").api_version(ApiVersion::V3_6).build(),
            };
            let Ok(config) = config else { return };
            let operation = if op % 2 == 0 {
                OperationId::ALL.get(usize::from(*op / 2) % OperationId::ALL.len()).map(|o| o.as_str())
            } else {
                let operations = onfido_core::v3::operations();
                operations.get(usize::from(*op / 2) % operations.len()).map(|o| o.id)
            };
            let Some(operation) = operation else { return };
            if dynamic::build_request_json(operation, &config, json, Some(1_700_000_000)).is_ok() {
                assert!(depth_ok(), "{operation}: an input nested past the limit was accepted");
            }
        }
    }
});
