//! Changes of the named types: structs (request and result types), enums, unions, aliases.

use crate::ir::{Api, Enum, Field, Struct, TypeDef, TypeKind, Union};

use super::pairs::{pair_by, reordered};
use super::{limits, Change, Recorder, Subject, REORDERED};

pub(super) fn compare(old: &Api, new: &Api, changes: &mut Vec<Change>) {
    let pairs = pair_by(&old.types, &new.types, |def| def.name.as_str());
    for (old_def, new_def) in pairs.both {
        let mut recorder = Recorder::new(Subject::Type(new_def.name.clone()), changes);
        type_def(old_def, new_def, &mut recorder);
        super::features::moved(
            &format!("`{}`", new_def.name),
            old_def.feature.as_deref(),
            new_def.feature.as_deref(),
            !old.features.is_empty(),
            &mut recorder,
        );
    }
    for def in pairs.added {
        Recorder::new(Subject::Type(def.name.clone()), changes).compatible(
            format!("new {} `{}`", kind_name(&def.kind), def.name),
            "a new type; nothing that exists changes",
        );
    }
    for def in pairs.removed {
        Recorder::new(Subject::Type(def.name.clone()), changes).breaking(
            format!("{} `{}` removed", kind_name(&def.kind), def.name),
            "code that names it no longer compiles",
        );
    }
}

fn type_def(old: &TypeDef, new: &TypeDef, recorder: &mut Recorder) {
    let name = new.name.as_str();
    recorder.text(&old.docs, &new.docs, format!("description of `{name}`"));
    if let (Some(old_fallback), Some(new_fallback)) = (fallback(&old.kind), fallback(&new.kind)) {
        renamed(
            recorder,
            "catch-all variant",
            name,
            old_fallback,
            new_fallback,
            "unknown values",
        );
    }
    match (&old.kind, &new.kind) {
        (TypeKind::Struct(old_struct), TypeKind::Struct(new_struct)) => {
            role(old, new, recorder);
            structure(old, new, old_struct, new_struct, recorder);
        }
        (TypeKind::Enum(old_enum), TypeKind::Enum(new_enum)) => {
            enumeration(name, old_enum, new_enum, recorder)
        }
        (TypeKind::Union(old_union), TypeKind::Union(new_union)) => {
            union(name, old_union, new_union, recorder)
        }
        (TypeKind::Alias(old_target), TypeKind::Alias(new_target)) => {
            if old_target != new_target {
                recorder.breaking(
                    format!("alias `{name}` is now `{new_target}` (was `{old_target}`)"),
                    "code that uses it as the old type no longer compiles",
                );
            }
        }
        (old_kind, new_kind) => recorder.breaking(
            format!(
                "`{name}` is now {} {} (was {} {})",
                article(new_kind),
                kind_name(new_kind),
                article(old_kind),
                kind_name(old_kind)
            ),
            format!(
                "code that builds, matches or reads it as {} {} no longer compiles",
                article(old_kind),
                kind_name(old_kind)
            ),
        ),
    }
}

/// A struct that moves between requests and results changes how it is built: request types
/// have `new(required fields)` and setters; results, and requests without required fields,
/// `Default`.
fn role(old: &TypeDef, new: &TypeDef, recorder: &mut Recorder) {
    let name = new.name.as_str();
    match (old.in_request, new.in_request) {
        (true, false) => recorder.breaking(
            format!(
                "`{name}` is no longer used in requests: `{name}::new` and its setters are gone"
            ),
            "code that builds it no longer compiles",
        ),
        (false, true) => recorder.compatible(
            format!("`{name}` is now used in requests: it gains `{name}::new` and setters"),
            "new functions; nothing that exists changes",
        ),
        _ => {}
    }
    match (old.has_default, new.has_default) {
        (true, false) => recorder.breaking(
            format!("`{name}` no longer implements `Default`"),
            format!("code that calls `{name}::default()` no longer compiles"),
        ),
        (false, true) => recorder.compatible(
            format!("`{name}` now implements `Default`"),
            "a new implementation; nothing that exists changes",
        ),
        _ => {}
    }
}

