//! Reading a field out of a JSON/YAML record: nested paths and how a value shows in a message.

/// A nested lookup (`company.size` → `{"company": {"size": …}}`), falling back to a
/// flat key with the dotted name.
pub(crate) fn lookup<'a>(
    object: &'a serde_json::Map<String, serde_json::Value>,
    path: &[String],
    dotted: &str,
) -> Option<&'a serde_json::Value> {
    let nested = path.split_first().and_then(|(first, rest)| {
        rest.iter().try_fold(object.get(first)?, |value, part| {
            value.as_object()?.get(part)
        })
    });
    match nested {
        Some(value) => Some(value),
        None if path.len() > 1 => object.get(dotted),
        None => None,
    }
}

/// A JSON value as shown in an error: strings bare, anything else as compact JSON.
pub(crate) fn json_text(value: &serde_json::Value) -> String {
    match value {
        serde_json::Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}
