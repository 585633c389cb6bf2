//! A table row as a property: its type column, contract and description.
//!
//! Rules: "optional" is `nullable: true` (the page's only meaning of the word); `array,null`
//! is a nullable array of strings (the type list of an OpenAPI 3.1 schema); `decimal` and
//! `number` are numbers, `integer` an `int32` until a rule says otherwise; a deprecated
//! row's description, when the page blanks it, is its deprecation message (the generator
//! blanks a description equal to the message).

use super::Inputs;
use crate::docs::SectionAt;
use crate::identify::links;
use crate::page::{Row, TypeCell};
use crate::schema::{Property, Type};
use crate::Error;

/// The credentials every request carries.
pub const CREDENTIALS: [&str; 3] = ["ClientToken", "AccessToken", "Client"];

/// Where a row is.
#[derive(Debug, Clone, Copy)]
pub struct From<'a> {
    /// The id of the schema the row belongs to.
    pub schema: &'a str,
    /// The section, when on a generated page.
    pub section: Option<SectionAt>,
    /// The file, as links name it.
    pub file: &'a str,
    /// The row.
    pub row: &'a Row,
}

/// The property of a row.
pub fn property(inputs: &Inputs<'_>, row: &Row, from: From<'_>) -> Result<Property, Error> {
    let ty = value_type(inputs, row, from)?;
    let deprecated = row.deprecated.clone();
    let description = match &deprecated {
        Some(message) if row.description.is_empty() => message.clone(),
        _ => row.description.clone(),
    };
    Ok(Property {
        name: row.name.clone(),
        ty,
        description,
        nullable: row.contract.nullable || row.ty == TypeCell::NullableArray,
        deprecated,
        max_length: row.contract.max_length,
        max_items: row.contract.max_items,
        max_months: row.contract.max_months,
    })
}

/// The type of a row.
pub fn value_type(inputs: &Inputs<'_>, row: &Row, from: From<'_>) -> Result<Type, Error> {
    cell_type(inputs, &row.ty, from)
}

fn cell_type(inputs: &Inputs<'_>, cell: &TypeCell, from: From<'_>) -> Result<Type, Error> {
    Ok(match cell {
        TypeCell::Word(word) => match word.as_str() {
            "string" => Type::String(None),
            "integer" => Type::Integer("int32"),
            "number" | "decimal" => Type::Number,
            "boolean" => Type::Boolean,
            "object" => Type::Object,
            _ => Type::Any,
        },
        TypeCell::NullableArray => Type::Array(Box::new(Type::String(None))),
        TypeCell::Array(items) => Type::Array(Box::new(cell_type(inputs, items, from)?)),
        TypeCell::Link(link) => Type::reference(&resolve(inputs, link, from)?),
        TypeCell::Typed(word, link) => {
            let reference = Type::reference(&resolve(inputs, link, from)?);
            if word == "array" {
                Type::Array(Box::new(reference))
            } else {
                reference
            }
        }
    })
}

fn resolve(inputs: &Inputs<'_>, link: &crate::page::Link, from: From<'_>) -> Result<String, Error> {
    inputs.resolve_link(
        link,
        links::From {
            schema: from.schema,
            property: &from.row.name,
            section: from.section,
            file: from.file,
            line: from.row.line,
        },
    )
}
