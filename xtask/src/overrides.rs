//! Applies `api/overrides.json`: the description's fixes for the OpenAPI document's known bugs.
//!
//! Each override names a place with a JSON pointer in which an array of objects may be indexed by
//! an element's `id` or `name` (`/operations/find_task/params/task_id/schema`), and says what to
//! do there: `set` a value, or `append` one to an array. Each carries `why` and the `vector` that
//! shows the fix. A pointer that finds nothing fails the generation, so a fixed upstream bug is
//! noticed when the description is re-derived.

use serde_json::Value;

/// Applies every override in order.
pub fn apply(description: &mut Value, overrides: &Value) -> Result<(), String> {
    let list = overrides
        .get("overrides")
        .and_then(Value::as_array)
        .ok_or("api/overrides.json: expected {\"overrides\": [...]}")?;
    for (index, entry) in list.iter().enumerate() {
        let text = |key: &str| entry.get(key).and_then(Value::as_str).unwrap_or_default().to_owned();
        let pointer = text("pointer");
        let context = format!("override {index} ({pointer})");
        if text("why").is_empty() || text("vector").is_empty() {
            return Err(format!("{context}: every override needs `why` and `vector`"));
        }
        let (parent, key) = pointer.rsplit_once('/').ok_or_else(|| format!("{context}: not a JSON pointer"))?;
        match (entry.get("set"), entry.get("append")) {
            // `set` may add a key to an existing object (`nullable` where the document has none).
            (Some(value), None) => match locate(description, parent) {
                Some(Value::Object(map)) => {
                    map.insert(key.to_owned(), value.clone());
                }
                Some(_) => {
                    *locate(description, &pointer).ok_or_else(|| format!("{context}: the pointer finds nothing"))? =
                        value.clone()
                }
                None => return Err(format!("{context}: the pointer finds nothing")),
            },
            (None, Some(value)) => {
                match locate(description, &pointer).ok_or_else(|| format!("{context}: the pointer finds nothing"))? {
                    Value::Array(items) if !items.contains(value) => items.push(value.clone()),
                    Value::Array(_) => return Err(format!("{context}: the array already holds {value}")),
                    _ => return Err(format!("{context}: `append` needs an array")),
                }
            }
            _ => return Err(format!("{context}: give exactly one of `set` and `append`")),
        }
    }
    Ok(())
}

/// The value a pointer names; array elements also by their `id` or `name`.
fn locate<'v>(value: &'v mut Value, pointer: &str) -> Option<&'v mut Value> {
    let mut current = value;
    for segment in pointer.split('/').skip(1) {
        let segment = segment.replace("~1", "/").replace("~0", "~");
        current = match current {
            Value::Object(map) => map.get_mut(&segment)?,
            Value::Array(items) => {
                let position = items.iter().position(|item| {
                    ["id", "name"].iter().any(|key| item.get(key).and_then(Value::as_str) == Some(segment.as_str()))
                });
                match position {
                    Some(position) => items.get_mut(position)?,
                    None => items.get_mut(segment.parse::<usize>().ok()?)?,
                }
            }
            _ => return None,
        };
    }
    Some(current)
}
