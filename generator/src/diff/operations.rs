//! Changes of the operations: the client's methods, their parameters, bodies and results.

use crate::ir::{Api, BodyEncoding, Operation, Parameter, ParameterLocation, TypeRef};

use super::pairs::{pair_by, reordered};
use super::{Change, Recorder, Subject, REORDERED};

/// Why a status an operation documents is documentation: the variants of `Error` are those of
/// all operations together, and their changes are listed under the client.
const ERROR_VARIANTS: &str =
    "`Error` has a variant per status that any operation documents; changes to it are listed under the client";

pub(super) fn compare(old: &Api, new: &Api, changes: &mut Vec<Change>) {
    let mut pairs = pair_by(&old.operations, &new.operations, |operation| {
        operation.name.as_str()
    });
    let renamed = pairs.rematch(|operation| (operation.method.as_str(), operation.path.as_str()));
    let was_split = !old.features.is_empty();
    for (old_operation, new_operation) in pairs.both {
        let mut recorder = Recorder::new(Subject::Operation(new_operation.name.clone()), changes);
        operation(old_operation, new_operation, was_split, &mut recorder);
    }
    for (old_operation, new_operation) in renamed {
        let mut recorder = Recorder::new(Subject::Operation(new_operation.name.clone()), changes);
        recorder.breaking(
            format!(
                "method `Client::{}` ({}) renamed to `Client::{}`",
                old_operation.name,
                endpoint(new_operation),
                new_operation.name
            ),
            "code that calls the old name no longer compiles",
        );
        operation(old_operation, new_operation, was_split, &mut recorder);
    }
    for added in pairs.added {
        Recorder::new(Subject::Operation(added.name.clone()), changes).compatible(
            format!("new method `Client::{}` ({})", added.name, endpoint(added)),
            "a new method; nothing that exists changes",
        );
    }
    for removed in pairs.removed {
        Recorder::new(Subject::Operation(removed.name.clone()), changes).breaking(
            format!(
                "method `Client::{}` ({}) removed",
                removed.name,
                endpoint(removed)
            ),
            "code that calls it no longer compiles",
        );
    }
}

/// `` `POST /customers/add` ``.
fn endpoint(operation: &Operation) -> String {
    format!("`{} {}`", operation.method, operation.path)
}

fn operation(old: &Operation, new: &Operation, was_split: bool, recorder: &mut Recorder) {
    let method = format!("`Client::{}`", new.name);
    super::features::moved(
        &method,
        old.feature.as_deref(),
        new.feature.as_deref(),
        was_split,
        recorder,
    );
    if (&old.method, &old.path) != (&new.method, &new.path) {
        recorder.behaviour(
            format!("{method} sends {} (was {})", endpoint(new), endpoint(old)),
            "the same call goes to another endpoint",
        );
    }
    if old.idempotent != new.idempotent {
        if new.idempotent {
            recorder.behaviour(
                format!("{method} is now idempotent"),
                "the default retry policy now retries it after timeouts and server errors",
            );
        } else {
            recorder.behaviour(
                format!("{method} is no longer idempotent"),
                "the default retry policy now retries it only after `429 Too Many Requests`",
            );
        }
    }
    if old.request != new.request {
        recorder.breaking(
            format!(
                "{method} takes {} (was {})",
                body(new.request.as_ref()),
                body(old.request.as_ref())
            ),
            "code that calls it with the old body no longer compiles",
        );
    } else if old.request.is_some() && old.request_optional != new.request_optional {
        recorder.breaking(
            format!(
                "{method} takes its request body {}",
                if new.request_optional {
                    "as an `Option` (the body became optional)"
                } else {
                    "without an `Option` (the body became required)"
                }
            ),
            "code that passes the body the old way no longer compiles",
        );
    } else if old.request_encoding != new.request_encoding
        && old.request_media_type == new.request_media_type
    {
        recorder.behaviour(
            format!(
                "{method} writes its {} body differently ({})",
                new.request_media_type.as_deref().unwrap_or("request"),
                encoding(&new.request_encoding)
            ),
            "the same request goes on the wire in another form (the spec's `encoding` changed)",
        );
    } else if old.request_media_type != new.request_media_type {
        recorder.behaviour(
            format!(
                "{method} sends its body as `{}` (was `{}`)",
                new.request_media_type.as_deref().unwrap_or("nothing"),
                old.request_media_type.as_deref().unwrap_or("nothing")
            ),
            "the same body goes with another content type",
        );
    }
    let streams_only = |operation: &Operation| {
        operation
            .events
            .as_ref()
            .is_some_and(|events| !events.separate)
    };
    if old.events != new.events {
        events(old, new, &method, recorder);
    }
    if old.result != new.result && !streams_only(old) && !streams_only(new) {
        let result =
            |ty: Option<&TypeRef>| ty.map_or_else(|| "`()`".to_owned(), |ty| format!("`{ty}`"));
        recorder.breaking(
            format!(
                "{method} returns {} (was {})",
                result(new.result.as_ref()),
                result(old.result.as_ref())
            ),
            "code that uses the result no longer compiles",
        );
    }
    parameters(old, new, &method, recorder);
    deprecation(old, new, &method, recorder);
    if old.restricted != new.restricted {
        let now = if new.restricted {
            "is now a restricted beta"
        } else {
            "is no longer a restricted beta"
        };
        recorder.documentation(
            format!("{method} {now}"),
            "the API's terms of it, not its code",
        );
    }
    pagination(old, new, &method, recorder);
    let statuses = |operation: &Operation| -> Vec<u16> {
        operation
            .error_responses()
            .map(|response| response.status)
            .collect()
    };
    let (old_statuses, new_statuses) = (statuses(old), statuses(new));
    let documented = [
        (&new_statuses, &old_statuses, "documents"),
        (&old_statuses, &new_statuses, "no longer documents"),
    ];
    for (statuses, others, verb) in documented {
        for status in statuses.iter().filter(|status| !others.contains(status)) {
            recorder.documentation(format!("{method} {verb} status {status}"), ERROR_VARIANTS);
        }
    }
    recorder.text(&old.summary, &new.summary, format!("summary of {method}"));
    recorder.text(&old.docs, &new.docs, format!("description of {method}"));
    recorder.text(
        &old.request_example,
        &new.request_example,
        format!("request example of {method}"),
    );
}

