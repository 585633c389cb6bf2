//! The client's error type: which statuses get a variant, and what each carries.

use std::collections::BTreeMap;

use crate::ir::{
    ErrorBodyType, Errors, FieldShape, MessageField, Operation, StatusError, TypeDef, TypeKind,
    TypeRef,
};

/// One variant per error status that some operation documents, and per status any HTTP server
/// may answer; operations that disagree on a status's body share it as any JSON, and a status
/// documented without a body has the body of the other errors.
pub(super) fn errors(operations: &[Operation], types: &[TypeDef]) -> Errors {
    let bodies: Vec<&TypeRef> = operations
        .iter()
        .flat_map(|operation| {
            operation
                .error_responses()
                .chain(&operation.fallback_responses)
        })
        .filter_map(|response| response.body.as_ref())
        .collect();
    // The body of the errors no status of which documents its own.
    let fallback_body = match bodies.split_first() {
        Some((first, rest)) if rest.iter().all(|body| body == first) => (*first).clone(),
        _ => TypeRef::Json,
    };
    let mut statuses: BTreeMap<u16, StatusError> = BTreeMap::new();
    for operation in operations {
        for response in operation.error_responses() {
            let body = response
                .body
                .clone()
                .unwrap_or_else(|| fallback_body.clone());
            let variant = statuses
                .entry(response.status)
                .or_insert_with(|| StatusError {
                    status: response.status,
                    variant: status_variant_name(response.status),
                    docs: response.docs.clone(),
                    body: body.clone(),
                    retry_after: false,
                });
            if variant.body != body {
                variant.body = TypeRef::Json;
            }
            variant.retry_after |= response
                .headers
                .iter()
                .any(|header| header.eq_ignore_ascii_case("Retry-After"));
        }
    }
    // Any HTTP API can answer these, documented or not; they are typed alike, with the body
    // every other error has, so that the client does not depend on how much a spec documents.
    for &(status, meaning) in WELL_KNOWN_STATUSES {
        statuses.entry(status).or_insert_with(|| StatusError {
            status,
            variant: status_variant_name(status),
            docs: Some(format!(
                "{meaning} (not documented by the API, but any HTTP server may answer it)."
            )),
            body: fallback_body.clone(),
            retry_after: false,
        });
    }
    // HTTP defines `Retry-After` for a `429`, documented or not.
    if let Some(too_many) = statuses.get_mut(&429) {
        too_many.retry_after = true;
    }
    let statuses: Vec<StatusError> = statuses.into_values().collect();
    let bodies = error_body_types(
        statuses
            .iter()
            .map(|status| &status.body)
            .chain([&fallback_body]),
        types,
    );
    Errors {
        statuses,
        fallback_body,
        bodies,
    }
}

/// The named types among error bodies, each with its message field: a string field called
/// `message`. An alias stands for the type it names; strings, bytes and JSON values need
/// nothing (the transport knows them).
fn error_body_types<'a>(
    bodies: impl Iterator<Item = &'a TypeRef>,
    types: &[TypeDef],
) -> Vec<ErrorBodyType> {
    let find = |name: &str| types.iter().find(|def| def.name == name);
    let mut names: Vec<&str> = bodies
        .filter_map(|body| match body {
            TypeRef::Named(name) => Some(name.as_str()),
            _ => None,
        })
        .filter_map(|mut name| loop {
            match &find(name)?.kind {
                TypeKind::Alias(TypeRef::Named(target)) => name = target.as_str(),
                TypeKind::Alias(_) => return None,
                _ => return Some(name),
            }
        })
        .collect();
    names.sort_unstable();
    names.dedup();
    names
        .into_iter()
        .filter_map(|name| {
            let message = match &find(name)?.kind {
                TypeKind::Struct(structure) => structure
                    .fields
                    .iter()
                    .find(|field| field.rust_name == "message" && field.ty == TypeRef::String)
                    .map(|field| MessageField {
                        rust_name: field.rust_name.clone(),
                        optional: field.shape() != FieldShape::Plain,
                    }),
                _ => None,
            };
            Some(ErrorBodyType {
                name: name.to_owned(),
                message,
            })
        })
        .collect()
}

/// The error statuses any HTTP server may answer, whatever the spec documents, with what they
/// mean.
const WELL_KNOWN_STATUSES: &[(u16, &str)] = &[
    (400, "The request is malformed or invalid"),
    (401, "The request is not authorized"),
    (403, "The request is refused"),
    (404, "Nothing is found at the address"),
    (408, "The request took too long"),
    (409, "The request conflicts with the current state"),
    (413, "The request is too large"),
    (429, "Too many requests were sent in a given time"),
    (500, "The server failed"),
    (502, "A gateway or proxy got an invalid response"),
    (503, "The service is unavailable"),
    (504, "A gateway or proxy got no response in time"),
];

/// A readable variant name for a status code.
fn status_variant_name(status: u16) -> String {
    let name = match status {
        400 => "BadRequest",
        401 => "Unauthorized",
        402 => "PaymentRequired",
        403 => "Forbidden",
        404 => "NotFound",
        405 => "MethodNotAllowed",
        406 => "NotAcceptable",
        408 => "RequestTimeout",
        409 => "Conflict",
        410 => "Gone",
        412 => "PreconditionFailed",
        413 => "PayloadTooLarge",
        415 => "UnsupportedMediaType",
        422 => "UnprocessableEntity",
        423 => "Locked",
        429 => "TooManyRequests",
        500 => "InternalServerError",
        501 => "NotImplemented",
        502 => "BadGateway",
        503 => "ServiceUnavailable",
        504 => "GatewayTimeout",
        _ => return format!("Status{status}"),
    };
    name.to_owned()
}
