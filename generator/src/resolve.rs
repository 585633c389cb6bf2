//! Stage 2: turn the `openapiv3` document into the intermediate model ([`crate::ir`]).
//!
//! Every `$ref` is resolved here and every Rust name is chosen here, so the emitters never look
//! at the spec again. Patterns are detected from the shape of the spec: an object schema whose
//! only property is the update-wrapper property (`Value` for Mews) is an update value, whatever
//! its name.

use std::borrow::Borrow;
use std::collections::{HashMap, HashSet};
use std::path::Path;

use indexmap::IndexMap;
use openapiv3::{
    AdditionalProperties, AnySchema, ArrayType, BooleanType, IntegerType, NumberType, OpenAPI,
    ReferenceOr, RequestBody, Schema, SchemaData, SchemaKind, StatusCode, StringType, Type,
    VariantOrUnknownOrEmpty,
};

use crate::error::{join_pointer, Error};
use crate::ir::{
    Api, CommonField, Enum, Field, Limits, Operation, Parameter, ParameterLocation, Response,
    Server, Struct, TypeDef, TypeKind, TypeRef, Union, UnionVariant, Variant,
};
use crate::names::{self, Scope};

const SCHEMA_REF_PREFIX: &str = "#/components/schemas/";

/// Resolves `doc` (read from `file`) into the intermediate model. `update_wrapper_property`
/// is the name of the only property of an update-value wrapper schema.
pub fn resolve(doc: &OpenAPI, file: &Path, update_wrapper_property: &str) -> Result<Api, Error> {
    let mut resolver = Resolver::new(doc, file, update_wrapper_property);
    for (name, schema) in resolver.schemas {
        if !resolver.is_wrapper(name) {
            resolver.define_component(name, schema)?;
        }
    }
    let operations = resolver.operations()?;
    let mut types = resolver.types;
    check_alias_cycles(&types, &resolver.type_names, file)?;
    box_recursive_types(&mut types);
    let common_fields = hoist_common_fields(&mut types, &operations);
    mark_request_types(&mut types, &operations);
    Ok(Api {
        title: doc.info.title.clone(),
        description: text(&doc.info.description),
        types,
        operations,
        servers: servers(doc),
        common_fields,
    })
}

/// The update-value wrappers among the component schemas: objects whose only property is
/// `wrapper_property`, and whose value refers to no wrapper-shaped schema (a wrapper of a
/// wrapper, or of itself, is an ordinary object).
fn update_wrappers(
    schemas: &IndexMap<String, ReferenceOr<Schema>>,
    wrapper_property: &str,
) -> HashSet<String> {
    let value_of = |schema: &ReferenceOr<Schema>| -> Option<ReferenceOr<Box<Schema>>> {
        let ReferenceOr::Item(schema) = schema else {
            return None;
        };
        let shape = flatten(&schema.schema_kind);
        let only_value = shape.properties.len() == 1
            && shape.typ.as_deref().is_none_or(|typ| typ == "object")
            && shape.all_of.is_empty()
            && shape.one_of.is_empty()
            && shape.any_of.is_empty();
        only_value
            .then(|| shape.properties.get(wrapper_property).cloned())
            .flatten()
    };
    let shaped: HashMap<&str, ReferenceOr<Box<Schema>>> = schemas
        .iter()
        .filter_map(|(name, schema)| value_of(schema).map(|value| (name.as_str(), value)))
        .collect();
    shaped
        .iter()
        .filter(|(_, value)| {
            let mut references = Vec::new();
            collect_references(
                &serde_json::to_value(value).unwrap_or_default(),
                &mut references,
            );
            !references.iter().any(|reference| {
                reference
                    .strip_prefix(SCHEMA_REF_PREFIX)
                    .is_some_and(|name| shaped.contains_key(name))
            })
        })
        .map(|(name, _)| (*name).to_owned())
        .collect()
}

fn collect_references(value: &serde_json::Value, references: &mut Vec<String>) {
    match value {
        serde_json::Value::Object(object) => {
            if let Some(serde_json::Value::String(reference)) = object.get("$ref") {
                references.push(reference.clone());
            }
            object
                .values()
                .for_each(|child| collect_references(child, references));
        }
        serde_json::Value::Array(items) => items
            .iter()
            .for_each(|child| collect_references(child, references)),
        _ => {}
    }
}

/// What an operation's request body is: its type, media type and documented example.
#[derive(Default)]
struct RequestBodyShape {
    ty: Option<TypeRef>,
    media_type: Option<String>,
    example: Option<serde_json::Value>,
}

/// A type together with what the schema that produced it says about the value.
struct Resolved {
    ty: TypeRef,
    nullable: bool,
    description: Option<String>,
    deprecated: Option<String>,
    limits: Limits,
}

struct Resolver<'a> {
    doc: &'a OpenAPI,
    file: &'a Path,
    schemas: &'a IndexMap<String, ReferenceOr<Schema>>,
    wrapper_property: &'a str,
    /// Rust name of every component schema that becomes a named type.
    type_names: HashMap<String, String>,
    /// Update types of the wrapper schemas resolved so far.
    wrapper_types: HashMap<String, TypeRef>,
    /// The component schemas that are update-value wrappers.
    wrappers: HashSet<String>,
    type_scope: Scope,
    types: Vec<TypeDef>,
}

