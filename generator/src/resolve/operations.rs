//! Operations: parameters, request bodies and responses.

use std::collections::HashMap;

use indexmap::IndexMap;
use openapiv3::{AdditionalProperties, ReferenceOr, SchemaKind, StatusCode, Type};

use super::schemas::deprecation_message;
use super::{text, RequestBodyShape, Resolver, SCHEMA_REF_PREFIX};
use crate::error::{join_pointer, Error};
use crate::ir::{Operation, Parameter, ParameterLocation, Response, Style, TypeRef};
use crate::names::{self, Scope};

impl<'a> Resolver<'a> {
    /// The operations, each named in `methods`, the scope of the client's methods; the names
    /// of all operations are claimed before the methods generated beside them
    /// (`<name>_events`), so that an operation keeps its name whatever the others generate.
    pub(super) fn operations(&mut self, methods: &mut Scope) -> Result<Vec<Operation>, Error> {
        let mut names = self.operation_names(methods)?.into_iter();
        let mut operations = Vec::new();
        for (path, item) in &self.doc.paths.paths {
            let path_pointer = join_pointer("#/paths", path);
            let ReferenceOr::Item(item) = item else {
                unreachable!("operation_names rejects path item references");
            };
            for (method, operation) in item.iter() {
                let pointer = join_pointer(&path_pointer, method);
                let name = names.next().expect("one name per operation");
                let hint = names::type_name(names::unraw(&name));
                let parameters = self.parameters(
                    &item.parameters,
                    &operation.parameters,
                    &path_pointer,
                    &pointer,
                    &hint,
                )?;
                let path_segments = self.path_segments(path, &parameters, &pointer)?;
                let parameters: Vec<Parameter> = parameters
                    .into_iter()
                    .map(|(parameter, _)| parameter)
                    .collect();
                let body = match &operation.request_body {
                    None => RequestBodyShape::default(),
                    Some(body) => {
                        self.request_body(body, &join_pointer(&pointer, "requestBody"), &hint)?
                    }
                };
                let mut responses = Vec::new();
                let mut fallback_responses = Vec::new();
                let documented = operation
                    .responses
                    .responses
                    .iter()
                    .map(|(status, response)| (status.to_string(), Some(status), response));
                let default = operation
                    .responses
                    .default
                    .iter()
                    .map(|response| ("default".to_owned(), None, response));
                for (key, status, response) in documented.chain(default) {
                    let response_pointer = join_pointer(&join_pointer(&pointer, "responses"), &key);
                    match status {
                        Some(StatusCode::Code(code)) => responses.push(self.response(
                            *code,
                            response,
                            &response_pointer,
                            &format!("{hint}{code}"),
                        )?),
                        _ => fallback_responses.push(self.response(
                            0,
                            response,
                            &response_pointer,
                            &format!("{hint}{}", names::type_name(&key)),
                        )?),
                    }
                }
                let events = self.events(operation, &pointer, &hint)?;
                // Events that are the only success replace the result.
                let result = responses
                    .iter()
                    .find(|response| response.is_success() && response.body.is_some())
                    .and_then(|response| response.body.clone())
                    .filter(|_| events.as_ref().is_none_or(|events| events.separate));
                let no_content_statuses = responses
                    .iter()
                    .filter(|r| r.is_success() && r.body.is_none() && result.is_some())
                    .map(|response| response.status)
                    .collect();
                let params_struct = parameters
                    .iter()
                    .any(|parameter| !parameter.required)
                    .then(|| self.type_scope.claim(format!("{hint}Params")));
                operations.push(Operation {
                    name,
                    method: method.to_uppercase(),
                    path: path.clone(),
                    path_segments,
                    tags: operation.tags.clone(),
                    summary: text(&operation.summary),
                    docs: text(&operation.description),
                    parameters,
                    request: body.ty,
                    request_media_type: body.media_type,
                    request_encoding: body.encoding,
                    request_optional: body.optional,
                    request_union: None,
                    request_example: body.example,
                    sent_example: None,
                    responses,
                    result,
                    no_content_statuses,
                    params_struct,
                    example: None,
                    example_path: String::new(),
                    fallback_responses,
                    idempotent: self.is_idempotent(method, path, &operation.extensions),
                    deprecated: operation
                        .deprecated
                        .then(|| deprecation_message(&operation.extensions)),
                    restricted: operation
                        .extensions
                        .get("x-restricted")
                        .and_then(serde_json::Value::as_bool)
                        .unwrap_or(false),
                    pagination: None,
                    events,
                    feature: None,
                });
            }
        }
        for operation in &mut operations {
            if let Some(events) = &mut operation.events {
                events.method = if events.separate {
                    methods.claim(format!("{}_events", names::unraw(&operation.name)))
                } else {
                    operation.name.clone()
                };
            }
        }
        Ok(operations)
    }

