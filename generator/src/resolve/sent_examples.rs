//! The documented request example of each operation as the example program and the mock's test
//! send it: without the fields the client adds itself, and fitted to the request type where the
//! documentation departs from the spec. Mews documents some examples that its own description
//! rejects (a required `Limitation` left out, `null` where no `null` is allowed, an interval
//! longer than the documented maximum); sent as written they could not even be read into the
//! request type. Each change is kept with the example, so that its rustdoc says what differs
//! from the documentation and why.

use chrono::{DateTime, Months, NaiveDate, SecondsFormat};
use serde_json::{Map, Value};

use super::example_walk::{Visitor, Walk};
use crate::error::join_pointer;
use crate::ir::{
    CommonField, ExampleFix, Field, FieldShape, Limits, Operation, SentExample, Struct, TypeDef,
    TypeKind, TypeRef,
};

/// How deep a value made up for a required field may nest: deeper, a recursive type is left
/// without one.
const MAX_DEPTH: usize = 8;

/// Sets the `sent_example` of every operation with a documented JSON request example.
pub(super) fn fit(
    types: &[TypeDef],
    operations: &mut [Operation],
    common_fields: &[CommonField],
    update_value_property: &str,
) {
    let walk = Walk::new(types, update_value_property);
    for operation in operations {
        let (Some(example), Some(request)) = (&operation.request_example, &operation.request)
        else {
            continue;
        };
        let mut body = example.clone();
        if let Some(fields) = body.as_object_mut() {
            for field in common_fields.iter().filter(|field| field.required) {
                fields.shift_remove(&field.wire_name);
            }
        }
        let mut fitter = Fitter {
            walk: &walk,
            page_count: operation.pagination.as_ref().map(|pagination| {
                (
                    pagination.count_field.as_str(),
                    pagination.default_page_size,
                )
            }),
            fixes: Vec::new(),
        };
        walk.walk(request, &mut body, "", &mut fitter);
        operation.sent_example = Some(SentExample {
            body,
            fixes: fitter.fixes,
        });
    }
}

struct Fitter<'a> {
    walk: &'a Walk<'a>,
    /// For a paginated operation: the page size field of its limitation (its Rust name) and
    /// the page size a limitation made up for the example asks for.
    page_count: Option<(&'a str, i64)>,
    fixes: Vec<ExampleFix>,
}

impl Visitor for Fitter<'_> {
    fn object(&mut self, _: &str, structure: &Struct, fields: &mut Map<String, Value>, at: &str) {
        self.fit_struct(structure, fields, at);
    }

    fn plain(&mut self, _: &TypeRef, value: &mut Value, at: &str) {
        self.unwrap_update_value(value, at);
    }
}

impl<'a> Fitter<'a> {
    /// An update value (`{"Value": …}`) written where the spec has a plain value becomes the
    /// value.
    fn unwrap_update_value(&mut self, value: &mut Value, pointer: &str) {
        let Value::Object(fields) = value else {
            return;
        };
        if fields.len() != 1 {
            return;
        }
        let property = self.walk.update_value_property;
        let Some(inner) = fields.get(property).cloned() else {
            return;
        };
        self.fixes.push(fix(
            pointer,
            format!(
                "an update value (`{{\"{property}\": …}}`) where the spec has a plain value; \
                 sent as the value"
            ),
        ));
        *value = inner;
    }

    fn fit_struct(&mut self, structure: &Struct, fields: &mut Map<String, Value>, pointer: &str) {
        fields.retain(|key, _| {
            let known = structure.fields.iter().any(|field| field.wire_name == *key);
            if !known {
                self.fixes.push(fix(
                    &join_pointer(pointer, key),
                    "a member the spec does not describe; not sent",
                ));
            }
            known
        });
        for field in &structure.fields {
            let at = join_pointer(pointer, &field.wire_name);
            let shape = field.shape();
            match fields.get_mut(&field.wire_name) {
                Some(Value::Null) if !field.nullable && shape != FieldShape::Update => {
                    if shape != FieldShape::Plain {
                        fields.shift_remove(&field.wire_name);
                        self.fixes
                            .push(fix(&at, "`null`, which the spec does not allow; left out"));
                    } else if let Some(value) = self.made_up(field) {
                        self.fixes.push(fix(
                            &at,
                            format!("`null`, which the spec does not allow; sent as `{value}`"),
                        ));
                        fields.insert(field.wire_name.clone(), value);
                    }
                }
                Some(value) => self.fit_limits(field, value, &at),
                None if shape == FieldShape::Plain => {
                    if let Some(value) = self.made_up(field) {
                        self.fixes.push(fix(
                            &at,
                            format!("left out, but the spec requires it; sent as `{value}`"),
                        ));
                        fields.insert(field.wire_name.clone(), value);
                    }
                }
                None => {}
            }
        }
    }

    /// A string outside its documented length and an interval longer than its documented
    /// maximum are replaced by values within the limits.
    fn fit_limits(&mut self, field: &Field, value: &mut Value, at: &str) {
        let limits = &field.limits;
        if let Value::String(text) = value {
            let length = text.chars().count();
            let too_short = limits.min_length.is_some_and(|min| length < min);
            let too_long = limits.max_length.is_some_and(|max| length > max);
            if too_short || too_long {
                let fitted = Value::String(made_up_string(limits));
                self.fixes.push(fix(
                    at,
                    format!("`{value}`, of a length the spec does not allow; sent as `{fitted}`"),
                ));
                *value = fitted;
            }
        }
        if let (Some(ends), Some(months)) = (&field.interval, limits.max_interval_months) {
            let Some([start_name, end_name]) = self.wire_names(&field.ty, [&ends.start, &ends.end])
            else {
                return;
            };
            let start = value.get(start_name).and_then(Value::as_str);
            let end = value.get(end_name).and_then(Value::as_str);
            if let Some(latest) = start
                .zip(end)
                .and_then(|(start, end)| later_end(start, end, months))
            {
                self.fixes.push(fix(
                    &join_pointer(at, end_name),
                    format!(
                        "an interval longer than the {months} months the spec allows; \
                         sent ending at `{}`",
                        Value::from(latest.as_str())
                    ),
                ));
                value[end_name] = Value::String(latest);
            }
        }
    }