fn structure<'a>(
    old_def: &TypeDef,
    new_def: &TypeDef,
    old: &'a Struct,
    new: &'a Struct,
    recorder: &mut Recorder,
) {
    let name = new_def.name.as_str();
    let in_request = new_def.in_request;
    let mut pairs = pair_by(&old.fields, &new.fields, |field| field.wire_name.as_str());
    let renamed_on_wire = pairs.rematch(|field| field.rust_name.as_str());
    for (old_field, new_field) in pairs.both {
        field(name, old_field, new_field, in_request, recorder);
    }
    for (old_field, new_field) in renamed_on_wire {
        recorder.behaviour(
            format!(
                "field `{name}::{}` is `{}` on the wire (was `{}`)",
                new_field.rust_name, new_field.wire_name, old_field.wire_name
            ),
            if in_request {
                "the same Rust field is sent under the new name"
            } else {
                "the same Rust field is read from the new name"
            },
        );
        field(name, old_field, new_field, in_request, recorder);
    }
    for added in pairs.added {
        let item = field_item(name, added);
        let ty = added.rust_type();
        if !in_request {
            recorder.compatible(
                format!("new field {item}: `{ty}`, in a result"),
                "result types are `#[non_exhaustive]`: code reads their fields and never lists them all",
            );
        } else if added.is_constructor_argument() {
            recorder.breaking(
                format!("new required field {item}: `{ty}`"),
                format!("`{name}::new` takes it as a new argument"),
            );
        } else {
            recorder.compatible(
                format!("new optional field {item}: `{ty}`"),
                format!("request types are `#[non_exhaustive]`: it gets a setter and `{name}::new` is unchanged"),
            );
        }
    }
    for removed in pairs.removed {
        recorder.breaking(
            format!("field {} removed", field_item(name, removed)),
            "code that uses it no longer compiles",
        );
    }
    if old_def.in_request && in_request {
        let arguments = |structure: &'a Struct| {
            structure
                .fields
                .iter()
                .filter(|field| field.is_constructor_argument())
        };
        if let Some(order) = reordered(arguments(old), arguments(new), |field| {
            format!("`{}`", field.rust_name)
        }) {
            recorder.breaking(
                format!(
                    "`{name}::new` takes its arguments in a new order: {}",
                    order.join(", ")
                ),
                REORDERED,
            );
        }
    }
}

/// One field in both versions, of a request type if `in_request`.
fn field(name: &str, old: &Field, new: &Field, in_request: bool, recorder: &mut Recorder) {
    let item = field_item(name, new);
    renamed(
        recorder,
        "field",
        name,
        &old.rust_name,
        &new.rust_name,
        &new.wire_name,
    );
    let (old_type, new_type) = (old.rust_type(), new.rust_type());
    if old_type != new_type {
        let why = match (
            in_request,
            old.is_constructor_argument(),
            new.is_constructor_argument(),
        ) {
            (false, ..) => "code that reads it no longer compiles".to_owned(),
            (true, false, true) => format!("`{name}::new` now takes it as an argument, and code that sets it no longer compiles"),
            (true, true, false) => format!("`{name}::new` no longer takes it, and code that passes it no longer compiles"),
            (true, ..) => "code that sets it no longer compiles".to_owned(),
        };
        recorder.breaking(
            format!("field {item} changed type from `{old_type}` to `{new_type}`"),
            why,
        );
    } else if in_request && sends_null(old) != sends_null(new) {
        recorder.behaviour(
            format!(
                "field {item} is now {}",
                if sends_null(new) {
                    "required and nullable"
                } else {
                    "optional"
                }
            ),
            if sends_null(new) {
                "`None` is now sent as `null` instead of being left out"
            } else {
                "`None` is now left out instead of being sent as `null`"
            },
        );
    }
    // Limits of another type (a string's length, now an integer) are not comparable: the type
    // change says it all.
    let comparable = old_type == new_type;
    if comparable && in_request {
        limits::compare(recorder, &format!("field {item}"), &old.limits, &new.limits);
    } else if comparable && old.limits != new.limits {
        recorder.documentation(
            format!("limits of field {item} changed"),
            "limits are checked on requests only",
        );
    }
    recorder.deprecation(
        &format!("field {item}"),
        old.deprecated.is_some(),
        new.deprecated.is_some(),
        new.deprecated.as_deref(),
    );
    if old.deprecated.is_some() && new.deprecated.is_some() {
        recorder.text(
            &old.deprecated,
            &new.deprecated,
            format!("deprecation note of field {item}"),
        );
    }
    recorder.text(&old.docs, &new.docs, format!("description of field {item}"));
}