    /// The method name of every operation, in spec order: its `operationId`, or its method and
    /// path, in snake case, claimed in `methods`. Two operations of the same name are an error.
    fn operation_names(&self, methods: &mut Scope) -> Result<Vec<String>, Error> {
        let mut first_of: HashMap<String, String> = HashMap::new();
        let mut names = Vec::new();
        for (path, item) in &self.doc.paths.paths {
            let path_pointer = join_pointer("#/paths", path);
            let ReferenceOr::Item(item) = item else {
                return Err(
                    self.unsupported(&path_pointer, "path item references are not supported")
                );
            };
            for (method, operation) in item.iter() {
                let pointer = join_pointer(&path_pointer, method);
                let name = match &operation.operation_id {
                    Some(id) => names::field_name(id),
                    None => names::field_name(&format!("{method} {path}")),
                };
                if let Some(first) = first_of.insert(name.clone(), pointer.clone()) {
                    return Err(self.error(&pointer, format!("operation name `{name}` is already used by {first}; give one of them another operationId")));
                }
                names.push(methods.claim(name));
            }
        }
        Ok(names)
    }

    /// Whether repeating the operation is harmless: `x-idempotent` when the spec says, else
    /// its HTTP method, or an action that only reads ([`super::Settings::read_only_actions`]).
    fn is_idempotent(
        &self,
        method: &str,
        path: &str,
        extensions: &IndexMap<String, serde_json::Value>,
    ) -> bool {
        if let Some(idempotent) = extensions
            .get("x-idempotent")
            .and_then(serde_json::Value::as_bool)
        {
            return idempotent;
        }
        let action = path
            .rsplit('/')
            .find(|segment| !segment.is_empty() && !is_version(segment))
            .unwrap_or_default();
        matches!(
            method,
            "get" | "head" | "options" | "put" | "delete" | "trace"
        ) || self
            .read_only_actions
            .iter()
            .any(|start| action.starts_with(start.as_str()))
    }

    fn response(
        &mut self,
        status: u16,
        response: &ReferenceOr<openapiv3::Response>,
        pointer: &str,
        hint: &str,
    ) -> Result<Response, Error> {
        let components = self.doc.components.as_ref().map(|c| &c.responses);
        let response = self.component(components, "responses", response, pointer)?;
        let body = self.body_type(
            &response.content,
            &join_pointer(pointer, "content"),
            &format!("{hint}Response"),
        )?;
        Ok(Response {
            status,
            docs: text(&Some(response.description.clone())),
            // `{}` by contract: nothing to return; and HTTP gives `204 No Content`, `205 Reset
            // Content` and `304 Not Modified` no body, whatever schema the spec documents.
            body: body.filter(|_| {
                !self.is_closed_empty_object(&response.content)
                    && !matches!(status, 204 | 205 | 304)
            }),
            headers: response.headers.keys().cloned().collect(),
            example: response
                .content
                .iter()
                .find(|(media_type, _)| is_json(media_type))
                .and_then(|(_, media)| media.example.clone()),
            example_unknown_members: Vec::new(),
            example_unreadable: Vec::new(),
            newer_result: None,
        })
    }