/// A deprecated method warns where it is called; the build goes on.
fn deprecation(old: &Operation, new: &Operation, method: &str, recorder: &mut Recorder) {
    match (&old.deprecated, &new.deprecated) {
        (None, Some(note)) => recorder.compatible(
            format!("{method} is deprecated: {note}"),
            "calls to it now warn, and still compile",
        ),
        (Some(_), None) => recorder.compatible(
            format!("{method} is no longer deprecated"),
            "calls to it no longer warn",
        ),
        (Some(was), Some(note)) if was != note => {
            recorder.documentation(format!("deprecation note of {method}"), "the note only")
        }
        _ => {}
    }
}

/// The `_pages` and `_items` streams of a paginated operation.
fn pagination(old: &Operation, new: &Operation, method: &str, recorder: &mut Recorder) {
    match (&old.pagination, &new.pagination) {
        (None, Some(walk)) => recorder.compatible(
            format!(
                "{method} is paginated: new methods `Client::{}` and `Client::{}`",
                walk.pages_method, walk.items_method
            ),
            "new methods; nothing that exists changes",
        ),
        (Some(walk), None) => recorder.breaking(
            format!(
                "{method} is no longer paginated: `Client::{}` and `Client::{}` removed",
                walk.pages_method, walk.items_method
            ),
            "code that walks its pages no longer compiles",
        ),
        (Some(was), Some(walk)) => {
            if (&was.pages_method, &was.items_method) != (&walk.pages_method, &walk.items_method)
                || was.item_type != walk.item_type
            {
                recorder.breaking(
                    format!(
                        "the streams of {method} are `Client::{}` and `Client::{}` of `{}` (were `Client::{}` and `Client::{}` of `{}`)",
                        walk.pages_method, walk.items_method, walk.item_type,
                        was.pages_method, was.items_method, was.item_type
                    ),
                    "code that walks its pages no longer compiles",
                );
            }
            if was.default_page_size != walk.default_page_size {
                recorder.behaviour(
                    format!(
                        "walks of {method} ask for {} items a page by default (was {})",
                        walk.default_page_size, was.default_page_size
                    ),
                    "a walk without a page size of its own sends another count",
                );
            }
        }
        (None, None) => {}
    }
}

/// Streams of server-sent events: a second method beside the result is compatible; a method
/// that returns a stream instead of a result, or events of another type, are breaking.
fn events(old: &Operation, new: &Operation, method: &str, recorder: &mut Recorder) {
    match (&old.events, &new.events) {
        (None, Some(events)) if events.separate => recorder.compatible(
            format!(
                "new method `Client::{}`: {method} as a stream of server-sent events of `{}`",
                events.method, events.data
            ),
            "a new method; nothing that exists changes",
        ),
        (None, Some(events)) => recorder.breaking(
            format!(
                "{method} returns a stream of server-sent events of `{}`",
                events.data
            ),
            "code that uses the old result no longer compiles",
        ),
        (Some(events), None) => recorder.breaking(
            format!(
                "{} no longer returns a stream of server-sent events",
                if events.separate {
                    format!("method `Client::{}` removed:", events.method)
                } else {
                    method.to_owned()
                }
            ),
            "code that reads the events no longer compiles",
        ),
        (Some(old_events), Some(new_events)) => recorder.breaking(
            format!(
                "`Client::{}` streams events of `{}` (was `Client::{}` with `{}`)",
                new_events.method, new_events.data, old_events.method, old_events.data
            ),
            "code that reads the events no longer compiles",
        ),
        (None, None) => {}
    }
}