impl<'a> Resolver<'a> {
    fn new(doc: &'a OpenAPI, file: &'a Path, wrapper_property: &'a str) -> Self {
        static NO_SCHEMAS: std::sync::OnceLock<IndexMap<String, ReferenceOr<Schema>>> =
            std::sync::OnceLock::new();
        let schemas = match &doc.components {
            Some(components) => &components.schemas,
            None => NO_SCHEMAS.get_or_init(IndexMap::new),
        };
        let mut resolver = Resolver {
            doc,
            file,
            schemas,
            wrapper_property,
            type_names: HashMap::new(),
            wrapper_types: HashMap::new(),
            wrappers: update_wrappers(schemas, wrapper_property),
            type_scope: Scope::default(),
            types: Vec::new(),
        };
        // Names first, so that references can be resolved in any order.
        for name in schemas.keys() {
            if !resolver.is_wrapper(name) {
                let rust_name = resolver.type_scope.claim(names::type_name(name));
                resolver.type_names.insert(name.clone(), rust_name);
            }
        }
        resolver
    }

    fn error(&self, pointer: &str, message: impl Into<String>) -> Error {
        Error::at(self.file, pointer, message)
    }

    fn is_wrapper(&self, name: &str) -> bool {
        self.wrappers.contains(name)
    }

    fn define_component(&mut self, name: &str, schema: &ReferenceOr<Schema>) -> Result<(), Error> {
        let pointer = join_pointer("#/components/schemas", name);
        let rust_name = self.type_names[name].clone();
        let (docs, kind) = match schema {
            ReferenceOr::Reference { reference } => {
                (None, TypeKind::Alias(self.reference(reference, &pointer)?))
            }
            ReferenceOr::Item(schema) => {
                let data = &schema.schema_data;
                let docs = text(&data.description).or_else(|| text(&data.title));
                (docs, self.type_kind(&rust_name, schema, &pointer)?)
            }
        };
        self.types.push(TypeDef {
            name: rust_name,
            docs,
            kind,
            in_request: false,
        });
        Ok(())
    }

    /// What a schema that gets a name of its own becomes: a struct, an enum, or an alias.
    fn type_kind(
        &mut self,
        rust_name: &str,
        schema: &Schema,
        pointer: &str,
    ) -> Result<TypeKind, Error> {
        let shape = flatten(&schema.schema_kind);
        if let Some(values) = string_enum(&shape) {
            return Ok(TypeKind::Enum(enumeration(
                values,
                schema.schema_data.description.as_deref(),
            )));
        }
        if self.is_struct(&shape) {
            return Ok(TypeKind::Struct(
                self.structure(rust_name, schema, pointer)?,
            ));
        }
        if is_union(&shape) {
            return Ok(TypeKind::Union(
                self.union(rust_name, schema, &shape, pointer)?,
            ));
        }
        Ok(TypeKind::Alias(self.schema(schema, pointer, rust_name)?.ty))
    }

    /// The variants of a `oneOf`/`anyOf` schema; `null` members are left out (they make the
    /// use site nullable instead).
    fn union(
        &mut self,
        owner: &str,
        schema: &Schema,
        shape: &AnySchema,
        pointer: &str,
    ) -> Result<Union, Error> {
        let (keyword, members) = union_members(shape);
        let discriminator = schema.schema_data.discriminator.as_ref();
        let mut scope = Scope::default();
        let mut variants = Vec::new();
        for (index, member) in members.iter().enumerate() {
            if is_null_only(member) {
                continue;
            }
            let member_pointer = join_pointer(&join_pointer(pointer, keyword), &index.to_string());
            let hint = format!("{owner}Variant{}", index + 1);
            let ty = self.schema_or_reference(member, &member_pointer, &hint)?.ty;
            let tag = match (discriminator, member) {
                (Some(discriminator), ReferenceOr::Reference { reference }) => Some(
                    discriminator
                        .mapping
                        .iter()
                        .find(|(_, target)| {
                            *target == reference
                                || reference.strip_prefix(SCHEMA_REF_PREFIX)
                                    == Some(target.as_str())
                        })
                        .map_or_else(
                            || reference.rsplit('/').next().unwrap_or_default().to_owned(),
                            |(value, _)| value.clone(),
                        ),
                ),
                _ => None,
            };
            variants.push(UnionVariant {
                rust_name: scope.claim(variant_name_for(&ty)),
                ty,
                tag,
            });
        }
        let discriminator = discriminator
            .filter(|_| variants.iter().all(|variant| variant.tag.is_some()))
            .map(|discriminator| discriminator.property_name.clone());
        Ok(Union {
            variants,
            discriminator,
            fallback: scope.claim("Other".to_owned()),
        })
    }

    /// The fields of an object schema, including those merged in through `allOf`.
    fn structure(&mut self, owner: &str, schema: &Schema, pointer: &str) -> Result<Struct, Error> {
        let mut properties = Vec::new();
        let mut required = HashSet::new();
        self.collect_properties(
            schema,
            pointer,
            &mut properties,
            &mut required,
            &mut Vec::new(),
        )?;
        let mut field_scope = Scope::default();
        let fields = properties
            .into_iter()
            .map(|(wire_name, property, property_pointer)| {
                let hint = format!("{owner}{}", names::type_name(&wire_name));
                let resolved = self.schema_or_reference(&property, &property_pointer, &hint)?;
                Ok(Field {
                    rust_name: field_scope.claim(names::field_name(&wire_name)),
                    required: required.contains(&wire_name),
                    wire_name,
                    docs: resolved.description,
                    ty: resolved.ty,
                    nullable: resolved.nullable,
                    deprecated: resolved.deprecated,
                    limits: resolved.limits,
                })
            })
            .collect::<Result<_, Error>>()?;
        Ok(Struct { fields })
    }