    /// An inline item, or the item a `#/components/<section>/<name>` reference points to.
    pub(super) fn component<'b, T>(
        &self,
        section: Option<&'b IndexMap<String, ReferenceOr<T>>>,
        section_name: &str,
        item: &'b ReferenceOr<T>,
        pointer: &str,
    ) -> Result<&'b T, Error> {
        let reference = match item {
            ReferenceOr::Item(item) => return Ok(item),
            ReferenceOr::Reference { reference } => reference,
        };
        let prefix = format!("#/components/{section_name}/");
        let Some(name) = reference.strip_prefix(&prefix) else {
            return Err(self.error(
                pointer,
                format!("reference `{reference}` is not to `{prefix}...`"),
            ));
        };
        match section.and_then(|section| section.get(name)) {
            Some(ReferenceOr::Item(item)) => Ok(item),
            Some(ReferenceOr::Reference { .. }) => Err(self.error(
                pointer,
                format!(
                    "reference `{reference}` points to another reference; refer to the item itself"
                ),
            )),
            None => Err(self.error(
                pointer,
                format!("reference `{reference}` points to nothing"),
            )),
        }
    }

    /// The type of a body: typed when it is JSON, raw bytes for any other media type.
    fn body_type(
        &mut self,
        content: &IndexMap<String, openapiv3::MediaType>,
        pointer: &str,
        hint: &str,
    ) -> Result<Option<TypeRef>, Error> {
        let Some((media_type, media)) = content.iter().find(|(media_type, _)| is_json(media_type))
        else {
            return Ok((!content.is_empty()).then_some(TypeRef::Bytes));
        };
        let media_pointer = join_pointer(pointer, media_type);
        match &media.schema {
            None => Ok(Some(TypeRef::Json)),
            Some(schema) => Ok(Some(
                self.schema_or_reference(schema, &join_pointer(&media_pointer, "schema"), hint)?
                    .ty,
            )),
        }
    }

    /// Whether a JSON body is documented as an object that has no properties and admits none
    /// (`{"type": "object", "additionalProperties": false}`), possibly behind references.
    fn is_closed_empty_object(&self, content: &IndexMap<String, openapiv3::MediaType>) -> bool {
        let Some(mut schema) = content
            .iter()
            .find(|(media_type, _)| is_json(media_type))
            .and_then(|(_, media)| media.schema.as_ref())
        else {
            return false;
        };
        for _ in 0..=self.schemas.len() {
            let target = match schema {
                ReferenceOr::Item(schema) => schema,
                ReferenceOr::Reference { reference } => {
                    match reference
                        .strip_prefix(SCHEMA_REF_PREFIX)
                        .and_then(|name| self.schemas.get(name))
                    {
                        Some(next) => {
                            schema = next;
                            continue;
                        }
                        None => return false,
                    }
                }
            };
            return match &target.schema_kind {
                SchemaKind::Type(Type::Object(object)) => {
                    object.properties.is_empty()
                        && matches!(
                            object.additional_properties,
                            Some(AdditionalProperties::Any(false))
                        )
                }
                _ => false,
            };
        }
        false
    }

    /// The parameters of an operation: those of its path item, overridden by its own (same
    /// name and location).
    fn parameters(
        &mut self,
        path_level: &[ReferenceOr<openapiv3::Parameter>],
        operation_level: &[ReferenceOr<openapiv3::Parameter>],
        path_pointer: &str,
        operation_pointer: &str,
        hint: &str,
    ) -> Result<Vec<(Parameter, String)>, Error> {
        let components = self.doc.components.as_ref().map(|c| &c.parameters);
        let mut resolved: Vec<(Parameter, String)> = Vec::new();
        let levels = [
            (path_level, path_pointer),
            (operation_level, operation_pointer),
        ];
        for (parameters, pointer) in levels {
            for (index, parameter) in parameters.iter().enumerate() {
                let pointer =
                    join_pointer(&join_pointer(pointer, "parameters"), &index.to_string());
                let parameter = self.component(components, "parameters", parameter, &pointer)?;
                let (location, data) = match parameter {
                    openapiv3::Parameter::Path { parameter_data, .. } => {
                        (ParameterLocation::Path, parameter_data)
                    }
                    openapiv3::Parameter::Query { parameter_data, .. } => {
                        (ParameterLocation::Query, parameter_data)
                    }
                    openapiv3::Parameter::Header { parameter_data, .. } => {
                        (ParameterLocation::Header, parameter_data)
                    }
                    openapiv3::Parameter::Cookie { parameter_data, .. } => {
                        (ParameterLocation::Cookie, parameter_data)
                    }
                };
                let style = parameter_style(parameter);
                let ty = match &data.format {
                    openapiv3::ParameterSchemaOrContent::Schema(schema) => {
                        let hint = format!("{hint}{}", names::type_name(&data.name));
                        self.schema_or_reference(schema, &join_pointer(&pointer, "schema"), &hint)?
                            .ty
                    }
                    openapiv3::ParameterSchemaOrContent::Content(_) => TypeRef::String,
                };
                let parameter = Parameter {
                    wire_name: data.name.clone(),
                    rust_name: names::field_name(&data.name),
                    location,
                    ty,
                    required: data.required || location == ParameterLocation::Path,
                    docs: text(&data.description),
                    style,
                    setter: None,
                };
                resolved.retain(|(existing, _)| {
                    !(existing.wire_name == parameter.wire_name && existing.location == location)
                });
                resolved.push((parameter, pointer));
            }
        }
        // Unique Rust names: the required parameters are arguments of the method beside its
        // own (`request`, `params`, `body`), the optional ones fields of its params struct.
        let mut arguments = Scope::with_taken(["request", "params", "body"]);
        let mut fields = Scope::default();
        Ok(resolved
            .into_iter()
            .map(|(parameter, pointer)| {
                let scope = if parameter.required {
                    &mut arguments
                } else {
                    &mut fields
                };
                let parameter = Parameter {
                    rust_name: scope.claim(parameter.rust_name.clone()),
                    ..parameter
                };
                (parameter, pointer)
            })
            .collect())
    }
}

