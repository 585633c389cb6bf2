//! Changes of the client as a whole: the fields configured on its builder, its servers, the
//! variants of its `Error` enum, and the crate's documentation.

use crate::ir::Api;

use super::pairs::{pair_by, reordered};
use super::{Change, Recorder, Subject, REORDERED};

pub(super) fn compare(old: &Api, new: &Api, changes: &mut Vec<Change>) {
    let mut recorder = Recorder::new(Subject::Client, changes);
    recorder.text(&old.title, &new.title, "title of the crate");
    recorder.text(
        &old.description,
        &new.description,
        "description of the crate",
    );
    common_fields(old, new, &mut recorder);
    servers(old, new, &mut recorder);
    error_variants(old, new, &mut recorder);
    super::features::compare(old, new, &mut recorder);
}

/// Required common fields are arguments of `Client::builder`, in order; optional ones are
/// setters of `ClientBuilder`.
fn common_fields(old: &Api, new: &Api, recorder: &mut Recorder) {
    let pairs = pair_by(&old.common_fields, &new.common_fields, |field| {
        field.wire_name.as_str()
    });
    let item =
        |rust_name: &str, wire_name: &str| format!("client setting `{rust_name}` (`{wire_name}`)");
    for (old_field, new_field) in &pairs.both {
        let item = item(&new_field.rust_name, &new_field.wire_name);
        if old_field.required != new_field.required {
            recorder.breaking(
                format!(
                    "{item} is now {}",
                    if new_field.required {
                        "required"
                    } else {
                        "optional"
                    }
                ),
                if new_field.required {
                    "it is an argument of `Client::builder` instead of a setter of `ClientBuilder`"
                } else {
                    "it is a setter of `ClientBuilder` instead of an argument of `Client::builder`"
                },
            );
        } else if old_field.ty != new_field.ty {
            recorder.breaking(
                format!(
                    "{item} changed type from `{}` to `{}`",
                    old_field.ty, new_field.ty
                ),
                "code that sets it no longer compiles",
            );
        }
        if old_field.rust_name != new_field.rust_name {
            let renamed = format!("{item} renamed from `{}`", old_field.rust_name);
            if new_field.required && old_field.required {
                recorder.documentation(renamed, "arguments are positional: calls do not name them");
            } else {
                recorder.breaking(renamed, "code that calls the old setter no longer compiles");
            }
        }
        if old_field.secret != new_field.secret {
            recorder.behaviour(
                format!(
                    "{item} is {}",
                    if new_field.secret {
                        "now a secret"
                    } else {
                        "no longer a secret"
                    }
                ),
                if new_field.secret {
                    "it is hidden from `Debug` output, traces and errors"
                } else {
                    "it shows in `Debug` output, traces and errors"
                },
            );
        }
        recorder.text(
            &old_field.docs,
            &new_field.docs,
            format!("description of {item}"),
        );
    }
    for added in &pairs.added {
        let item = item(&added.rust_name, &added.wire_name);
        if added.required {
            recorder.breaking(
                format!("new required {item}: `{}`", added.ty),
                "`Client::builder` takes it as a new argument",
            );
        } else {
            recorder.compatible(
                format!("new optional {item}: `{}`", added.ty),
                "`ClientBuilder` gets a setter; `Client::builder` is unchanged",
            );
        }
    }
    for removed in &pairs.removed {
        recorder.breaking(
            format!("{} removed", item(&removed.rust_name, &removed.wire_name)),
            if removed.required {
                "`Client::builder` takes one argument less"
            } else {
                "code that calls its setter on `ClientBuilder` no longer compiles"
            },
        );
    }
    let required = |api: &'_ Api| {
        api.common_fields
            .iter()
            .filter(|field| field.required)
            .map(|field| format!("`{}`", field.rust_name))
            .collect::<Vec<_>>()
    };
    if let Some(order) = reordered(&required(old), &required(new), String::clone) {
        recorder.breaking(
            format!(
                "`Client::builder` takes its arguments in a new order: {}",
                order.join(", ")
            ),
            REORDERED,
        );
    }
}

/// Each server is a constant of the `client` module.
fn servers(old: &Api, new: &Api, recorder: &mut Recorder) {
    let pairs = pair_by(&old.servers, &new.servers, |server| server.name.as_str());
    for (old_server, new_server) in &pairs.both {
        let item = format!("server `client::{}`", new_server.name);
        if old_server.url != new_server.url {
            recorder.behaviour(
                format!("{item} is `{}` (was `{}`)", new_server.url, old_server.url),
                "clients built with it talk to another address",
            );
        }
        recorder.text(
            &old_server.description,
            &new_server.description,
            format!("description of {item}"),
        );
    }
    for added in &pairs.added {
        recorder.compatible(
            format!("new server `client::{}` (`{}`)", added.name, added.url),
            "a new constant; nothing that exists changes",
        );
    }
    for removed in &pairs.removed {
        recorder.breaking(
            format!(
                "server `client::{}` (`{}`) removed",
                removed.name, removed.url
            ),
            "code that uses the constant no longer compiles",
        );
    }
}

/// `Error` has one variant per error status that any operation documents, and a few that
/// depend on what the operations do.
fn error_variants(old: &Api, new: &Api, recorder: &mut Recorder) {
    let documented_by = |status: u16| -> String {
        new.operations
            .iter()
            .filter(|operation| operation.error_responses().any(|r| r.status == status))
            .map(|operation| format!("`Client::{}`", operation.name))
            .collect::<Vec<_>>()
            .join(", ")
    };
    for variant in &new.errors.statuses {
        let name = &variant.variant;
        let status = variant.status;
        match old.errors.statuses.iter().find(|old| old.status == status) {
            None => recorder.compatible(
                format!(
                    "new variant `Error::{name}` for status {status}, documented by {}",
                    documented_by(status)
                ),
                format!("`Error` is `#[non_exhaustive]`; a {status} response used to be `Error::UnexpectedStatus`"),
            ),
            Some(old_variant) if old_variant.body != variant.body => recorder.breaking(
                format!(
                    "`Error::{name}` (status {status}) carries `{}` (was `{}`)",
                    variant.body, old_variant.body
                ),
                "code that reads its body no longer compiles",
            ),
            Some(old_variant) if old_variant.retry_after != variant.retry_after => recorder
                .breaking(
                    format!(
                        "`Error::{name}` (status {status}) {} a `retry_after`",
                        if variant.retry_after { "now has" } else { "no longer has" }
                    ),
                    "the variant changes shape, so patterns that match it no longer compile",
                ),
            Some(_) => {}
        }
    }
    for variant in old.errors.statuses.iter().filter(|old| {
        !new.errors
            .statuses
            .iter()
            .any(|new| new.status == old.status)
    }) {
        recorder.breaking(
            format!(
                "variant `Error::{}` (status {}) removed: no operation documents it",
                variant.variant, variant.status
            ),
            format!(
                "code that matches it no longer compiles; a {} response is now `Error::UnexpectedStatus`",
                variant.status
            ),
        );
    }
}