    /// Gathers the properties of `schema` and of every `allOf` member, in spec order; a later
    /// property of the same name replaces an earlier one in place.
    #[allow(clippy::type_complexity)]
    fn collect_properties(
        &self,
        schema: &Schema,
        pointer: &str,
        properties: &mut Vec<(String, ReferenceOr<Box<Schema>>, String)>,
        required: &mut HashSet<String>,
        visiting: &mut Vec<String>,
    ) -> Result<(), Error> {
        let (all_of, own_properties, own_required) = match &schema.schema_kind {
            SchemaKind::AllOf { all_of } => (all_of.as_slice(), None, None),
            SchemaKind::Type(Type::Object(object)) => {
                (&[][..], Some(&object.properties), Some(&object.required))
            }
            SchemaKind::Any(any) => (
                any.all_of.as_slice(),
                Some(&any.properties),
                Some(&any.required),
            ),
            _ => return Err(self.error(pointer, "expected an object schema here")),
        };
        for (index, member) in all_of.iter().enumerate() {
            let member_pointer = join_pointer(&join_pointer(pointer, "allOf"), &index.to_string());
            let (member, member_pointer) = match member {
                ReferenceOr::Item(member) => (member, member_pointer),
                ReferenceOr::Reference { reference } => {
                    let name = self.schema_name(reference, &member_pointer)?;
                    if visiting.iter().any(|seen| seen == name) {
                        return Err(self.error(
                            &member_pointer,
                            format!("`allOf` cycle through `{reference}`"),
                        ));
                    }
                    visiting.push(name.to_owned());
                    let ReferenceOr::Item(target) = &self.schemas[name] else {
                        return Err(self.error(
                            &member_pointer,
                            "`allOf` of a reference to a reference is not supported",
                        ));
                    };
                    (target, join_pointer("#/components/schemas", name))
                }
            };
            self.collect_properties(member, &member_pointer, properties, required, visiting)?;
        }
        for (name, property) in own_properties.into_iter().flatten() {
            let property_pointer = join_pointer(&join_pointer(pointer, "properties"), name);
            let entry = (name.clone(), property.clone(), property_pointer);
            match properties
                .iter_mut()
                .find(|(existing, _, _)| existing == name)
            {
                Some(slot) => *slot = entry,
                None => properties.push(entry),
            }
        }
        required.extend(own_required.into_iter().flatten().cloned());
        Ok(())
    }

    /// The type of a schema or of the component a `$ref` points to.
    fn schema_or_reference<S: Borrow<Schema>>(
        &mut self,
        schema: &ReferenceOr<S>,
        pointer: &str,
        hint: &str,
    ) -> Result<Resolved, Error> {
        match schema {
            ReferenceOr::Reference { reference } => {
                Ok(Resolved::plain(self.reference(reference, pointer)?))
            }
            ReferenceOr::Item(schema) => self.schema(schema.borrow(), pointer, hint),
        }
    }

    /// The type of an inline schema. Objects and enums defined inline become named types called
    /// `hint`.
    fn schema(&mut self, schema: &Schema, pointer: &str, hint: &str) -> Result<Resolved, Error> {
        let data = &schema.schema_data;
        let shape = flatten(&schema.schema_kind);
        let limits = Limits {
            min_length: shape.min_length,
            max_length: shape.max_length,
            min_items: shape.min_items,
            max_items: shape.max_items,
        };
        // Swashbuckle's way of giving a reference a description or nullability,
        // `allOf: [$ref]` with siblings, and `oneOf: [$ref, {type: "null"}]`, are the wrapped type.
        if let Some((single, single_pointer, null_member)) = single_member(&shape, pointer) {
            if shape.properties.is_empty() {
                let inner = self.schema_or_reference(single, &single_pointer, hint)?;
                return Ok(Resolved {
                    nullable: data.nullable || inner.nullable || null_member,
                    description: text(&data.description).or(inner.description),
                    deprecated: deprecation(data).or(inner.deprecated),
                    limits: if limits.is_empty() {
                        inner.limits
                    } else {
                        limits
                    },
                    ty: inner.ty,
                });
            }
        }
        let ty = self.shape_type(schema, &shape, pointer, hint)?;
        Ok(Resolved {
            ty,
            nullable: data.nullable,
            description: text(&data.description),
            deprecated: deprecation(data),
            limits,
        })
    }

