//! Helpers of the backtest integration tests.
#![allow(dead_code)]

use crate::common::Ws;
use serde_json::Value;

/// Runs leadplay and parses its JSON output (exit 0 expected).
pub fn json(ws: &Ws, args: &[&str]) -> Value {
    let out = ws.run(args);
    assert_eq!(out.code, 0, "{}{}", out.stdout, out.stderr);
    serde_json::from_str(&out.stdout).unwrap()
}

/// A number within 0.0001 of `expected`.
pub fn close(actual: &Value, expected: f64) {
    let a = actual
        .as_f64()
        .unwrap_or_else(|| panic!("not a number: {actual}"));
    assert!((a - expected).abs() < 0.0001, "{a} != {expected}");
}