/// Whether an unset optional field is sent as `null` (required and nullable) rather than
/// left out.
fn sends_null(field: &Field) -> bool {
    field.is_option() && field.required
}

fn enumeration(name: &str, old: &Enum, new: &Enum, recorder: &mut Recorder) {
    if old.integer != new.integer {
        let kind = |integer: bool| if integer { "integers" } else { "strings" };
        recorder.breaking(
            format!(
                "the values of `{name}` are {} (were {})",
                kind(new.integer),
                kind(old.integer)
            ),
            "`as_str` and `From<&str>` become `as_i64` and `From<i64>` or the reverse, and the catch-all holds the other type",
        );
        return;
    }
    let fallback = &new.fallback;
    let unknown = |wire_name: &str| format!("`{name}::{fallback}(\"{wire_name}\")`");
    let mut pairs = pair_by(&old.variants, &new.variants, |variant| {
        variant.wire_name.as_str()
    });
    let rewired = pairs.rematch(|variant| variant.rust_name.as_str());
    for (old_variant, new_variant) in &pairs.both {
        renamed(
            recorder,
            "value",
            name,
            &old_variant.rust_name,
            &new_variant.rust_name,
            &format!("`{}`", new_variant.wire_name),
        );
    }
    for (old_variant, new_variant) in &rewired {
        recorder.behaviour(
            format!(
                "`{name}::{}` stands for `{}` (was `{}`)",
                new_variant.rust_name, new_variant.wire_name, old_variant.wire_name
            ),
            format!(
                "`{}` reads as `{name}::{}`, and `{}` as {}",
                new_variant.wire_name,
                new_variant.rust_name,
                old_variant.wire_name,
                unknown(&old_variant.wire_name)
            ),
        );
    }
    for (old_variant, new_variant) in pairs.both.iter().chain(&rewired) {
        let item = format!(
            "value `{name}::{}` (`{}`)",
            new_variant.rust_name, new_variant.wire_name
        );
        recorder.deprecation(
            &item,
            old_variant.deprecated,
            new_variant.deprecated,
            new_variant.docs.as_deref(),
        );
        recorder.text(
            &old_variant.docs,
            &new_variant.docs,
            format!("description of {item}"),
        );
    }
    for added in pairs.added {
        recorder.compatible(
            format!("new value `{name}::{}` (`{}`)", added.rust_name, added.wire_name),
            format!(
                "enums are `#[non_exhaustive]`; `{}` used to read as {} and now reads as `{name}::{}`",
                added.wire_name,
                unknown(&added.wire_name),
                added.rust_name
            ),
        );
    }
    for removed in pairs.removed {
        recorder.breaking(
            format!(
                "value `{name}::{}` (`{}`) removed",
                removed.rust_name, removed.wire_name
            ),
            format!(
                "code that names it no longer compiles; `{}` now reads as {}",
                removed.wire_name,
                unknown(&removed.wire_name)
            ),
        );
    }
}