    fn shape_type(
        &mut self,
        schema: &Schema,
        shape: &AnySchema,
        pointer: &str,
        hint: &str,
    ) -> Result<TypeRef, Error> {
        if shape.not.is_some() {
            return Err(self.error(
                &join_pointer(pointer, "not"),
                "`not` is not supported; describe the allowed values instead (an `enum`, or `oneOf` the allowed shapes)",
            ));
        }
        if string_enum(shape).is_some() || self.is_struct(shape) || is_union(shape) {
            return self.inline_type(schema, pointer, hint);
        }
        let format = shape.format.as_deref();
        Ok(match shape.typ.as_deref() {
            None if shape.all_of.is_empty()
                || schema
                    .schema_data
                    .extensions
                    .contains_key(crate::load::NULL_ONLY) =>
            {
                TypeRef::Json
            }
            Some("string") => match format {
                Some("uuid") => TypeRef::Uuid,
                Some("date-time") => TypeRef::DateTime,
                Some("date") => TypeRef::Date,
                _ => TypeRef::String,
            },
            Some("boolean") => TypeRef::Bool,
            Some("integer") => match format {
                Some("int32") => TypeRef::I32,
                _ => TypeRef::I64,
            },
            Some("number") => match format {
                Some("float") => TypeRef::F32,
                _ => TypeRef::F64,
            },
            Some("array") => {
                let items_pointer = join_pointer(pointer, "items");
                match &shape.items {
                    None => TypeRef::Array(Box::new(TypeRef::Json)),
                    Some(items) => {
                        let item = self.schema_or_reference(
                            items,
                            &items_pointer,
                            &format!("{hint}Item"),
                        )?;
                        TypeRef::Array(Box::new(item.ty))
                    }
                }
            }
            Some("object") => match &shape.additional_properties {
                Some(AdditionalProperties::Schema(values)) => {
                    let values_pointer = join_pointer(pointer, "additionalProperties");
                    let value =
                        self.schema_or_reference(values, &values_pointer, &format!("{hint}Value"))?;
                    TypeRef::Map(Box::new(value.ty))
                }
                _ => TypeRef::Json,
            },
            Some(other) => {
                return Err(self.error(
                    &join_pointer(pointer, "type"),
                    format!("unknown schema type `{other}`"),
                ));
            }
            // An `allOf` of several members that are not all objects: the members' one
            // primitive type if they agree (`[{type: string}, {minLength: 1}]`), or any JSON
            // value if they conflict (`[{type: string}, {type: integer}]`).
            None => {
                let typed: Vec<(usize, &ReferenceOr<Schema>)> = shape
                    .all_of
                    .iter()
                    .enumerate()
                    .filter(|(_, member)| {
                        self.member_shape(member).is_some_and(|m| m.typ.is_some())
                    })
                    .collect();
                let types: HashSet<Option<String>> = typed
                    .iter()
                    .map(|(_, member)| self.member_shape(member).and_then(|m| m.typ))
                    .collect();
                match typed.first() {
                    Some((index, member)) if types.len() == 1 => {
                        let member_pointer =
                            join_pointer(&join_pointer(pointer, "allOf"), &index.to_string());
                        self.schema_or_reference(*member, &member_pointer, hint)?.ty
                    }
                    _ => TypeRef::Json,
                }
            }
        })
    }

    /// The shape of an `allOf` member, following a reference.
    fn member_shape(&self, member: &ReferenceOr<Schema>) -> Option<AnySchema> {
        match member {
            ReferenceOr::Item(schema) => Some(flatten(&schema.schema_kind)),
            ReferenceOr::Reference { reference } => match self
                .schemas
                .get(reference.strip_prefix(SCHEMA_REF_PREFIX)?)?
            {
                ReferenceOr::Item(schema) => Some(flatten(&schema.schema_kind)),
                ReferenceOr::Reference { .. } => None,
            },
        }
    }

    /// Whether a schema describes an object with named properties, possibly merged from
    /// several `allOf` members that are all objects.
    fn is_struct(&self, shape: &AnySchema) -> bool {
        let object_like = |member: &AnySchema| {
            !member.properties.is_empty()
                || member.typ.as_deref() == Some("object")
                || !member.all_of.is_empty()
        };
        !shape.properties.is_empty()
            || (shape.all_of.len() > 1
                && shape
                    .all_of
                    .iter()
                    .all(|member| self.member_shape(member).is_some_and(|m| object_like(&m))))
    }

    /// Defines an inline object or enum as a named type, named stably after its parent and field.
    fn inline_type(
        &mut self,
        schema: &Schema,
        pointer: &str,
        hint: &str,
    ) -> Result<TypeRef, Error> {
        let rust_name = self.type_scope.claim(names::type_name(hint));
        let kind = self.type_kind(&rust_name, schema, pointer)?;
        let data = &schema.schema_data;
        self.types.push(TypeDef {
            name: rust_name.clone(),
            docs: text(&data.description).or_else(|| text(&data.title)),
            kind,
            in_request: false,
        });
        Ok(TypeRef::Named(rust_name))
    }

    /// The type a `$ref` to a component schema stands for.
    fn reference(&mut self, reference: &str, pointer: &str) -> Result<TypeRef, Error> {
        let name = self.schema_name(reference, pointer)?;
        if !self.is_wrapper(name) {
            return Ok(TypeRef::Named(self.type_names[name].clone()));
        }
        if let Some(ty) = self.wrapper_types.get(name) {
            return Ok(ty.clone());
        }
        let ReferenceOr::Item(wrapper) = &self.schemas[name] else {
            unreachable!("is_wrapper only accepts inline schemas")
        };
        let value = flatten(&wrapper.schema_kind).properties[self.wrapper_property].clone();
        let value_pointer = join_pointer(
            &join_pointer(&join_pointer("#/components/schemas", name), "properties"),
            self.wrapper_property,
        );
        // Wrappers never refer to wrappers (see `update_wrappers`), so this cannot loop.
        let value = self.schema_or_reference(&value, &value_pointer, &names::type_name(name))?;
        let ty = TypeRef::Update {
            value: Box::new(value.ty),
            clearable: value.nullable,
        };
        self.wrapper_types.insert(name.to_owned(), ty.clone());
        Ok(ty)
    }