/// How the fields of a form or multipart body are written, for the report.
fn encoding(encoding: &BodyEncoding) -> String {
    let fields = match encoding {
        BodyEncoding::Json => return "as JSON".to_owned(),
        BodyEncoding::Raw => return "as the bytes given".to_owned(),
        BodyEncoding::Form { fields } => fields
            .iter()
            .map(|field| format!("`{}` {:?}", field.wire_name, field.style))
            .collect::<Vec<_>>(),
        BodyEncoding::Multipart { fields } => fields
            .iter()
            .map(|field| {
                let content_type = field.content_type.as_deref().unwrap_or("default");
                format!("`{}` {:?} ({content_type})", field.wire_name, field.part)
            })
            .collect(),
    };
    if fields.is_empty() {
        "every field in the default style".to_owned()
    } else {
        fields.join(", ")
    }
}

/// `` a request body `CustomerAddParameters` ``, or `no request body`.
fn body(request: Option<&TypeRef>) -> String {
    request.map_or_else(
        || "no request body".to_owned(),
        |ty| format!("a request body `{ty}`"),
    )
}

/// Required parameters are arguments of the method, in order; optional ones are fields of the
/// `#[non_exhaustive]` `<Operation>Params` struct with `Default`, which the method takes only
/// when there is at least one.
fn parameters<'a>(old: &'a Operation, new: &'a Operation, method: &str, recorder: &mut Recorder) {
    // Neither has one only when neither has an optional parameter to speak of.
    let params_name = new
        .params_struct
        .as_deref()
        .or(old.params_struct.as_deref())
        .unwrap_or("the struct of the optional parameters");
    let params_struct = format!("`{params_name}`");
    let had_optional = old.parameters.iter().any(|parameter| !parameter.required);
    let pairs = pair_by(&old.parameters, &new.parameters, |parameter| {
        (location(parameter.location), parameter.wire_name.as_str())
    });
    for (old_parameter, new_parameter) in &pairs.both {
        let item = parameter_item(new_parameter);
        if old_parameter.required != new_parameter.required {
            let (now, was) = if new_parameter.required {
                (
                    format!("an argument of {method}"),
                    format!("a field of {params_struct}"),
                )
            } else {
                (
                    format!("a field of {params_struct}"),
                    format!("an argument of {method}"),
                )
            };
            recorder.breaking(
                format!(
                    "{item} is now {}",
                    if new_parameter.required {
                        "required"
                    } else {
                        "optional"
                    }
                ),
                format!("it is {now} instead of {was}: calls that pass it no longer compile"),
            );
        } else if old_parameter.ty != new_parameter.ty {
            recorder.breaking(
                format!(
                    "{item} changed type from `{}` to `{}`",
                    old_parameter.ty, new_parameter.ty
                ),
                "calls that pass it no longer compile",
            );
        }
        if old_parameter.style != new_parameter.style {
            recorder.behaviour(
                format!(
                    "{item} is written in the style {:?} (was {:?})",
                    new_parameter.style, old_parameter.style
                ),
                "the same value goes on the wire in another form",
            );
        }
        if old_parameter.rust_name != new_parameter.rust_name {
            if new_parameter.required || old_parameter.required {
                recorder.documentation(
                    format!("{item} renamed from `{}`", old_parameter.rust_name),
                    "arguments are positional: calls do not name them",
                );
            } else {
                recorder.breaking(
                    format!("{item} renamed from `{}`", old_parameter.rust_name),
                    format!("code that sets the old field of {params_struct} no longer compiles"),
                );
            }
        }
        recorder.text(
            &old_parameter.docs,
            &new_parameter.docs,
            format!("description of {item}"),
        );
    }
    for added in &pairs.added {
        let item = parameter_item(added);
        if added.required {
            recorder.breaking(
                format!("new required {item}: `{}`", added.ty),
                format!("{method} takes a new argument"),
            );
        } else if !had_optional {
            recorder.breaking(
                format!("new optional {item}: `Option<{}>`", added.ty),
                format!("{method} takes a new argument `params: &{params_name}`, since it had no optional parameter"),
            );
        } else {
            recorder.compatible(
                format!("new optional {item}: `Option<{}>`", added.ty),
                format!(
                    "{params_struct} is `#[non_exhaustive]` with `Default`: it gets a new field"
                ),
            );
        }
    }
    for removed in &pairs.removed {
        recorder.breaking(
            format!("{} removed", parameter_item(removed)),
            if removed.required {
                format!("{method} takes one argument less")
            } else {
                format!("code that sets it in {params_struct} no longer compiles")
            },
        );
    }
    let required = |operation: &'a Operation| {
        operation
            .parameters
            .iter()
            .filter(|parameter| parameter.required)
    };
    if let Some(order) = reordered(required(old), required(new), |parameter| {
        format!("`{}`", parameter.rust_name)
    }) {
        recorder.breaking(
            format!(
                "{method} takes its arguments in a new order: {}",
                order.join(", ")
            ),
            REORDERED,
        );
    }
}

/// `` parameter `page_size` (query `pageSize`) ``.
fn parameter_item(parameter: &Parameter) -> String {
    format!(
        "parameter `{}` ({} `{}`)",
        parameter.rust_name,
        location(parameter.location),
        parameter.wire_name
    )
}

fn location(location: ParameterLocation) -> &'static str {
    match location {
        ParameterLocation::Path => "path",
        ParameterLocation::Query => "query",
        ParameterLocation::Header => "header",
        ParameterLocation::Cookie => "cookie",
    }
}
