//! What the pages lose, inferred by rules that hold across the API, and the overrides where
//! none does.
//!
//! Formats of strings, in order: a description that says Base64 is `byte`; a name ending in
//! `Utc` is `date-time`, one ending in `Date` a `date` (unless an example gives it a time of
//! day other than midnight); the documented example values, when they all agree, say `uuid`,
//! `date` or `date-time`; an example value of another kind rules out `uuid`; else a
//! description of a date in ISO 8601 (and no time) is a `date`, and a name ending in
//! `Id`/`Ids` described as an identifier or an ID (or not described), or a description that
//! starts "Unique identifier", is a `uuid`.
//! Integers are `int32`, or `int64` when described as up to 19 digits or when an example
//! exceeds 32 bits; numbers are `double`, as Swashbuckle writes C# `decimal`.
//! An update value's format is written beside its reference, from the wrapping property; the
//! shared update values take their value's type from their C# id (`Guid...` a uuid, `Int32...`
//! an integer, `Decimal...` a number).
//! Order: the page moves deprecated rows last and `Limitation` after all others; the
//! published order has `Limitation` right after the credentials, and a deprecated property
//! goes back after the key its examples write before it.

use serde_json::Value;

use crate::build::property::CREDENTIALS;
use crate::build::Components;
use crate::evidence::{is_update_value, Evidence};
use crate::overrides::Overrides;
use crate::schema::{Property, Shape, Type};
use crate::Error;

/// Applies the rules and the property overrides to every schema.
pub fn apply(
    components: &mut Components,
    evidence: &Evidence,
    overrides: &Overrides,
) -> Result<(), Error> {
    let update_values: Vec<String> = components
        .values()
        .filter(|component| is_update_value(component))
        .map(|component| component.id.clone())
        .collect();
    for id in &update_values {
        let component = components.get_mut(id).expect("listed");
        if let (Some(ty), Shape::Object(object)) = (value_type_of_id(id), &mut component.shape) {
            object.properties[0].ty = ty;
        }
    }
    for component in components.values_mut() {
        // A shared update value's value has no format of its own: each use writes it beside
        // the reference.
        let update_value = update_values.contains(&component.id);
        let Shape::Object(object) = &mut component.shape else {
            continue;
        };
        for property in &mut object.properties {
            let values = evidence
                .values
                .get(&(component.id.clone(), property.name.clone()))
                .map(Vec::as_slice)
                .unwrap_or_default();
            if !update_value {
                infer(property, values, &update_values);
            }
            if let Some(fix) = overrides.property(&component.id, &property.name) {
                apply_fix(property, fix, &component.origin)?;
            }
        }
        let orders = evidence
            .key_orders
            .get(&component.id)
            .map(Vec::as_slice)
            .unwrap_or_default();
        restore_order(&mut object.properties, orders);
    }
    Ok(())
}

/// The value type a shared update value's C# id names.
fn value_type_of_id(id: &str) -> Option<Type> {
    let ty = if id.starts_with("guidienumerable") {
        Type::Array(Box::new(Type::String(Some("uuid"))))
    } else if id.starts_with("guid") {
        Type::String(Some("uuid"))
    } else if id.starts_with("int32") {
        Type::Integer("int32")
    } else if id.starts_with("decimal") {
        Type::Number
    } else {
        return None;
    };
    Some(ty)
}

fn infer(property: &mut Property, values: &[Value], update_values: &[String]) {
    let (name, description) = (property.name.clone(), property.description.clone());
    let format = |values: &[Value]| string_format(&name, &description, values);
    match &mut property.ty {
        Type::String(slot @ None) => *slot = format(values),
        Type::Integer(width) => *width = integer_width(&description, values),
        Type::Array(items) => match items.as_mut() {
            Type::String(slot @ None) => *slot = format(values),
            Type::Integer(width) => *width = integer_width(&description, values),
            _ => {}
        },
        Type::Ref { id, format: beside }
            if update_values.contains(id) && value_type_of_id(id).is_none() =>
        {
            let strings: Vec<Value> = values
                .iter()
                .filter(|v| !v.is_boolean() && !v.is_number())
                .cloned()
                .collect();
            if values.iter().all(|v| v.is_string() || v.is_null()) {
                *beside = format(&strings);
            }
        }
        _ => {}
    }
}