    /// The component schema name a `$ref` points to.
    fn schema_name(&self, reference: &str, pointer: &str) -> Result<&'a str, Error> {
        let Some(name) = reference.strip_prefix(SCHEMA_REF_PREFIX) else {
            return Err(self.error(
                pointer,
                format!("reference `{reference}` is not to `{SCHEMA_REF_PREFIX}...`; references to other files or sections are not supported, bundle the spec first"),
            ));
        };
        let name = name.replace("~1", "/").replace("~0", "~");
        self.schemas
            .get_key_value(name.as_str())
            .map(|(key, _)| key.as_str())
            .ok_or_else(|| {
                self.error(
                    pointer,
                    format!("reference `{reference}` points to no schema"),
                )
            })
    }

    fn operations(&mut self) -> Result<Vec<Operation>, Error> {
        let mut operations = Vec::new();
        let mut operation_names: HashMap<String, String> = HashMap::new();
        for (path, item) in &self.doc.paths.paths {
            let path_pointer = join_pointer("#/paths", path);
            let ReferenceOr::Item(item) = item else {
                return Err(self.error(&path_pointer, "path item references are not supported"));
            };
            for (method, operation) in item.iter() {
                let pointer = join_pointer(&path_pointer, method);
                let name = match &operation.operation_id {
                    Some(id) => names::field_name(id),
                    None => names::field_name(&format!("{method} {path}")),
                };
                if let Some(first) = operation_names.insert(name.clone(), pointer.clone()) {
                    return Err(self.error(&pointer, format!("operation name `{name}` is already used by {first}; give one of them another operationId")));
                }
                let hint = names::type_name(&name);
                let parameters = self.parameters(
                    &item.parameters,
                    &operation.parameters,
                    &path_pointer,
                    &pointer,
                    &hint,
                )?;
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
                operations.push(Operation {
                    name,
                    method: method.to_uppercase(),
                    path: path.clone(),
                    summary: text(&operation.summary),
                    docs: text(&operation.description),
                    parameters,
                    request: body.ty,
                    request_media_type: body.media_type,
                    request_example: body.example,
                    responses,
                    fallback_responses,
                    idempotent: is_idempotent(method, &operation.extensions),
                });
            }
        }
        Ok(operations)
    }

    /// The type and documented example of a request body.
    fn request_body(
        &mut self,
        body: &ReferenceOr<RequestBody>,
        pointer: &str,
        hint: &str,
    ) -> Result<RequestBodyShape, Error> {
        let components = self.doc.components.as_ref().map(|c| &c.request_bodies);
        let body = self.component(components, "requestBodies", body, pointer)?;
        let example = body
            .content
            .iter()
            .find(|(media_type, _)| is_json(media_type))
            .and_then(|(_, media)| media.example.clone());
        let media_type = body
            .content
            .keys()
            .find(|media_type| is_json(media_type))
            .or(body.content.keys().next())
            .cloned();
        let ty = self.body_type(
            &body.content,
            &join_pointer(pointer, "content"),
            &format!("{hint}Request"),
        )?;
        Ok(RequestBodyShape {
            ty,
            media_type,
            example,
        })
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
        Ok(Response {
            status,
            docs: text(&Some(response.description.clone())),
            body: self.body_type(
                &response.content,
                &join_pointer(pointer, "content"),
                &format!("{hint}Response"),
            )?,
            headers: response.headers.keys().cloned().collect(),
        })
    }

    /// An inline item, or the item a `#/components/<section>/<name>` reference points to.
    fn component<'b, T>(
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

    /// The parameters of an operation: those of its path item, overridden by its own (same
    /// name and location).
    fn parameters(
        &mut self,
        path_level: &[ReferenceOr<openapiv3::Parameter>],
        operation_level: &[ReferenceOr<openapiv3::Parameter>],
        path_pointer: &str,
        operation_pointer: &str,
        hint: &str,
    ) -> Result<Vec<Parameter>, Error> {
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
                };
                resolved.retain(|(existing, _)| {
                    !(existing.wire_name == parameter.wire_name && existing.location == location)
                });
                resolved.push((parameter, pointer));
            }
        }
        // Unique Rust names, even where a path and a query parameter share a name.
        let mut scope = Scope::with_taken(["request", "params", "body"]);
        Ok(resolved
            .into_iter()
            .map(|(parameter, _)| Parameter {
                rust_name: scope.claim(parameter.rust_name.clone()),
                ..parameter
            })
            .collect())
    }
}

impl Resolved {
    fn plain(ty: TypeRef) -> Self {
        Resolved {
            ty,
            nullable: false,
            description: None,
            deprecated: None,
            limits: Limits::default(),
        }
    }
}

/// Documentation text, or `None` when the spec gives none or only white space.
fn text(value: &Option<String>) -> Option<String> {
    value
        .as_ref()
        .filter(|text| !text.trim().is_empty())
        .cloned()
}

fn is_idempotent(method: &str, extensions: &IndexMap<String, serde_json::Value>) -> bool {
    match extensions
        .get("x-idempotent")
        .and_then(serde_json::Value::as_bool)
    {
        Some(idempotent) => idempotent,
        None => matches!(
            method,
            "get" | "head" | "options" | "put" | "delete" | "trace"
        ),
    }
}

fn is_json(media_type: &str) -> bool {
    let essence = media_type.split(';').next().unwrap_or_default().trim();
    essence == "application/json" || essence.ends_with("+json")
}

fn deprecation(data: &SchemaData) -> Option<String> {
    data.deprecated.then(|| {
        data.extensions
            .get("x-deprecatedMessage")
            .and_then(|message| message.as_str())
            .map_or_else(|| "Deprecated by the API.".to_owned(), str::to_owned)
    })
}

/// The enum values of a string enumeration schema.
fn string_enum(shape: &AnySchema) -> Option<Vec<&str>> {
    if shape.enumeration.is_empty() || shape.typ.as_deref().is_some_and(|typ| typ != "string") {
        return None;
    }
    shape
        .enumeration
        .iter()
        .map(|value| value.as_str())
        .collect()
}