fn union(name: &str, old: &Union, new: &Union, recorder: &mut Recorder) {
    let fallback = &new.fallback;
    if old.discriminator != new.discriminator {
        let describe = |discriminator: &Option<String>| match discriminator {
            Some(property) => format!("`{property}`"),
            None => "none (variants tried in order)".to_owned(),
        };
        recorder.breaking(
            format!(
                "discriminator of `{name}` is {} (was {})",
                describe(&new.discriminator),
                describe(&old.discriminator)
            ),
            "values are told apart differently: code that matches a variant gets another one",
        );
    } else if old.has_integer_tags() != new.has_integer_tags() {
        recorder.behaviour(
            format!(
                "the tags of `{name}` are read as {}",
                if new.has_integer_tags() {
                    "integers"
                } else {
                    "strings"
                }
            ),
            "values whose tag has the other type now read as the catch-all, or the reverse",
        );
    }
    let pairs = pair_by(&old.variants, &new.variants, |variant| {
        variant.rust_name.as_str()
    });
    for (old_variant, new_variant) in &pairs.both {
        let variant = format!("variant `{name}::{}`", new_variant.rust_name);
        if old_variant.ty != new_variant.ty {
            recorder.breaking(
                format!(
                    "{variant} holds `{}` (was `{}`)",
                    new_variant.ty, old_variant.ty
                ),
                "code that builds or matches it no longer compiles",
            );
        }
        if old_variant.tag != new_variant.tag {
            let describe = |tag: &Option<crate::ir::WireValue>| {
                tag.as_ref()
                    .map_or_else(|| "none".to_owned(), |tag| format!("`{tag}`"))
            };
            recorder.breaking(
                format!(
                    "{variant} is tagged {} (was {})",
                    describe(&new_variant.tag),
                    describe(&old_variant.tag)
                ),
                format!("values with the old tag read as `{name}::{fallback}(..)`: code that matches the variant misses them"),
            );
        }
    }
    let untagged = old.discriminator.is_none() && new.discriminator.is_none();
    let order = reordered(&old.variants, &new.variants, |variant| {
        format!("`{}`", variant.rust_name)
    });
    if let Some(order) = order.filter(|_| untagged) {
        recorder.behaviour(
            format!(
                "variants of `{name}` are tried in a new order: {}",
                order.join(", ")
            ),
            "a value that matches several variants may read as another one",
        );
    }
    for added in pairs.added {
        recorder.compatible(
            format!("new variant `{name}::{}({})`", added.rust_name, added.ty),
            format!("unions are `#[non_exhaustive]`; values it matches used to read as another variant or `{name}::{fallback}(..)`"),
        );
    }
    for removed in pairs.removed {
        recorder.breaking(
            format!("variant `{name}::{}({})` removed", removed.rust_name, removed.ty),
            format!("code that names it no longer compiles; its values read as another variant or `{name}::{fallback}(..)`"),
        );
    }
}

/// A member (`field`, `value`) of the type `type_name` whose Rust name changed while what it
/// stands for on the wire (`on_the_wire`) stayed.
fn renamed(
    recorder: &mut Recorder,
    member: &str,
    type_name: &str,
    old_name: &str,
    new_name: &str,
    on_the_wire: &str,
) {
    if old_name != new_name {
        recorder.breaking(
            format!("{member} `{type_name}::{old_name}` ({on_the_wire}) renamed to `{type_name}::{new_name}`"),
            "code that uses the old name no longer compiles",
        );
    }
}

/// `` `Customer::email` (`Email`) ``: the Rust item and its wire name.
fn field_item(type_name: &str, field: &Field) -> String {
    format!("`{type_name}::{}` (`{}`)", field.rust_name, field.wire_name)
}

/// The catch-all variant of an enum or a union.
fn fallback(kind: &TypeKind) -> Option<&str> {
    match kind {
        TypeKind::Enum(enumeration) => Some(&enumeration.fallback),
        TypeKind::Union(union) => Some(&union.fallback),
        TypeKind::Struct(_) | TypeKind::Alias(_) => None,
    }
}

fn kind_name(kind: &TypeKind) -> &'static str {
    match kind {
        TypeKind::Struct(_) => "struct",
        TypeKind::Enum(_) => "enum",
        TypeKind::Union(_) => "union",
        TypeKind::Alias(_) => "alias",
    }
}

fn article(kind: &TypeKind) -> &'static str {
    match kind {
        TypeKind::Alias(_) | TypeKind::Enum(_) => "an",
        _ => "a",
    }
}
