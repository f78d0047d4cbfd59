//! `api/onfido-v2.json` (written from the v2 reference; the bindings' v2 surfaces are generated from
//! it) held to the core's typed v2 operations: the same operations, and every v2 request the
//! shared vectors build goes to the method and path the description gives for its operation.

#![allow(clippy::indexing_slicing)] // serde_json::Value indexing: `Null` when absent, never a panic

use std::collections::BTreeSet;
use std::path::Path;

use onfido_core::OperationId;
use serde_json::Value;

fn read(path: &Path) -> Result<Value, String> {
    let text = std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?;
    serde_json::from_str(&text).map_err(|e| format!("{}: {e}", path.display()))
}

fn root() -> &'static Path {
    Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/.."))
}

fn operations() -> Result<Vec<Value>, String> {
    Ok(read(&root().join("api/onfido-v2.json"))?["operations"].as_array().cloned().unwrap_or_default())
}

#[test]
fn names_the_core_operations() -> Result<(), String> {
    let described: BTreeSet<String> =
        operations()?.iter().filter_map(|op| op["id"].as_str().map(str::to_owned)).collect();
    let core: BTreeSet<String> = OperationId::ALL.iter().map(|id| id.as_str().to_owned()).collect();
    assert_eq!(described, core);
    Ok(())
}

/// Whether `path` (`/applicants/abc/documents`) fills `template` (`/applicants/{applicant_id}/documents`).
fn fills(template: &str, path: &str) -> bool {
    let (t, p): (Vec<&str>, Vec<&str>) = (template.split('/').collect(), path.split('/').collect());
    t.len() == p.len() && t.iter().zip(&p).all(|(t, p)| t == p || (t.starts_with('{') && !p.is_empty()))
}

#[test]
fn every_v2_vector_request_goes_where_the_description_says() -> Result<(), String> {
    let ops = operations()?;
    let mut checked = 0;
    let dir = root().join("tests/vectors");
    let mut files: Vec<_> =
        std::fs::read_dir(&dir).map_err(|e| e.to_string())?.filter_map(|e| e.ok().map(|e| e.path())).collect();
    files.sort();
    for file in files.iter().filter(|f| f.file_name().is_some_and(|n| n.to_string_lossy().starts_with("build_"))) {
        let doc = read(file)?;
        for case in doc["cases"].as_array().into_iter().flatten() {
            let (Some(id), Some(url)) =
                (case["operation"].as_str(), case.pointer("/expect/url").and_then(Value::as_str))
            else {
                continue;
            };
            if case.pointer("/config/api_version").and_then(Value::as_str).is_some_and(|v| v != "v2") {
                continue;
            }
            let op = ops.iter().find(|op| op["id"] == id).ok_or(format!("{id} is not described"))?;
            let path = url.split_once("/v2").map_or("", |(_, rest)| rest);
            let path = path.split('?').next().unwrap_or_default();
            let template = op["path"].as_str().unwrap_or_default();
            assert!(fills(template, path), "{}: {id} went to {path}, described as {template}", case["name"]);
            assert_eq!(case["expect"]["method"], op["method"], "{}: {id}", case["name"]);
            checked += 1;
        }
    }
    assert!(checked > 100, "only {checked} v2 requests were compared");
    Ok(())
}