/// An enum; `description` may document values in Mews's style, one `` - `Value` - meaning ``
/// line per value.
fn enumeration(values: Vec<&str>, description: Option<&str>) -> Enum {
    let mut scope = Scope::default();
    let variants = values
        .into_iter()
        .map(|value| {
            let docs = description.and_then(|description| value_docs(description, value));
            Variant {
                wire_name: value.to_owned(),
                rust_name: scope.claim(names::variant_name(value)),
                deprecated: docs
                    .as_deref()
                    .is_some_and(|docs| docs.to_ascii_lowercase().starts_with("deprecated")),
                docs,
            }
        })
        .collect();
    Enum {
        fallback: scope.claim("Unknown".to_owned()),
        variants,
    }
}

/// The text after `` - `value` `` in a description's list of values, if there is one.
fn value_docs(description: &str, value: &str) -> Option<String> {
    let marker = format!("`{value}`");
    description.lines().find_map(|line| {
        let rest = line
            .trim()
            .strip_prefix(['-', '*'])?
            .trim_start()
            .strip_prefix(&marker)?;
        let text = rest.trim_start().trim_start_matches(['-', ':', '–']).trim();
        (!text.is_empty()).then(|| text.to_owned())
    })
}

/// Whether a schema is a `oneOf`/`anyOf` of at least two non-null members.
fn is_union(shape: &AnySchema) -> bool {
    let (_, members) = union_members(shape);
    members
        .iter()
        .filter(|member| !is_null_only(member))
        .count()
        >= 2
        && shape.properties.is_empty()
}

fn union_members(shape: &AnySchema) -> (&'static str, &[ReferenceOr<Schema>]) {
    if shape.one_of.is_empty() {
        ("anyOf", &shape.any_of)
    } else {
        ("oneOf", &shape.one_of)
    }
}

/// The one member of a single-member `allOf`, or of a `oneOf`/`anyOf` whose other members only
/// allow `null` (then the third value is true), with its JSON pointer.
fn single_member<'s>(
    shape: &'s AnySchema,
    pointer: &str,
) -> Option<(&'s ReferenceOr<Schema>, String, bool)> {
    if let [single] = shape.all_of.as_slice() {
        return Some((
            single,
            join_pointer(&join_pointer(pointer, "allOf"), "0"),
            false,
        ));
    }
    let (keyword, members) = union_members(shape);
    let mut non_null = members
        .iter()
        .enumerate()
        .filter(|(_, member)| !is_null_only(member));
    match (non_null.next(), non_null.next()) {
        (Some((index, single)), None) => Some((
            single,
            join_pointer(&join_pointer(pointer, keyword), &index.to_string()),
            members.len() > 1,
        )),
        _ => None,
    }
}

/// A member that only allows `null`: 3.1's `type: "null"` (normalized on load) or 3.0's
/// `{nullable: true}` with nothing else.
fn is_null_only(member: &ReferenceOr<Schema>) -> bool {
    match member {
        ReferenceOr::Item(schema) => {
            schema
                .schema_data
                .extensions
                .contains_key(crate::load::NULL_ONLY)
                || matches!(&schema.schema_kind, SchemaKind::Any(any) if *any == AnySchema::default() && schema.schema_data.nullable)
        }
        ReferenceOr::Reference { .. } => false,
    }
}

/// The name of a union variant holding `ty`.
fn variant_name_for(ty: &TypeRef) -> String {
    match ty {
        TypeRef::Named(name) => name.clone(),
        TypeRef::String => "String".to_owned(),
        TypeRef::Bool => "Bool".to_owned(),
        TypeRef::I32 | TypeRef::I64 => "Integer".to_owned(),
        TypeRef::F32 | TypeRef::F64 => "Number".to_owned(),
        TypeRef::Uuid => "Uuid".to_owned(),
        TypeRef::DateTime => "DateTime".to_owned(),
        TypeRef::Date => "Date".to_owned(),
        TypeRef::Json => "Json".to_owned(),
        TypeRef::Array(_) => "Array".to_owned(),
        TypeRef::Map(_) => "Map".to_owned(),
        TypeRef::Update { .. } => "Update".to_owned(),
        TypeRef::Boxed(inner) => variant_name_for(inner),
        TypeRef::Bytes => "Bytes".to_owned(),
    }
}

