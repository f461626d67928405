//! Bounds on the values a template builds on its way to the output. No value may be
//! larger than [`MAX_VALUE_BYTES`] or have more than [`MAX_ITEMS`] items, and one render
//! may build at most [`MAX_BUILT_BYTES`] in all (values, and text printed into `set`
//! blocks and macros), so memory stays bounded and a doubling loop stops in
//! milliseconds. The rewritten operators ([`super::operators`]) call [`concat`], [`add`]
//! and [`mul`]; the builtin filters that grow or walk a value are wrapped to measure
//! their input first.

use super::bounds::MAX_DRAFT_BYTES;
use super::operators::{ADD, CONCAT, MUL};
use minijinja::value::{Object, Rest, Value, ValueKind};
use minijinja::{Environment, Error, ErrorKind, State, context};
use std::fmt::Write as _;
use std::sync::atomic::{AtomicUsize, Ordering};

/// The largest text a template may build as one value: as large as a draft may be.
pub const MAX_VALUE_BYTES: usize = MAX_DRAFT_BYTES;

/// The most items a list a template builds may have (minijinja's own `range` bound).
pub const MAX_ITEMS: usize = 100_000;

/// The most bytes one render may build in all.
pub const MAX_BUILT_BYTES: usize = 64 * MAX_DRAFT_BYTES;

/// Builtin filters that walk their input or return something larger than it. The
/// others (`upper`, `trim`, `length`, `first`, …) return at most what they are given.
const MEASURED_FILTERS: [&str; 25] = [
    "join",
    "dictsort",
    "items",
    "reverse",
    "split",
    "lines",
    "sum",
    "min",
    "max",
    "sort",
    "list",
    "string",
    "slice",
    "batch",
    "select",
    "selectattr",
    "reject",
    "rejectattr",
    "map",
    "groupby",
    "unique",
    "chain",
    "zip",
    "pprint",
    "last",
];

/// Registers the bounded operators and wraps the builtins that grow a value.
pub(crate) fn install(env: &mut Environment<'static>) {
    env.add_function(CONCAT, concat);
    env.add_function(ADD, add);
    env.add_function(MUL, mul);
    for name in MEASURED_FILTERS {
        let Some(original) = builtin_filter(name) else {
            continue;
        };
        env.add_filter(name, move |state: &State, args: Rest<Value>| {
            let input = measure(&args, MAX_VALUE_BYTES);
            if input > MAX_VALUE_BYTES {
                return Err(too_large(&format!("`{name}` of a value"), input));
            }
            let out = original.call(state, &args)?;
            charge(state, measure(std::slice::from_ref(&out), MAX_BUILT_BYTES))?;
            Ok(out)
        });
    }
    env.add_filter("replace", replace);
}

/// `a ~ b`: both as text, joined.
pub(crate) fn concat(state: &State, left: Value, right: Value) -> Result<Value, Error> {
    let mut out = CappedText::default();
    if write!(out, "{left}{right}").is_err() {
        return Err(too_large("`~` would build a text", out.wanted));
    }
    charge(state, out.text.len())?;
    Ok(Value::from(out.text))
}

/// `a + b`: texts are joined and lists chained within the bounds; numbers are added as
/// minijinja adds them.
pub(crate) fn add(state: &State, left: Value, right: Value) -> Result<Value, Error> {
    if left.kind() == ValueKind::String && right.kind() == ValueKind::String {
        return concat(state, left, right);
    }
    if is_list(&left) && is_list(&right) {
        let items = left
            .len()
            .unwrap_or(usize::MAX)
            .saturating_add(right.len().unwrap_or(usize::MAX));
        if items > MAX_ITEMS {
            return Err(too_many("`+` would build a list", items));
        }
    }
    if let (Some(a), Some(b)) = (left.as_i64(), right.as_i64()) {
        if let Some(sum) = a
            .checked_add(b)
            .filter(|_| left.is_integer() && right.is_integer())
        {
            return Ok(Value::from(sum));
        }
    }
    operator(state, "a + b", left, right)
}

/// `a * b`: a text or list repeated within the bounds; numbers multiplied as minijinja
/// multiplies them.
pub(crate) fn mul(state: &State, left: Value, right: Value) -> Result<Value, Error> {
    let (repeated, times) = if right.is_number() {
        (&left, &right)
    } else {
        (&right, &left)
    };
    if let (Some(text), Some(n)) = (repeated.as_str(), times.as_usize()) {
        let bytes = text.len().saturating_mul(n);
        if bytes > MAX_VALUE_BYTES {
            return Err(too_large("`*` would build a text", bytes));
        }
        charge(state, bytes)?;
        return Ok(Value::from(text.repeat(n)));
    }
    if let (true, Some(n)) = (is_list(repeated), times.as_usize()) {
        let items = repeated.len().unwrap_or(usize::MAX).saturating_mul(n);
        if items > MAX_ITEMS {
            return Err(too_many("`*` would build a list", items));
        }
    }
    if let (Some(a), Some(b)) = (left.as_i64(), right.as_i64()) {
        if let Some(product) = a
            .checked_mul(b)
            .filter(|_| left.is_integer() && right.is_integer())
        {
            return Ok(Value::from(product));
        }
    }
    operator(state, "a * b", left, right)
}