/// The format of a string property.
pub fn string_format(name: &str, description: &str, values: &[Value]) -> Option<&'static str> {
    if description.to_ascii_lowercase().contains("base64") {
        return Some("byte");
    }
    if name.ends_with("Utc") {
        return Some("date-time");
    }
    if name.ends_with("Date") {
        // A date written as a date-time is at midnight; another time of day makes it one.
        let timed = values
            .iter()
            .filter_map(Value::as_str)
            .any(|text| Kind::of(text) == Kind::DateTime && !text[10..].starts_with("T00:00:00"));
        return Some(if timed { "date-time" } else { "date" });
    }
    let kinds: Vec<Kind> = values
        .iter()
        .filter_map(Value::as_str)
        .map(Kind::of)
        .collect();
    if let Some(first) = kinds.first() {
        if kinds.iter().all(|kind| kind == first) {
            return first.format();
        }
        return None;
    }
    let lower = description.to_ascii_lowercase();
    let says_date = lower
        .split(|c: char| !c.is_ascii_alphanumeric())
        .any(|word| word == "date" || word == "dates");
    if says_date && lower.contains("iso 8601") && !lower.contains("time") {
        return Some("date");
    }
    // An `...Id` described as an identifier (or an ID), or not described at all.
    let names_an_identifier = lower.is_empty()
        || lower.contains("identifier")
        || lower
            .split(|c: char| !c.is_ascii_alphanumeric())
            .any(|word| word == "id" || word == "ids");
    let identifier = (name.ends_with("Id") || name.ends_with("Ids")) && names_an_identifier;
    (identifier || description.starts_with("Unique identifier")).then_some("uuid")
}

fn integer_width(description: &str, values: &[Value]) -> &'static str {
    let beyond_32_bits = values
        .iter()
        .filter_map(Value::as_i64)
        .any(|n| i32::try_from(n).is_err());
    if beyond_32_bits || description.contains("19 digits") {
        "int64"
    } else {
        "int32"
    }
}

/// What an example string looks like.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Uuid,
    Date,
    DateTime,
    Other,
}

impl Kind {
    fn of(text: &str) -> Self {
        if is_uuid(text) {
            Kind::Uuid
        } else if is_date(text) {
            Kind::Date
        } else if text.get(..10).is_some_and(is_date) && text.as_bytes().get(10) == Some(&b'T') {
            Kind::DateTime
        } else {
            Kind::Other
        }
    }

    fn format(self) -> Option<&'static str> {
        match self {
            Kind::Uuid => Some("uuid"),
            Kind::Date => Some("date"),
            Kind::DateTime => Some("date-time"),
            Kind::Other => None,
        }
    }
}

fn is_uuid(text: &str) -> bool {
    let groups: Vec<&str> = text.split('-').collect();
    groups.len() == 5
        && groups
            .iter()
            .zip([8, 4, 4, 4, 12])
            .all(|(group, len)| group.len() == len && group.chars().all(|c| c.is_ascii_hexdigit()))
}

fn is_date(text: &str) -> bool {
    let bytes = text.as_bytes();
    bytes.len() == 10
        && bytes[4] == b'-'
        && bytes[7] == b'-'
        && bytes
            .iter()
            .enumerate()
            .all(|(i, b)| i == 4 || i == 7 || b.is_ascii_digit())
}

fn apply_fix(
    property: &mut Property,
    fix: &crate::overrides::PropertyFix,
    origin: &str,
) -> Result<(), Error> {
    if let Some(nullable) = fix.nullable {
        property.nullable = nullable;
    }
    if fix.ty.is_none() && fix.format.is_none() {
        return Ok(());
    }
    let format: Option<&'static str> = match fix.format.as_deref() {
        None => None,
        Some("uuid") => Some("uuid"),
        Some("date") => Some("date"),
        Some("date-time") => Some("date-time"),
        Some("byte") => Some("byte"),
        Some("int32") => Some("int32"),
        Some("int64") => Some("int64"),
        Some(other) => {
            return Err(Error::in_section(
                origin,
                &property.name,
                format!("the overrides give the unknown format `{other}`"),
            ))
        }
    };
    let ty = match fix.ty.as_deref() {
        Some("integer") => Type::Integer(format.unwrap_or("int32")),
        Some("number") => Type::Number,
        Some("string") => Type::String(format),
        Some("boolean") => Type::Boolean,
        None => match &property.ty {
            Type::String(_) => Type::String(format),
            Type::Integer(_) => Type::Integer(format.unwrap_or("int32")),
            Type::Ref { id, .. } => Type::Ref {
                id: id.clone(),
                format,
            },
            other => other.clone(),
        },
        Some(other) => {
            return Err(Error::in_section(
                origin,
                &property.name,
                format!("the overrides give the unknown type `{other}`"),
            ))
        }
    };
    property.ty = match &property.ty {
        Type::Array(_) => Type::Array(Box::new(ty)),
        _ => ty,
    };
    Ok(())
}