/// Views any schema kind as the flat `AnySchema`, so that the resolver asks one shape the
/// same questions whichever way `openapiv3` happened to classify it.
fn flatten(kind: &SchemaKind) -> AnySchema {
    let typed = |typ: &str| AnySchema {
        typ: Some(typ.to_owned()),
        ..AnySchema::default()
    };
    match kind {
        SchemaKind::Type(Type::String(StringType {
            format: f,
            enumeration,
            min_length,
            max_length,
            ..
        })) => AnySchema {
            format: format(f, |f: &openapiv3::StringFormat| match f {
                openapiv3::StringFormat::Date => "date",
                openapiv3::StringFormat::DateTime => "date-time",
                openapiv3::StringFormat::Password => "password",
                openapiv3::StringFormat::Byte => "byte",
                openapiv3::StringFormat::Binary => "binary",
            }),
            enumeration: enumeration
                .iter()
                .flatten()
                .map(|value| value.as_str().into())
                .collect(),
            min_length: *min_length,
            max_length: *max_length,
            ..typed("string")
        },
        SchemaKind::Type(Type::Number(NumberType { format: f, .. })) => AnySchema {
            format: format(f, |f: &openapiv3::NumberFormat| match f {
                openapiv3::NumberFormat::Float => "float",
                openapiv3::NumberFormat::Double => "double",
            }),
            ..typed("number")
        },
        SchemaKind::Type(Type::Integer(IntegerType { format: f, .. })) => AnySchema {
            format: format(f, |f: &openapiv3::IntegerFormat| match f {
                openapiv3::IntegerFormat::Int32 => "int32",
                openapiv3::IntegerFormat::Int64 => "int64",
            }),
            ..typed("integer")
        },
        SchemaKind::Type(Type::Boolean(BooleanType { .. })) => typed("boolean"),
        SchemaKind::Type(Type::Object(object)) => AnySchema {
            properties: object.properties.clone(),
            required: object.required.clone(),
            additional_properties: object.additional_properties.clone(),
            ..typed("object")
        },
        SchemaKind::Type(Type::Array(ArrayType {
            items,
            min_items,
            max_items,
            ..
        })) => AnySchema {
            items: items.clone(),
            min_items: *min_items,
            max_items: *max_items,
            ..typed("array")
        },
        SchemaKind::OneOf { one_of } => AnySchema {
            one_of: one_of.clone(),
            ..AnySchema::default()
        },
        SchemaKind::AllOf { all_of } => AnySchema {
            all_of: all_of.clone(),
            ..AnySchema::default()
        },
        SchemaKind::AnyOf { any_of } => AnySchema {
            any_of: any_of.clone(),
            ..AnySchema::default()
        },
        SchemaKind::Not { not } => AnySchema {
            not: Some(not.clone()),
            ..AnySchema::default()
        },
        SchemaKind::Any(any) => any.clone(),
    }
}

fn format<T>(format: &VariantOrUnknownOrEmpty<T>, name: fn(&T) -> &'static str) -> Option<String> {
    match format {
        VariantOrUnknownOrEmpty::Item(item) => Some(name(item).to_owned()),
        VariantOrUnknownOrEmpty::Unknown(unknown) => Some(unknown.clone()),
        VariantOrUnknownOrEmpty::Empty => None,
    }
}

/// Finds the body properties that every operation takes (Mews's `ClientToken`, `AccessToken`
/// and `Client`), and removes the required ones from the request types, since the client
/// sends them. The pattern only holds when every operation has a struct body and there are at
/// least two operations.
fn hoist_common_fields(types: &mut [TypeDef], operations: &[Operation]) -> Vec<CommonField> {
    let mut bodies: Vec<usize> = Vec::new();
    for operation in operations {
        let body = match &operation.request {
            Some(TypeRef::Named(name)) => types
                .iter()
                .position(|def| def.name == *name && matches!(def.kind, TypeKind::Struct(_))),
            _ => None,
        };
        match body {
            Some(index) if !bodies.contains(&index) => bodies.push(index),
            Some(_) => {}
            None => return Vec::new(),
        }
    }
    if operations.len() < 2 {
        return Vec::new();
    }
    let struct_fields = |def: &TypeDef| match &def.kind {
        TypeKind::Struct(structure) => structure.fields.clone(),
        _ => Vec::new(),
    };
    let all_fields: Vec<Vec<Field>> = bodies
        .iter()
        .map(|&index| struct_fields(&types[index]))
        .collect();
    let common: Vec<CommonField> = all_fields[0]
        .iter()
        .filter_map(|field| {
            let twins: Vec<&Field> = all_fields
                .iter()
                .filter_map(|fields| {
                    fields
                        .iter()
                        .find(|other| other.wire_name == field.wire_name && other.ty == field.ty)
                })
                .collect();
            (twins.len() == all_fields.len()).then(|| CommonField {
                wire_name: field.wire_name.clone(),
                rust_name: field.rust_name.clone(),
                docs: field.docs.clone(),
                ty: field.ty.clone(),
                required: twins.iter().all(|twin| twin.required && !twin.nullable),
                secret: is_secret(&field.wire_name),
            })
        })
        .collect();
    for &index in &bodies {
        if let TypeKind::Struct(structure) = &mut types[index].kind {
            structure.fields.retain(|field| {
                !common
                    .iter()
                    .any(|c| c.required && c.wire_name == field.wire_name)
            });
        }
    }
    common
}

/// Credentials by their conventional names.
fn is_secret(wire_name: &str) -> bool {
    let name = wire_name.to_ascii_lowercase();
    ["token", "secret", "password", "apikey", "api_key"]
        .iter()
        .any(|marker| name.contains(marker))
}

fn servers(doc: &OpenAPI) -> Vec<Server> {
    let mut scope = Scope::default();
    doc.servers
        .iter()
        .enumerate()
        .map(|(index, server)| {
            let first_word = server
                .description
                .as_deref()
                .and_then(|description| description.split_whitespace().next())
                .map(names::constant_name)
                .filter(|name| !name.is_empty());
            Server {
                name: scope.claim(first_word.unwrap_or_else(|| format!("SERVER_{}", index + 1))),
                url: server.url.clone(),
                description: server.description.clone(),
            }
        })
        .collect()
}

/// Named types that a type contains by value (not behind a `Vec` or map), so that a cycle
/// among them would give a type of infinite size.
fn by_value_names(ty: &TypeRef) -> Vec<&str> {
    match ty {
        TypeRef::Named(name) => vec![name.as_str()],
        TypeRef::Update { value, .. } => by_value_names(value),
        _ => Vec::new(),
    }
}

