//! Request bodies: which media type is sent, and how the typed request is written in it.

use indexmap::IndexMap;
use openapiv3::{ReferenceOr, RequestBody};

use super::operations::{is_json, query_style};
use super::{RequestBodyShape, Resolver};
use crate::error::{join_pointer, Error};
use crate::ir::{BodyEncoding, EncodedField, PartKind, Style, TypeKind, TypeRef};

const FORM: &str = "application/x-www-form-urlencoded";
const MULTIPART: &str = "multipart/form-data";

impl Resolver<'_> {
    /// The type, media type, encoding and documented example of a request body. JSON is
    /// preferred, then a form, then a multipart form; any other media type is raw bytes.
    pub(super) fn request_body(
        &mut self,
        body: &ReferenceOr<RequestBody>,
        pointer: &str,
        hint: &str,
    ) -> Result<RequestBodyShape, Error> {
        let components = self.doc.components.as_ref().map(|c| &c.request_bodies);
        let body = self.component(components, "requestBodies", body, pointer)?;
        let essence = |media_type: &str| {
            media_type
                .split(';')
                .next()
                .unwrap_or_default()
                .trim()
                .to_ascii_lowercase()
        };
        let chosen = body
            .content
            .iter()
            .find(|(media_type, _)| is_json(media_type))
            .or_else(|| {
                body.content
                    .iter()
                    .find(|(media_type, _)| essence(media_type) == FORM)
            })
            .or_else(|| {
                body.content
                    .iter()
                    .find(|(media_type, _)| essence(media_type) == MULTIPART)
            })
            .or_else(|| body.content.iter().next());
        let Some((media_type, media)) = chosen else {
            return Ok(RequestBodyShape::default());
        };
        let schema_pointer = join_pointer(
            &join_pointer(&join_pointer(pointer, "content"), media_type),
            "schema",
        );
        let hint = format!("{hint}Request");
        let mut shape = RequestBodyShape {
            media_type: Some(media_type.clone()),
            optional: !body.required,
            ..RequestBodyShape::default()
        };
        let kind = essence(media_type);
        match &media.schema {
            Some(schema) if is_json(media_type) => {
                shape.ty = Some(self.schema_or_reference(schema, &schema_pointer, &hint)?.ty);
                shape.example = media.example.clone();
            }
            None if is_json(media_type) => shape.ty = Some(TypeRef::Json),
            Some(schema) if kind == FORM || kind == MULTIPART => {
                let ty = self.schema_or_reference(schema, &schema_pointer, &hint)?.ty;
                let fields = self.encoded_fields(&ty, &media.encoding);
                shape.encoding = match (kind == MULTIPART, fields) {
                    (false, fields) => BodyEncoding::Form {
                        fields: fields
                            .unwrap_or_default()
                            .into_iter()
                            .filter(|field| field.style != Style::Form)
                            .collect(),
                    },
                    (true, Some(fields)) => BodyEncoding::Multipart { fields },
                    // A multipart body that is not an object has no parts to name.
                    (true, None) => BodyEncoding::Raw,
                };
                shape.ty = Some(match shape.encoding {
                    BodyEncoding::Raw => TypeRef::Bytes,
                    _ => ty,
                });
            }
            _ => {
                shape.ty = Some(TypeRef::Bytes);
                shape.encoding = BodyEncoding::Raw;
            }
        }
        Ok(shape)
    }

    /// How each property of the struct `ty` is written in a form or multipart body, from the
    /// media type's `encoding`; `None` when `ty` is not a struct.
    fn encoded_fields(
        &self,
        ty: &TypeRef,
        encoding: &IndexMap<String, openapiv3::Encoding>,
    ) -> Option<Vec<EncodedField>> {
        let TypeKind::Struct(structure) = &self.definition(ty)?.kind else {
            return None;
        };
        Some(
            structure
                .fields
                .iter()
                .map(|field| {
                    let spec = encoding.get(&field.wire_name);
                    EncodedField {
                        wire_name: field.wire_name.clone(),
                        rust_name: field.rust_name.clone(),
                        style: spec.map_or(Style::Form, |spec| {
                            query_style(
                                spec.style.as_ref().unwrap_or(&openapiv3::QueryStyle::Form),
                                Some(spec.explode),
                            )
                        }),
                        part: self.part_kind(&field.ty),
                        content_type: spec.and_then(|spec| spec.content_type.clone()),
                    }
                })
                .collect(),
        )
    }

    /// What a multipart part of this type holds: files, JSON for objects and arrays of them,
    /// text for primitives, enums and arrays of them.
    fn part_kind(&self, ty: &TypeRef) -> PartKind {
        // Only a property that is itself a file (or an array of files) is sent as one; see
        // `passes::confine_files`.
        if let TypeRef::File = ty
            .walk()
            .find(|ty| !matches!(ty, TypeRef::Array(_)))
            .unwrap_or(ty)
        {
            return PartKind::File;
        }
        let single = match self.underlying(ty) {
            TypeRef::Array(item) => self.underlying(&item),
            ty => ty,
        };
        match single {
            TypeRef::File => PartKind::File,
            TypeRef::Named(_) => match self.definition(&single).map(|def| &def.kind) {
                Some(TypeKind::Enum(_)) => PartKind::Text,
                _ => PartKind::Json,
            },
            TypeRef::Array(_)
            | TypeRef::Map(_)
            | TypeRef::Json
            | TypeRef::Boxed(_)
            | TypeRef::Update { .. } => PartKind::Json,
            _ => PartKind::Text,
        }
    }

    /// The type an alias stands for, through chains of aliases.
    fn underlying(&self, ty: &TypeRef) -> TypeRef {
        let mut ty = ty.clone();
        for _ in 0..=self.types.len() {
            let TypeRef::Named(name) = &ty else {
                break;
            };
            match self
                .types
                .iter()
                .find(|def| def.name == *name)
                .map(|def| &def.kind)
            {
                Some(TypeKind::Alias(target)) => ty = target.clone(),
                _ => break,
            }
        }
        ty
    }

    /// The definition of a named type, through aliases.
    fn definition(&self, ty: &TypeRef) -> Option<&crate::ir::TypeDef> {
        let TypeRef::Named(name) = self.underlying(ty) else {
            return None;
        };
        self.types.iter().find(|def| def.name == name)
    }
}
