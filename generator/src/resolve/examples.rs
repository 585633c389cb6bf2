//! How the example program and the list of operations name each operation: by its path without
//! the prefix every path shares (`customers/add` for `/api/connector/v1/customers/add`), and the
//! module of the example program that sends its documented request.

use std::collections::HashMap;

use super::paths::shared_leading_segments;
use crate::ir::{BodyEncoding, Operation};
use crate::names::{self, Scope};

/// The root file of the example program (`examples/<program>/main.rs`): no operation's module
/// may be named like it.
const PROGRAM_ROOT: &str = "main";

/// Sets every operation's `example_path`, and the `example` module of those whose documented
/// request the example program can send: a JSON body with an example, and no required
/// parameter to invent.
pub(super) fn name(operations: &mut [Operation]) {
    let prefix = shared_prefix(operations.iter().map(|operation| operation.path.as_str()));
    let mut uses: HashMap<&str, usize> = HashMap::new();
    for operation in operations.iter() {
        *uses.entry(operation.path.as_str()).or_default() += 1;
    }
    let paths: Vec<String> = operations
        .iter()
        .map(|operation| {
            let path = operation
                .path
                .trim_start_matches('/')
                .splitn(prefix + 1, '/')
                .nth(prefix)
                .unwrap_or_default();
            // Several methods on one path: each is named with its method too.
            match uses[operation.path.as_str()] {
                1 => path.to_owned(),
                _ => format!("{path}:{}", operation.method.to_lowercase()),
            }
        })
        .collect();
    let mut modules = Scope::with_taken([PROGRAM_ROOT]);
    for (operation, path) in operations.iter_mut().zip(paths) {
        let sendable = operation.request.is_some()
            && operation.request_example.is_some()
            && operation.request_encoding == BodyEncoding::Json
            && !operation
                .parameters
                .iter()
                .any(|parameter| parameter.required);
        operation.example = sendable.then(|| modules.claim(names::module_name(&path)));
        operation.example_path = path;
    }
}

/// How many leading segments every path shares, short of the last segment of any path (so
/// that no operation is left without a name) and of any placeholder.
fn shared_prefix<'a>(paths: impl Iterator<Item = &'a str>) -> usize {
    shared_leading_segments(paths.map(|path| {
        let segments: Vec<&str> = path.trim_start_matches('/').split('/').collect();
        segments[..segments.len() - 1]
            .iter()
            .copied()
            .take_while(|segment| !segment.starts_with('{'))
            .collect()
    }))
}

#[cfg(test)]
mod tests {
    use super::shared_prefix;

    #[test]
    fn the_shared_prefix_stops_before_any_last_segment_and_placeholder() {
        let mews = [
            "/api/connector/v1/customers/add",
            "/api/connector/v1/reservations/getAll/2023-06-06",
        ];
        assert_eq!(shared_prefix(mews.into_iter()), 3);
        assert_eq!(
            shared_prefix(["/api/connector/v1/customers/add"].into_iter()),
            4
        );
        assert_eq!(shared_prefix(["/pets", "/pets/{petId}"].into_iter()), 0);
        assert_eq!(
            shared_prefix(["/v1/{owner}/repos", "/v1/{owner}/issues"].into_iter()),
            1
        );
    }
}