/// How a parameter is written: its `style` and `explode`, or the defaults of its location.
fn parameter_style(parameter: &openapiv3::Parameter) -> Style {
    use openapiv3::{PathStyle, QueryStyle};
    let explode = parameter.parameter_data_ref().explode;
    match parameter {
        openapiv3::Parameter::Query { style, .. } => query_style(style, explode),
        openapiv3::Parameter::Path { style, .. } => match style {
            PathStyle::Simple => simple_style(explode),
            PathStyle::Label => Style::Label {
                explode: explode == Some(true),
            },
            PathStyle::Matrix => Style::Matrix {
                explode: explode == Some(true),
            },
        },
        openapiv3::Parameter::Header { .. } => simple_style(explode),
        // Cookies are `form`, but a browser's `Cookie` header has one value per name.
        openapiv3::Parameter::Cookie { .. } => query_style(&QueryStyle::Form, Some(false)),
    }
}

/// A query parameter's or form field's style; `explode` is `None` when the spec leaves it to
/// the default (true for `form` only).
pub(super) fn query_style(style: &openapiv3::QueryStyle, explode: Option<bool>) -> Style {
    use openapiv3::QueryStyle;
    match style {
        QueryStyle::Form if explode.unwrap_or(true) => Style::Form,
        QueryStyle::Form => Style::FormCompact,
        QueryStyle::SpaceDelimited => Style::SpaceDelimited,
        QueryStyle::PipeDelimited => Style::PipeDelimited,
        QueryStyle::DeepObject => Style::DeepObject,
    }
}

fn simple_style(explode: Option<bool>) -> Style {
    if explode == Some(true) {
        Style::SimpleExploded
    } else {
        Style::Simple
    }
}

/// Whether a path segment is a version (`2023-06-06`).
fn is_version(segment: &str) -> bool {
    segment.len() == 10
        && segment.char_indices().all(|(i, c)| {
            if i == 4 || i == 7 {
                c == '-'
            } else {
                c.is_ascii_digit()
            }
        })
}

pub(super) fn is_json(media_type: &str) -> bool {
    let essence = media_type.split(';').next().unwrap_or_default().trim();
    essence == "application/json" || essence.ends_with("+json")
}
