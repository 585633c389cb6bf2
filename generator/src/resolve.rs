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
    Api, CommonField, Enum, Field, Limits, Operation, Response, Server, Struct, TypeDef, TypeKind,
    TypeRef, Variant,
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
    let common_fields = hoist_common_fields(&mut types, &operations);
    mark_request_types(&mut types, &operations);
    Ok(Api {
        title: doc.info.title.clone(),
        description: doc.info.description.clone(),
        types,
        operations,
        servers: servers(doc),
        common_fields,
    })
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
    /// Wrapper schemas being resolved, to report reference cycles instead of looping.
    resolving: Vec<String>,
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
            resolving: Vec::new(),
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

    /// Whether the component schema `name` is an update-value wrapper: an object whose only
    /// property is the wrapper property.
    fn is_wrapper(&self, name: &str) -> bool {
        let Some(ReferenceOr::Item(schema)) = self.schemas.get(name) else {
            return false;
        };
        let shape = flatten(&schema.schema_kind);
        shape.properties.len() == 1
            && shape.properties.contains_key(self.wrapper_property)
            && shape.typ.as_deref().is_none_or(|typ| typ == "object")
            && shape.all_of.is_empty()
            && shape.one_of.is_empty()
            && shape.any_of.is_empty()
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
                let docs = data.description.clone().or_else(|| data.title.clone());
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
            return Ok(TypeKind::Enum(enumeration(values)));
        }
        if is_struct(&shape) {
            return Ok(TypeKind::Struct(
                self.structure(rust_name, schema, pointer)?,
            ));
        }
        Ok(TypeKind::Alias(self.schema(schema, pointer, rust_name)?.ty))
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
        // Swashbuckle's way of giving a reference a description or nullability:
        // `allOf: [$ref]` with siblings.
        if let [single] = shape.all_of.as_slice() {
            if shape.properties.is_empty() {
                let inner = self.schema_or_reference(
                    single,
                    &join_pointer(&join_pointer(pointer, "allOf"), "0"),
                    hint,
                )?;
                return Ok(Resolved {
                    nullable: data.nullable || inner.nullable,
                    description: data.description.clone().or(inner.description),
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
            description: data.description.clone(),
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
        for (keyword, present) in [
            ("oneOf", !shape.one_of.is_empty()),
            ("anyOf", !shape.any_of.is_empty()),
            ("not", shape.not.is_some()),
        ] {
            if present {
                return Err(self.error(
                    &join_pointer(pointer, keyword),
                    format!("`{keyword}` is not supported yet; describe the value as a single object schema"),
                ));
            }
        }
        if string_enum(shape).is_some() || is_struct(shape) {
            return self.inline_type(schema, pointer, hint);
        }
        let format = shape.format.as_deref();
        Ok(match shape.typ.as_deref() {
            None if shape.all_of.is_empty() => TypeRef::Json,
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
            None => {
                return Err(self.error(
                    pointer,
                    "`allOf` without properties of its own must have exactly one member",
                ))
            }
        })
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
            docs: data.description.clone().or_else(|| data.title.clone()),
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
        if self.resolving.iter().any(|seen| seen == name) {
            return Err(self.error(pointer, format!("update value `{name}` wraps itself")));
        }
        let ReferenceOr::Item(wrapper) = &self.schemas[name] else {
            unreachable!("is_wrapper only accepts inline schemas")
        };
        let value = flatten(&wrapper.schema_kind).properties[self.wrapper_property].clone();
        let value_pointer = join_pointer(
            &join_pointer(&join_pointer("#/components/schemas", name), "properties"),
            self.wrapper_property,
        );
        self.resolving.push(name.to_owned());
        let value = self.schema_or_reference(&value, &value_pointer, &names::type_name(name));
        self.resolving.pop();
        let value = value?;
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
                let (request, request_example) = match &operation.request_body {
                    None => (None, None),
                    Some(body) => {
                        self.request_body(body, &join_pointer(&pointer, "requestBody"), &hint)?
                    }
                };
                let mut responses = Vec::new();
                for (status, response) in &operation.responses.responses {
                    let response_pointer =
                        join_pointer(&join_pointer(&pointer, "responses"), &status.to_string());
                    let StatusCode::Code(code) = status else {
                        return Err(self.error(
                            &response_pointer,
                            "status code ranges are not supported yet; list the status codes",
                        ));
                    };
                    responses.push(self.response(
                        *code,
                        response,
                        &response_pointer,
                        &format!("{hint}{code}"),
                    )?);
                }
                operations.push(Operation {
                    name,
                    method: method.to_uppercase(),
                    path: path.clone(),
                    summary: operation.summary.clone(),
                    docs: operation.description.clone(),
                    request,
                    request_example,
                    responses,
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
    ) -> Result<(Option<TypeRef>, Option<serde_json::Value>), Error> {
        let components = self.doc.components.as_ref().map(|c| &c.request_bodies);
        let body = self.component(components, "requestBodies", body, pointer)?;
        let example = body
            .content
            .iter()
            .find(|(media_type, _)| is_json(media_type))
            .and_then(|(_, media)| media.example.clone());
        let ty = self.json_body(
            &body.content,
            &join_pointer(pointer, "content"),
            &format!("{hint}Request"),
        )?;
        Ok((ty, example))
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
            docs: Some(response.description.clone()).filter(|docs| !docs.is_empty()),
            body: self.json_body(
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

    /// The type of the JSON content of a body, if it has one.
    fn json_body(
        &mut self,
        content: &IndexMap<String, openapiv3::MediaType>,
        pointer: &str,
        hint: &str,
    ) -> Result<Option<TypeRef>, Error> {
        let Some((media_type, media)) = content.iter().find(|(media_type, _)| is_json(media_type))
        else {
            return match content.keys().next() {
                None => Ok(None),
                Some(media_type) => Err(self.error(
                    &join_pointer(pointer, media_type),
                    format!("media type `{media_type}` is not supported yet; only JSON bodies are"),
                )),
            };
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

fn enumeration(values: Vec<&str>) -> Enum {
    let mut scope = Scope::default();
    let variants = values
        .into_iter()
        .map(|value| Variant {
            wire_name: value.to_owned(),
            rust_name: scope.claim(names::variant_name(value)),
        })
        .collect();
    Enum {
        fallback: scope.claim("Unknown".to_owned()),
        variants,
    }
}

/// Whether a schema describes an object with named properties (possibly through `allOf`).
fn is_struct(shape: &AnySchema) -> bool {
    !shape.properties.is_empty() || shape.all_of.len() > 1
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

/// Marks every type reachable from a request body, so emitters give those types validation
/// and constructors.
fn mark_request_types(types: &mut [TypeDef], operations: &[Operation]) {
    let index: HashMap<String, usize> = types
        .iter()
        .enumerate()
        .map(|(i, ty)| (ty.name.clone(), i))
        .collect();
    let mut pending: Vec<&TypeRef> = operations
        .iter()
        .filter_map(|op| op.request.as_ref())
        .collect();
    let mut reached = HashSet::new();
    let snapshot = types.to_vec();
    while let Some(ty) = pending.pop() {
        match ty {
            TypeRef::Named(name) => {
                if let Some(&i) = index.get(name) {
                    if reached.insert(i) {
                        match &snapshot[i].kind {
                            TypeKind::Struct(s) => pending.extend(s.fields.iter().map(|f| &f.ty)),
                            TypeKind::Alias(target) => pending.push(target),
                            TypeKind::Enum(_) => {}
                        }
                    }
                }
            }
            TypeRef::Array(item) | TypeRef::Map(item) => pending.push(item),
            TypeRef::Update { value, .. } => pending.push(value),
            _ => {}
        }
    }
    for i in reached {
        types[i].in_request = true;
    }
}