/// Boxes every field or union variant through which a type contains itself by value.
fn box_recursive_types(types: &mut [TypeDef]) {
    let index: HashMap<&str, usize> = types
        .iter()
        .enumerate()
        .map(|(i, def)| (def.name.as_str(), i))
        .collect();
    let contained: Vec<Vec<usize>> = types
        .iter()
        .map(|def| {
            def.member_types()
                .into_iter()
                .flat_map(by_value_names)
                .filter_map(|name| index.get(name).copied())
                .collect()
        })
        .collect();
    // A member needs a box when its type reaches back to its owner: owner and member type are
    // then in the same strongly connected component.
    let component = strongly_connected_components(&contained);
    let mut to_box: Vec<(usize, usize)> = Vec::new();
    // Only fields and variants can be boxed; an alias cycle is an error of its own.
    for (owner, def) in types.iter().enumerate() {
        if matches!(def.kind, TypeKind::Alias(_)) {
            continue;
        }
        for (position, ty) in def.member_types().into_iter().enumerate() {
            let recursive = by_value_names(ty)
                .into_iter()
                .filter_map(|name| index.get(name).copied())
                .any(|target| component[target] == component[owner]);
            if recursive {
                to_box.push((owner, position));
            }
        }
    }
    for (owner, position) in to_box {
        let ty = match &mut types[owner].kind {
            TypeKind::Struct(structure) => &mut structure.fields[position].ty,
            TypeKind::Union(union) => &mut union.variants[position].ty,
            _ => continue,
        };
        *ty = TypeRef::Boxed(Box::new(std::mem::replace(ty, TypeRef::Json)));
    }
}

/// The strongly connected component of every node of a graph given by adjacency lists
/// (Kosaraju's algorithm, iterative, so that deep specs cannot overflow the stack).
fn strongly_connected_components(edges: &[Vec<usize>]) -> Vec<usize> {
    let count = edges.len();
    let mut order = Vec::with_capacity(count);
    let mut visited = vec![false; count];
    for start in 0..count {
        if visited[start] {
            continue;
        }
        visited[start] = true;
        let mut stack = vec![(start, 0)];
        while let Some((node, next)) = stack.pop() {
            match edges[node].get(next) {
                Some(&target) => {
                    stack.push((node, next + 1));
                    if !visited[target] {
                        visited[target] = true;
                        stack.push((target, 0));
                    }
                }
                None => order.push(node),
            }
        }
    }
    let mut reversed = vec![Vec::new(); count];
    for (node, targets) in edges.iter().enumerate() {
        for &target in targets {
            reversed[target].push(node);
        }
    }
    let mut component = vec![usize::MAX; count];
    for (id, &root) in order.iter().rev().enumerate() {
        if component[root] != usize::MAX {
            continue;
        }
        component[root] = id;
        let mut stack = vec![root];
        while let Some(node) = stack.pop() {
            for &source in &reversed[node] {
                if component[source] == usize::MAX {
                    component[source] = id;
                    stack.push(source);
                }
            }
        }
    }
    component
}

/// Rejects aliases defined in terms of themselves (`A: {$ref: B}`, `B: {$ref: A}`, or an array
/// of itself): Rust type aliases cannot be recursive, and there is no structure to generate.
fn check_alias_cycles(
    types: &[TypeDef],
    type_names: &HashMap<String, String>,
    file: &Path,
) -> Result<(), Error> {
    fn named(ty: &TypeRef, names: &mut Vec<String>) {
        match ty {
            TypeRef::Named(name) => names.push(name.clone()),
            TypeRef::Array(inner)
            | TypeRef::Map(inner)
            | TypeRef::Boxed(inner)
            | TypeRef::Update { value: inner, .. } => named(inner, names),
            _ => {}
        }
    }
    let aliases: HashMap<&str, &TypeRef> = types
        .iter()
        .filter_map(|def| match &def.kind {
            TypeKind::Alias(target) => Some((def.name.as_str(), target)),
            _ => None,
        })
        .collect();
    // In declaration order, so the same spec always reports the same schema.
    for def in types {
        let TypeKind::Alias(target) = &def.kind else {
            continue;
        };
        let start = def.name.as_str();
        let mut pending = Vec::new();
        named(target, &mut pending);
        let mut seen = HashSet::new();
        while let Some(name) = pending.pop() {
            if name == start {
                let schema = type_names
                    .iter()
                    .find(|(_, rust)| rust.as_str() == start)
                    .map_or(start, |(spec, _)| spec.as_str());
                return Err(Error::at(
                    file,
                    join_pointer("#/components/schemas", schema),
                    format!("`{schema}` is defined in terms of itself with no object in between; give it an object schema with a property for the nested value"),
                ));
            }
            if seen.insert(name.clone()) {
                if let Some(next) = aliases.get(name.as_str()) {
                    named(next, &mut pending);
                }
            }
        }
    }
    Ok(())
}

/// Marks every type reachable from a request body, so emitters give those types validation
/// and constructors.
fn mark_request_types(types: &mut [TypeDef], operations: &[Operation]) {
    let index: HashMap<&str, usize> = types
        .iter()
        .enumerate()
        .map(|(i, ty)| (ty.name.as_str(), i))
        .collect();
    let mut pending: Vec<&TypeRef> = operations
        .iter()
        .filter_map(|op| op.request.as_ref())
        .collect();
    let mut reached = HashSet::new();
    while let Some(ty) = pending.pop() {
        match ty {
            TypeRef::Named(name) => {
                if let Some(&i) = index.get(name.as_str()) {
                    if reached.insert(i) {
                        pending.extend(types[i].member_types());
                    }
                }
            }
            TypeRef::Array(item) | TypeRef::Map(item) => pending.push(item),
            TypeRef::Update { value, .. } | TypeRef::Boxed(value) => pending.push(value),
            _ => {}
        }
    }
    for i in reached {
        types[i].in_request = true;
    }
}
