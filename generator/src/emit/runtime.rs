//! The runtime every generated crate carries: the files of the workspace's `runtime` crate,
//! copied verbatim at the same paths. What varies per API is generated beside them (the
//! constants of `lib.rs`, `client.rs`, `mock.rs`), never substituted into them.

use crate::ir::Api;

/// One file of the runtime, and which crates carry it.
struct RuntimeFile {
    path: &'static str,
    contents: &'static str,
    needed: fn(&Api) -> bool,
}

const FILES: &[RuntimeFile] = &[
    RuntimeFile {
        path: "src/support.rs",
        contents: include_str!("../../../runtime/src/support.rs"),
        needed: |_| true,
    },
    RuntimeFile {
        path: "src/http.rs",
        contents: include_str!("../../../runtime/src/http.rs"),
        needed: |_| true,
    },
    RuntimeFile {
        path: "src/client/base.rs",
        contents: include_str!("../../../runtime/src/client/base.rs"),
        needed: has_operations,
    },
    RuntimeFile {
        path: "src/client/error.rs",
        contents: include_str!("../../../runtime/src/client/error.rs"),
        needed: has_operations,
    },
    RuntimeFile {
        path: "src/pagination.rs",
        contents: include_str!("../../../runtime/src/pagination.rs"),
        needed: Api::is_paginated,
    },
    RuntimeFile {
        path: "src/sse.rs",
        contents: include_str!("../../../runtime/src/sse.rs"),
        needed: Api::has_events,
    },
    RuntimeFile {
        path: "src/mock/server.rs",
        contents: include_str!("../../../runtime/src/mock/server.rs"),
        needed: has_operations,
    },
];

fn has_operations(api: &Api) -> bool {
    !api.operations.is_empty()
}

/// The runtime's files that the crate of `api` carries: their paths and contents.
pub(super) fn files(api: &Api) -> impl Iterator<Item = (&'static str, &'static str)> + '_ {
    FILES
        .iter()
        .filter(move |file| (file.needed)(api))
        .map(|file| (file.path, file.contents))
}