/// Moves `Limitation` after the credentials, and each deprecated property after the key the
/// examples write before it.
fn restore_order(properties: &mut Vec<Property>, orders: &[Vec<String>]) {
    let credentials_end = properties
        .iter()
        .take_while(|p| CREDENTIALS.contains(&p.name.as_str()))
        .count();
    if credentials_end == CREDENTIALS.len() {
        if let Some(limitation) = properties.iter().position(|p| p.name == "Limitation") {
            let property = properties.remove(limitation);
            properties.insert(credentials_end, property);
        }
    }
    // Deprecated properties in the order the examples write them; each goes after the
    // nearest key before it that is already in place.
    let mut pending: Vec<String> = properties
        .iter()
        .filter(|p| p.deprecated.is_some())
        .map(|p| p.name.clone())
        .collect();
    let example_order: Vec<&String> = orders.iter().flatten().collect();
    pending.sort_by_key(|name| {
        example_order
            .iter()
            .position(|key| *key == name)
            .unwrap_or(usize::MAX)
    });
    for index in 0..pending.len() {
        let name = &pending[index];
        let placed = |key: &String| {
            properties.iter().any(|p| &p.name == key) && !pending[index..].contains(key)
        };
        let before = orders.iter().find_map(|keys| {
            let at = keys.iter().position(|key| key == name)?;
            keys[..at].iter().rev().find(|key| placed(key)).cloned()
        });
        let Some(before) = before else {
            continue;
        };
        let from = properties
            .iter()
            .position(|p| &p.name == name)
            .expect("listed");
        let property = properties.remove(from);
        let to = properties
            .iter()
            .position(|p| p.name == before)
            .expect("present")
            + 1;
        properties.insert(to, property);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn property(name: &str, deprecated: bool) -> Property {
        Property {
            name: name.into(),
            ty: Type::Boolean,
            description: String::new(),
            nullable: false,
            deprecated: deprecated.then(String::new),
            max_length: None,
            max_items: None,
            max_months: None,
        }
    }

    #[test]
    fn deprecated_properties_go_back_in_the_examples_order() {
        let mut properties = vec![
            property("A", false),
            property("B", false),
            property("Old1", true),
            property("Old2", true),
        ];
        let example = vec!["A".to_string(), "Old2".into(), "Old1".into(), "B".into()];
        restore_order(&mut properties, &[example]);
        let names: Vec<&str> = properties.iter().map(|p| p.name.as_str()).collect();
        assert_eq!(names, ["A", "Old2", "Old1", "B"]);
    }

    #[test]
    fn formats_by_description_name_and_examples() {
        assert_eq!(
            string_format("Data", "Base64-encoded data.", &[]),
            Some("byte")
        );
        assert_eq!(
            string_format("CreatedUtc", "Creation time.", &[json!("2020-01-01")]),
            Some("date-time")
        );
        assert_eq!(
            string_format(
                "ExpirationDate",
                "Expiry.",
                &[json!("2040-10-24T00:00:00Z")]
            ),
            Some("date")
        );
        assert_eq!(
            string_format(
                "ExpirationDate",
                "Expiry.",
                &[json!("2029-11-04T13:00:00Z")]
            ),
            Some("date-time")
        );
        assert_eq!(
            string_format("Start", "Start.", &[json!("2025-09-01")]),
            Some("date")
        );
        assert_eq!(
            string_format("Cursor", "Unique identifier of the last item.", &[]),
            Some("uuid")
        );
        assert_eq!(
            string_format("CustomerId", "Identifier of the `Customer`.", &[]),
            Some("uuid")
        );
        assert_eq!(
            string_format(
                "FiscalMachineId",
                "Identifier of the machine.",
                &[json!("FM-001")]
            ),
            None
        );
        assert_eq!(
            string_format(
                "Code",
                "Code.",
                &[json!("3fa85f64-5717-4562-b3fc-2c963f66afa6")]
            ),
            Some("uuid")
        );
        assert_eq!(
            string_format("Mixed", "Text.", &[json!("2020-01-01"), json!("x")]),
            None
        );
        assert_eq!(
            string_format("Expiration", "Expiration date in ISO 8601 format.", &[]),
            Some("date")
        );
        assert_eq!(
            string_format("Start", "Start date and time in ISO 8601 format.", &[]),
            None
        );
        assert_eq!(
            string_format("CorrectedBillId", "The ID of the bill.", &[]),
            Some("uuid")
        );
        assert_eq!(string_format("ReservationId", "", &[]), Some("uuid"));
        assert_eq!(
            string_format("ProviderId", "Code of the provider.", &[]),
            None
        );
    }

    #[test]
    fn integers_widen_for_19_digits_or_big_examples() {
        assert_eq!(integer_width("Number (max 19 digits).", &[]), "int64");
        assert_eq!(
            integer_width("Count.", &[json!(5_000_000_000_i64)]),
            "int64"
        );
        assert_eq!(integer_width("Count.", &[json!(5)]), "int32");
    }
}