/// `replace`, refusing a result beyond the bound before building it.
fn replace(
    state: &State,
    text: &str,
    from: &str,
    to: &str,
    count: Option<usize>,
) -> Result<String, Error> {
    let matches = if from.is_empty() {
        text.chars().count() + 1
    } else {
        text.matches(from).count()
    };
    let matches = count.map_or(matches, |c| c.min(matches));
    let bytes = text.len().saturating_add(matches.saturating_mul(to.len()));
    if bytes > MAX_VALUE_BYTES {
        return Err(too_large("`replace` would build a text", bytes));
    }
    charge(state, bytes)?;
    Ok(match count {
        Some(n) => text.replacen(from, to, n),
        None => text.replace(from, to),
    })
}

/// Charges `bytes` built to this render; an error once it has built too much.
pub(crate) fn charge(state: &State, bytes: usize) -> Result<(), Error> {
    let built = state.get_or_set_temp_object("leadplay_built_bytes", Built::default);
    let total = built
        .0
        .fetch_add(bytes, Ordering::Relaxed)
        .saturating_add(bytes);
    if total > MAX_BUILT_BYTES {
        return Err(Error::new(
            ErrorKind::InvalidOperation,
            format!(
                "the template built more than {} MiB of text for one draft; look for a value \
                 doubled in a loop or a macro",
                MAX_BUILT_BYTES / (1024 * 1024)
            ),
        ));
    }
    Ok(())
}

/// The bytes a render has built so far (a per-render temp of minijinja's state).
#[derive(Debug, Default)]
struct Built(AtomicUsize);

impl Object for Built {}

/// About how many bytes `values` take (text length, 8 a number or item), counting up to
/// `limit` only: a lazy list of a billion items is not walked.
pub(crate) fn measure(values: &[Value], limit: usize) -> usize {
    let mut total = 0usize;
    for value in values {
        total = total.saturating_add(weight(value, limit.saturating_sub(total), 0));
        if total > limit {
            break;
        }
    }
    total
}

fn weight(value: &Value, limit: usize, depth: usize) -> usize {
    if let Some(text) = value.as_str() {
        return text.len();
    }
    if !matches!(
        value.kind(),
        ValueKind::Seq | ValueKind::Iterable | ValueKind::Map
    ) {
        return 8;
    }
    if depth > 32 || value.len().is_some_and(|n| n > MAX_ITEMS) {
        return limit.saturating_add(1);
    }
    let Ok(items) = value.try_iter() else {
        return 8;
    };
    let mut total = 0usize;
    for (i, item) in items.enumerate() {
        let nested = match value.kind() {
            ValueKind::Map => value
                .get_item(&item)
                .map_or(8, |v| weight(&v, limit, depth + 1)),
            _ => 0,
        };
        total = total
            .saturating_add(8 + weight(&item, limit, depth + 1))
            .saturating_add(nested);
        if total > limit || i >= MAX_ITEMS {
            return limit.saturating_add(1);
        }
    }
    total
}

fn is_list(value: &Value) -> bool {
    matches!(value.kind(), ValueKind::Seq | ValueKind::Iterable)
}

/// The operator as minijinja defines it, for what the bounded versions do not change.
fn operator(state: &State, expression: &str, a: Value, b: Value) -> Result<Value, Error> {
    state
        .env()
        .compile_expression(expression)?
        .eval(context! { a, b })
}

/// minijinja's builtin filter `name`, as a value that can be called.
fn builtin_filter(name: &str) -> Option<Value> {
    use minijinja::filters as f;
    let filter = match name {
        "join" => Value::from_function(f::join),
        "dictsort" => Value::from_function(f::dictsort),
        "items" => Value::from_function(f::items),
        "reverse" => Value::from_function(f::reverse),
        "split" => Value::from_function(f::split),
        "lines" => Value::from_function(f::lines),
        "sum" => Value::from_function(f::sum),
        "min" => Value::from_function(f::min),
        "max" => Value::from_function(f::max),
        "sort" => Value::from_function(f::sort),
        "list" => Value::from_function(f::list),
        "string" => Value::from_function(f::string),
        "slice" => Value::from_function(f::slice),
        "batch" => Value::from_function(f::batch),
        "select" => Value::from_function(f::select),
        "selectattr" => Value::from_function(f::selectattr),
        "reject" => Value::from_function(f::reject),
        "rejectattr" => Value::from_function(f::rejectattr),
        "map" => Value::from_function(f::map),
        "groupby" => Value::from_function(f::groupby),
        "unique" => Value::from_function(f::unique),
        "chain" => Value::from_function(f::chain),
        "zip" => Value::from_function(f::zip),
        "pprint" => Value::from_function(f::pprint),
        "last" => Value::from_function(f::last),
        _ => return None,
    };
    Some(filter)
}

fn too_large(what: &str, bytes: usize) -> Error {
    Error::new(
        ErrorKind::InvalidOperation,
        format!(
            "{what} of {} KiB or more (at most {} KiB)",
            bytes / 1024,
            MAX_VALUE_BYTES / 1024
        ),
    )
}

fn too_many(what: &str, items: usize) -> Error {
    Error::new(
        ErrorKind::InvalidOperation,
        format!("{what} of {items} items (at most {MAX_ITEMS})"),
    )
}

/// A `fmt::Write` that stops at [`MAX_VALUE_BYTES`], so printing a huge value to
/// measure it never builds it.
#[derive(Default)]
struct CappedText {
    text: String,
    wanted: usize,
}

impl std::fmt::Write for CappedText {
    fn write_str(&mut self, s: &str) -> std::fmt::Result {
        self.wanted = self.wanted.saturating_add(s.len());
        if self.wanted > MAX_VALUE_BYTES {
            return Err(std::fmt::Error);
        }
        self.text.push_str(s);
        Ok(())
    }
}

#[cfg(test)]
mod tests;
