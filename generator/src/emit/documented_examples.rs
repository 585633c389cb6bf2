//! Emits `tests/documented_examples.rs`: every documented request and result example reads into
//! its type and writes back to the same JSON value, as Mews reads JSON (a member sent as `null`
//! is one left out, numbers are equal by value, date-times by instant, a date by the midnight
//! UTC it starts, identifiers whatever their case). Requests are read as the example program
//! sends them (fitted to the spec where the documentation departs from it, as each example's
//! rustdoc lists); a result's members its type does not describe are named, and left out. Each
//! result that reads also reads as a newer server could send it ([`crate::ir::NewerResult`]).

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use super::examples::json_literal;
use super::features::{allow_without_all, gate};
use super::models::rust_type;
use super::{doc_attrs, ident, inner_doc_attrs};
use crate::ir::{Api, NewerResult, Operation, TypeRef};

/// The test file, or `None` when the spec documents no JSON example.
pub fn tests(api: &Api, crate_path: &str) -> Option<TokenStream> {
    let tests: Vec<TokenStream> = api.operations.iter().flat_map(operation_tests).collect();
    if tests.is_empty() {
        return None;
    }
    let crate_ident = ident(crate_path);
    // Only where some example does not read, so that the helper is never dead code.
    let any_unreadable = api.operations.iter().any(|operation| {
        operation
            .responses
            .iter()
            .any(|response| !response.example_unreadable.is_empty())
    });
    let does_not_read = any_unreadable.then(|| {
        quote! {
            /// `json` does not read as `T`: the documentation departs from the spec there.
            fn does_not_read<T: serde::de::DeserializeOwned + std::fmt::Debug>(what: &str, json: &str) {
                let read = serde_json::from_str::<T>(json);
                assert!(read.is_err(), "{what} reads, though the spec and the example differ: {read:?}");
            }
        }
    });
    let any_newer = api.operations.iter().any(|operation| {
        operation
            .responses
            .iter()
            .any(|response| response.newer_result.is_some())
    });
    let from_a_newer_server = any_newer.then(|| {
        quote! {
            /// `json` as a newer server could send it (`value` as a member added at each of
            /// `added` and in place of each of the enum values at `newer`) reads as `T` and
            /// writes back the same, the newer enum values kept, but for the members `T` does
            /// not describe; an added member may be kept too (by a union's catch-all, which
            /// keeps what it reads as received).
            fn reads_from_a_newer_server<T: serde::Serialize + serde::de::DeserializeOwned>(
                what: &str,
                json: &str,
                unknown: &[&str],
                added: &[&str],
                newer: &[&str],
                value: &str,
            ) {
                let mut sent: Value = serde_json::from_str(json).expect("the example is JSON");
                for pointer in newer {
                    *sent
                        .pointer_mut(pointer)
                        .unwrap_or_else(|| panic!("{what} has no value at {pointer}")) = value.into();
                }
                for pointer in added {
                    let (object, member) = member_at(&mut sent, pointer, what);
                    object.insert(member, value.into());
                }
                let what = format!("{what}, from a newer server");
                writes_back::<T>(&what, sent, &[unknown, added].concat(), added);
            }
        }
    });
    let docs = inner_doc_attrs(
        "Every documented example reads into its type and writes back to the same JSON value, \
         as Mews reads JSON: a member sent as `null` is one left out, numbers are equal by \
         value, date-times by the instant they name, a date is the midnight (UTC) it starts at \
         and identifiers are equal whatever their case. Requests are read as the example \
         program sends them; the members of a result that its type does not describe are left \
         out, as those a newer server adds. Each result also reads as a newer server could send \
         it, with a member this version does not know in every object and a value it does not \
         know in place of every enum value.",
    );
    let allow_unused =
        allow_without_all(api, quote!(unused_imports, dead_code)).map(|allow| quote!(#![#allow]));
    Some(quote! {
        #docs
        #![cfg_attr(rustfmt, rustfmt::skip)]
        #![allow(deprecated)]
        #allow_unused

        use #crate_ident::*;
        use serde_json::Value;

        /// `json` reads as `T` and writes back to the same value, but for the `unknown` members
        /// (JSON pointers), which `T` does not describe.
        fn round_trips<T: serde::Serialize + serde::de::DeserializeOwned>(
            what: &str,
            json: &str,
            unknown: &[&str],
        ) {
            let documented = serde_json::from_str(json).expect("the example is JSON");
            writes_back::<T>(what, documented, unknown, &[]);
        }

        /// `documented` reads as `T` and writes back to the same value, but for the `unknown`
        /// members, which reading leaves out (those also in `maybe_kept` it may keep).
        fn writes_back<T: serde::Serialize + serde::de::DeserializeOwned>(
            what: &str,
            mut documented: Value,
            unknown: &[&str],
            maybe_kept: &[&str],
        ) {
            let value: T = serde_json::from_value(documented.clone())
                .unwrap_or_else(|err| panic!("{what} does not read: {err}"));
            let mut written = serde_json::to_value(&value).expect("the value writes");
            for pointer in unknown {
                let (object, member) = member_at(&mut documented, pointer, what);
                object
                    .remove(&member)
                    .unwrap_or_else(|| panic!("{what} has no member {pointer}"));
            }
            for pointer in maybe_kept {
                let (parent, member) = pointer.rsplit_once('/').expect("a member's pointer");
                if let Some(object) = written.pointer_mut(parent).and_then(Value::as_object_mut) {
                    object.remove(&member.replace("~1", "/").replace("~0", "~"));
                }
            }
            if let Some(difference) = difference(&documented, &written, "") {
                panic!("{what} does not write back: {difference}");
            }
        }

        /// The object of the member `pointer` names, and the member's name.
        fn member_at<'a>(
            json: &'a mut Value,
            pointer: &str,
            what: &str,
        ) -> (&'a mut serde_json::Map<String, Value>, String) {
            let (parent, member) = pointer.rsplit_once('/').expect("a member's pointer");
            let object = json
                .pointer_mut(parent)
                .and_then(Value::as_object_mut)
                .unwrap_or_else(|| panic!("{what} has no object at {parent}"));
            (object, member.replace("~1", "/").replace("~0", "~"))
        }

        #from_a_newer_server

        /// Where `written` means something else than `documented`, if anywhere.
        fn difference(documented: &Value, written: &Value, at: &str) -> Option<String> {
            match (documented, written) {
                (Value::Object(documented), Value::Object(written)) => documented
                    .keys()
                    .chain(written.keys())
                    .find_map(|key| {
                        let member = |object: &serde_json::Map<String, Value>| {
                            object.get(key).cloned().unwrap_or(Value::Null)
                        };
                        difference(&member(documented), &member(written), &format!("{at}/{key}"))
                    }),
                (Value::Array(documented), Value::Array(written))
                    if documented.len() == written.len() =>
                {
                    documented
                        .iter()
                        .zip(written)
                        .enumerate()
                        .find_map(|(index, (documented, written))| {
                            difference(documented, written, &format!("{at}/{index}"))
                        })
                }
                (Value::Number(documented), Value::Number(written))
                    if documented.as_f64() == written.as_f64() => None,
                (Value::String(documented), Value::String(written))
                    if same_instant(documented, written) || same_id(documented, written) => None,
                _ if documented == written => None,
                _ => Some(format!("at `{at}` the example has {documented}, the type writes {written}")),
            }
        }

        /// Whether both texts name the same instant: date-times, or a date and its midnight (UTC).
        fn same_instant(documented: &str, written: &str) -> bool {
            let instant = |text: &str| {
                chrono::DateTime::parse_from_rfc3339(text)
                    .map(|instant| instant.to_utc())
                    .ok()
                    .or_else(|| {
                        let date = chrono::NaiveDate::parse_from_str(text, "%Y-%m-%d").ok()?;
                        Some(date.and_time(chrono::NaiveTime::MIN).and_utc())
                    })
            };
            matches!((instant(documented), instant(written)), (Some(a), Some(b)) if a == b)
        }

        #does_not_read

        /// Whether both texts are the same identifier, whatever the case of their digits.
        fn same_id(documented: &str, written: &str) -> bool {
            matches!(
                (uuid::Uuid::parse_str(documented), uuid::Uuid::parse_str(written)),
                (Ok(a), Ok(b)) if a == b
            )
        }

        #(#tests)*
    })
}

/// The tests of one operation's request and result examples.
fn operation_tests(operation: &Operation) -> Vec<TokenStream> {
    let request = operation
        .request
        .as_ref()
        .zip(operation.sent_example.as_ref().map(|sent| &sent.body));
    let result_response = operation
        .responses
        .iter()
        .find(|response| response.is_success() && response.body.is_some());
    let result = operation
        .result
        .as_ref()
        .zip(result_response.and_then(|response| response.example.as_ref()));
    let no_members: &[String] = &[];
    let (unknown, unreadable) = result_response.map_or((no_members, no_members), |response| {
        (
            &response.example_unknown_members,
            &response.example_unreadable,
        )
    });
    let newer = result_response.and_then(|response| response.newer_result.as_ref());
    [
        ("request", request, no_members, no_members, None),
        ("result", result, unknown, unreadable, newer),
    ]
    .into_iter()
    .filter_map(|(kind, example, unknown, unreadable, newer)| {
        let (ty, json) = example?;
        test(operation, kind, ty, json, unknown, unreadable, newer)
    })
    .collect()
}

fn test(
    operation: &Operation,
    kind: &str,
    ty: &TypeRef,
    json: &serde_json::Value,
    unknown: &[String],
    unreadable: &[String],
    newer: Option<&NewerResult>,
) -> Option<TokenStream> {
    let name = format_ident!("{}_{kind}", operation.name);
    let ty = rust_type(ty);
    let json = json_literal(json)?;
    let what = format!("the documented {kind} of `{}`", operation.example_path);
    let gate = gate(operation.feature.as_deref());
    if !unreadable.is_empty() {
        let docs = doc_attrs(&format!(
            "The documented {kind} departs from the spec where no rule follows it:\n\n{}",
            unreadable
                .iter()
                .map(|reason| format!("- {reason}"))
                .collect::<Vec<_>>()
                .join("\n")
        ));
        return Some(quote! {
            #gate
            #docs
            #[test]
            fn #name() {
                does_not_read::<#ty>(#what, #json);
            }
        });
    }
    let from_a_newer_server = newer.map(|newer| {
        let (added, values, value) = (&newer.added_members, &newer.newer_values, &newer.value);
        quote! {
            reads_from_a_newer_server::<#ty>(
                #what,
                json,
                &[#(#unknown),*],
                &[#(#added),*],
                &[#(#values),*],
                #value,
            );
        }
    });
    Some(quote! {
        #gate
        #[test]
        fn #name() {
            let json = #json;
            round_trips::<#ty>(#what, json, &[#(#unknown),*]);
            #from_a_newer_server
        }
    })
}
