//! The client's error type: which statuses get a variant, and what each carries.

use std::collections::BTreeMap;

use crate::ir::{
    ErrorBodyType, Errors, FieldShape, MessageField, Operation, StatusError, TypeDef, TypeKind,
    TypeRef,
};

/// One variant per error status that some operation documents; operations that disagree on a
/// status's body share it as any JSON.
pub(super) fn errors(operations: &[Operation], types: &[TypeDef]) -> Errors {
    let mut statuses: BTreeMap<u16, StatusError> = BTreeMap::new();
    let mut bodies: Vec<&TypeRef> = Vec::new();
    for operation in operations {
        for response in operation.responses.iter().filter(|r| !r.is_success()) {
            if let Some(body) = &response.body {
                bodies.push(body);
            }
            let body = response.body.clone().unwrap_or(TypeRef::Json);
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
        bodies.extend(
            operation
                .fallback_responses
                .iter()
                .filter_map(|r| r.body.as_ref()),
        );
    }
    let fallback_body = match bodies.split_first() {
        Some((first, rest)) if rest.iter().all(|body| body == first) => (*first).clone(),
        _ => TypeRef::Json,
    };
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
