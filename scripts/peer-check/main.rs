//! Fixture checker for scripts/compare-peers.sh (not part of the workspace, not run by `cargo test`).
//!
//! The script copies this file into a throw-away crate under /tmp that depends on one generated
//! crate by path (renamed to `peer`) and writes `types.rs` beside it, which names the peer's four
//! types: `CustomersAddRequest`, `CustomersAddResult`, `IdentityDocumentsUpdateRequest`,
//! `IdentityDocumentsUpdateResult`.
//!
//! usage: check FIXTURES_DIR [--strip-auth]
//!
//! Prints one tab-separated line per check:
//!   DESER <fixture> ok|fail [error]
//!   RESER <fixture> equal|not-equal|skipped [differences]
//! `--strip-auth` removes ClientToken, AccessToken and Client from the expected JSON of the
//! request fixtures before comparing (for a crate whose client injects them).

mod types;

use serde::{de::DeserializeOwned, Serialize};
use serde_json::Value;
use std::path::Path;

const AUTH_FIELDS: [&str; 3] = ["ClientToken", "AccessToken", "Client"];

fn one_line(text: &str) -> String {
    text.replace(['\t', '\n', '\r'], " ")
}

fn short(value: &Value) -> String {
    let text = value.to_string();
    if text.chars().count() > 60 {
        format!("{}...", text.chars().take(57).collect::<String>())
    } else {
        text
    }
}

/// Differences between the expected and the re-serialized JSON, as JSON-pointer paths.
fn diff(path: &str, expected: &Value, actual: &Value, out: &mut Vec<String>) {
    match (expected, actual) {
        (Value::Object(e), Value::Object(a)) => {
            for (key, ev) in e {
                let sub = format!("{path}/{key}");
                match a.get(key) {
                    None => out.push(format!("missing {sub}")),
                    Some(av) => diff(&sub, ev, av, out),
                }
            }
            for (key, av) in a {
                if !e.contains_key(key) {
                    out.push(format!("added {path}/{key}={}", short(av)));
                }
            }
        }
        (Value::Array(e), Value::Array(a)) if e.len() == a.len() => {
            for (i, (ev, av)) in e.iter().zip(a).enumerate() {
                diff(&format!("{path}/{i}"), ev, av, out);
            }
        }
        (e, a) => {
            // 1.0 and 1 are the same number for a JSON reader.
            let same_number = matches!((e.as_f64(), a.as_f64()), (Some(x), Some(y)) if x == y);
            if e != a && !same_number {
                out.push(format!("changed {path}: {} -> {}", short(e), short(a)));
            }
        }
    }
}

fn check<T: DeserializeOwned + Serialize>(dir: &Path, file: &str, reserialize: bool, strip_auth: bool) {
    let text = match std::fs::read_to_string(dir.join(file)) {
        Ok(text) => text,
        Err(err) => {
            println!("DESER\t{file}\tfail\tcannot read fixture: {}", one_line(&err.to_string()));
            return;
        }
    };
    let parsed: Result<T, _> = serde_json::from_str(&text);
    let value = match parsed {
        Ok(value) => {
            println!("DESER\t{file}\tok");
            value
        }
        Err(err) => {
            println!("DESER\t{file}\tfail\t{}", one_line(&err.to_string()));
            if reserialize {
                println!("RESER\t{file}\tskipped\tnot deserialized");
            }
            return;
        }
    };
    if !reserialize {
        return;
    }
    let mut expected: Value = serde_json::from_str(&text).expect("fixture is JSON");
    if strip_auth {
        if let Value::Object(map) = &mut expected {
            for field in AUTH_FIELDS {
                map.remove(field);
            }
        }
    }
    let actual = match serde_json::to_value(&value) {
        Ok(actual) => actual,
        Err(err) => {
            println!("RESER\t{file}\tnot-equal\tserialization failed: {}", one_line(&err.to_string()));
            return;
        }
    };
    let mut differences = Vec::new();
    diff("", &expected, &actual, &mut differences);
    if differences.is_empty() {
        println!("RESER\t{file}\tequal");
    } else {
        println!("RESER\t{file}\tnot-equal\t{}", one_line(&differences.join("; ")));
    }
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let dir = Path::new(args.first().expect("usage: check FIXTURES_DIR [--strip-auth]"));
    let strip_auth = args.iter().any(|arg| arg == "--strip-auth");
    check::<types::CustomersAddRequest>(dir, "customers_add_request.json", true, strip_auth);
    check::<types::CustomersAddResult>(dir, "customers_add_response.json", false, false);
    check::<types::IdentityDocumentsUpdateRequest>(dir, "identity_documents_update_request.json", true, strip_auth);
    check::<types::IdentityDocumentsUpdateResult>(dir, "identity_documents_update_response.json", false, false);
}