    /// The wire names of the fields of the struct `ty` names with the Rust names `rust_names`.
    fn wire_names<const N: usize>(
        &self,
        ty: &TypeRef,
        rust_names: [&str; N],
    ) -> Option<[&'a str; N]> {
        let structure = self.walk.structure(ty)?;
        let wire_name = |rust_name: &str| {
            let field = structure
                .fields
                .iter()
                .find(|field| field.rust_name == rust_name)?;
            Some(field.wire_name.as_str())
        };
        let names = rust_names.map(wire_name);
        names
            .iter()
            .all(Option::is_some)
            .then(|| names.map(Option::unwrap))
    }

    /// A value of a required field the documentation leaves out, within the field's limits; a
    /// paginated request's limitation asks for the page size the client's walks start with.
    fn made_up(&self, field: &Field) -> Option<Value> {
        let mut value = self.made_up_value(&field.ty, &field.limits, 0)?;
        if let (Some(_), Some((count, page_size))) = (field.page_size, self.page_count) {
            if let Some([count]) = self.wire_names(&field.ty, [count]) {
                value[count] = Value::from(page_size);
            }
        }
        Some(value)
    }

    fn made_up_value(&self, ty: &TypeRef, limits: &Limits, depth: usize) -> Option<Value> {
        if depth > MAX_DEPTH {
            return None;
        }
        Some(match ty {
            TypeRef::String => Value::String(made_up_string(limits)),
            TypeRef::Bool => Value::Bool(false),
            TypeRef::I32 | TypeRef::I64 => {
                let least = limits.minimum.unwrap_or(0).max(0);
                Value::from(limits.maximum.map_or(least, |most| least.min(most)))
            }
            TypeRef::F32 | TypeRef::F64 => Value::from(0),
            TypeRef::Uuid => Value::from("00000000-0000-0000-0000-000000000000"),
            TypeRef::DateTime => Value::from("2024-01-01T00:00:00Z"),
            TypeRef::Date => Value::from("2024-01-01"),
            TypeRef::Base64 => Value::from(""),
            TypeRef::Json | TypeRef::Map(_) => Value::Object(Map::new()),
            TypeRef::Array(item) => {
                let count = limits.min_items.unwrap_or(0);
                let item = match count {
                    0 => None,
                    _ => Some(self.made_up_value(item, &Limits::default(), depth + 1)?),
                };
                Value::Array(item.into_iter().cycle().take(count).collect())
            }
            TypeRef::Boxed(inner) => self.made_up_value(inner, limits, depth)?,
            TypeRef::Named(name) => match &self.walk.types.get(name.as_str())?.kind {
                TypeKind::Struct(structure) => {
                    let mut fields = Map::new();
                    for field in &structure.fields {
                        if field.shape() == FieldShape::Plain {
                            let value = self.made_up_value(&field.ty, &field.limits, depth + 1)?;
                            fields.insert(field.wire_name.clone(), value);
                        }
                    }
                    Value::Object(fields)
                }
                TypeKind::Enum(enumeration) => {
                    let first = enumeration.variants.first()?;
                    match first.integer {
                        Some(number) => Value::from(number),
                        None => Value::from(first.wire_name.as_str()),
                    }
                }
                TypeKind::Alias(target) => self.made_up_value(target, limits, depth)?,
                TypeKind::Union(_) => return None,
            },
            TypeRef::Update { .. } | TypeRef::Bytes | TypeRef::File => return None,
        })
    }
}

/// `example`, cut or padded to the documented length.
fn made_up_string(limits: &Limits) -> String {
    let word = "example";
    let least = limits.min_length.unwrap_or(0);
    let most = limits.max_length.unwrap_or(usize::MAX);
    if (least..=most).contains(&word.len()) {
        word.to_owned()
    } else {
        "x".repeat(least.max(1).min(most))
    }
}

/// The latest end an interval from `start` may have, written as `start` is (a date-time or a
/// date), when `end` is later than that; `None` when the interval is within the limit or its
/// ends are not both date-times or both dates.
fn later_end(start: &str, end: &str, months: u32) -> Option<String> {
    if let (Ok(start), Ok(end)) = (
        DateTime::parse_from_rfc3339(start),
        DateTime::parse_from_rfc3339(end),
    ) {
        let latest = start.checked_add_months(Months::new(months))?;
        return (end > latest).then(|| latest.to_rfc3339_opts(SecondsFormat::AutoSi, true));
    }
    let date = |text| NaiveDate::parse_from_str(text, "%Y-%m-%d").ok();
    let (start, end) = (date(start)?, date(end)?);
    let latest = start.checked_add_months(Months::new(months))?;
    (end > latest).then(|| latest.format("%Y-%m-%d").to_string())
}

fn fix(pointer: &str, change: impl Into<String>) -> ExampleFix {
    ExampleFix {
        pointer: pointer.to_owned(),
        change: change.into(),
    }
}
