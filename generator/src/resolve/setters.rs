//! The `with_` setters of request types and of the structs of optional parameters: one per
//! field that `new` does not take, named once here for the emitters and the change report.

use crate::ir::{Operation, TypeDef, TypeKind};
use crate::names::{self, Scope};

/// The methods a request type has whatever its fields, which no setter may take.
const REQUEST_METHODS: &[&str] = &["new", "validate", "check", "clone", "default"];

/// Names the setter of every field of a request struct that is not an argument of its `new`,
/// and of every optional parameter. Runs once the fields' shapes are final (pagination gives
/// the limitation its page size).
pub(super) fn name_setters(types: &mut [TypeDef], operations: &mut [Operation]) {
    for def in types.iter_mut().filter(|def| def.in_request) {
        let TypeKind::Struct(structure) = &mut def.kind else {
            continue;
        };
        let mut scope = Scope::with_taken(REQUEST_METHODS.iter().copied());
        for field in &mut structure.fields {
            field.setter = (!field.is_constructor_argument())
                .then(|| scope.claim(names::setter_name(&field.rust_name)));
        }
    }
    for operation in operations {
        let mut scope = Scope::with_taken(REQUEST_METHODS.iter().copied());
        for parameter in operation
            .parameters
            .iter_mut()
            .filter(|parameter| !parameter.required)
        {
            parameter.setter = Some(scope.claim(names::setter_name(&parameter.rust_name)));
        }
    }
}
