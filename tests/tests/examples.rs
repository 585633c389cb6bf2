//! The example program of the bundled crate (`cargo run -p mews-connector --example mews --
//! <operation>`) against a server on loopback: every operation it lists sends its documented
//! request and prints the result, a paginated one walks every page, and failures end in one
//! line and an exit code.

use std::collections::HashMap;
use std::path::Path;

use codegen::ir::{Api, Operation, Pagination, TypeKind};
use codegen::Generator;
use serde_json::{json, Map, Value};

use mews_tests::example_program::{self, CREDENTIALS};
use mews_tests::server::{Reply, Server};
use mews_tests::{CUSTOMERS_ADD_REQUEST, CUSTOMERS_ADD_RESPONSE};

fn spec() -> &'static Path {
    Path::new(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../spec/connector.yaml"
    ))
}

/// The model the bundled crate is generated from.
fn api() -> Api {
    Generator::mews_connector().api(spec()).unwrap()
}

/// The operations the program can send, in the crate's order.
fn sendable(api: &Api) -> Vec<&Operation> {
    api.operations
        .iter()
        .filter(|operation| operation.example.is_some())
        .collect()
}

/// Runs the program for `path` on a blocking thread, so that the server keeps answering.
async fn run(path: &str, server: &Server) -> std::process::Output {
    let (path, uri) = (path.to_owned(), server.uri());
    tokio::task::spawn_blocking(move || example_program::run(&[&path], &uri))
        .await
        .unwrap()
}

/// The documented success example of every operation, by its spec path: what a server that
/// speaks the documented API answers (`{}` where the spec documents none, as for results
/// documented as an empty object).
fn documented_results(api: &Api) -> HashMap<String, Value> {
    let mut results = HashMap::new();
    for operation in &api.operations {
        let response = operation
            .responses
            .iter()
            .find(|response| response.is_success() && response.example.is_some());
        let mut example = response
            .and_then(|response| response.example.clone())
            .unwrap_or_else(|| json!({}));
        // What the result type does not describe the program cannot print.
        for pointer in response.map_or(&[][..], |response| &response.example_unknown_members) {
            let (parent, member) = pointer.rsplit_once('/').unwrap();
            if let Some(object) = example.pointer_mut(parent).and_then(Value::as_object_mut) {
                object.shift_remove(member);
            }
        }
        results.insert(operation.path.clone(), example);
    }
    results
}

/// The key of `object` that the Rust field `rust_name` reads (`Customers` for `customers`), if
/// it has one.
fn wire_key(object: &Map<String, Value>, rust_name: &str) -> Option<String> {
    let wanted = rust_name.trim_start_matches("r#").replace('_', "");
    object
        .keys()
        .find(|key| key.to_lowercase() == wanted)
        .cloned()
}

/// The cursor a paginated request asks after, if any.
fn requested_cursor(body: &Value, pagination: &Pagination) -> Option<String> {
    let body = body.as_object()?;
    let limitation = body.get(&wire_key(body, &pagination.limitation_field)?)?;
    let limitation = limitation.as_object()?;
    limitation
        .get(&wire_key(limitation, &pagination.cursor_field)?)
        .and_then(Value::as_str)
        .map(str::to_owned)
}

/// The page size a paginated request asks for.
fn requested_count(body: &Value, pagination: &Pagination) -> usize {
    let body = body.as_object().expect("a request body is an object");
    let limitation = wire_key(body, &pagination.limitation_field)
        .and_then(|key| body[&key].as_object())
        .expect("the walk sends a limitation");
    wire_key(limitation, &pagination.count_field)
        .and_then(|key| limitation[&key].as_u64())
        .expect("the walk sends a page size") as usize
}

/// Page `n` (from 0) of the walk the server serves: two full pages of the documented page's
/// first item, then an empty last page. Every page carries a cursor, as Mews sends one on every
/// page; page `n`'s is [`cursor`]`(n + 1)`.
fn page(documented: &Value, walk: &Walk, n: usize, count: usize) -> Value {
    let Walk { pagination, cursor } = walk;
    let mut page = documented.as_object().expect("a page is an object").clone();
    let items = wire_key(&page, &pagination.items_field).expect("the page has its items");
    let item = page[&items][0].clone();
    assert!(!item.is_null(), "the documented page has an item to repeat");
    let size = if n < 2 { count } else { 0 };
    page.insert(items, Value::Array(vec![item; size]));
    page.insert(cursor.clone(), json!(self::cursor(n + 1)));
    Value::Object(page)
}

/// How an operation walks its pages, and the wire name of its result's cursor (which the
/// documented page may leave out).
struct Walk {
    pagination: Pagination,
    cursor: String,
}

impl Walk {
    fn of(api: &Api, operation: &Operation) -> Option<Walk> {
        let pagination = operation.pagination.clone()?;
        let result = operation.result.as_ref()?.named()?;
        let cursor = api
            .types
            .iter()
            .find(|ty| ty.name == result)
            .and_then(|ty| match &ty.kind {
                TypeKind::Struct(structure) => structure
                    .fields
                    .iter()
                    .find(|field| field.rust_name == pagination.result_cursor_field),
                _ => None,
            })
            .expect("the result has its cursor")
            .wire_name
            .clone();
        Some(Walk { pagination, cursor })
    }
}

/// The cursor of page `n - 1`: a UUID, as cursors of Mews are, which also reads as any string.
fn cursor(n: usize) -> String {
    format!("00000000-0000-0000-0000-{n:012}")
}

/// The number of the page after the one whose cursor is `cursor`: the first page for a cursor
/// the server did not give (one a documented request starts its walk from).
fn page_after(cursor: &str) -> usize {
    let ours = cursor.strip_prefix("00000000-0000-0000-0000-");
    ours.and_then(|n| n.parse().ok()).unwrap_or(0)
}

/// The string values of a JSON value, each of which shows in the program's `Debug` output of
/// the result it reads into (a name, an identifier, an enumeration's value).
fn strings(value: &Value) -> Vec<&str> {
    match value {
        Value::String(text) => vec![text.as_str()],
        Value::Array(values) => values.iter().flat_map(strings).collect(),
        Value::Object(fields) => fields.values().flat_map(strings).collect(),
        _ => Vec::new(),
    }
}

#[tokio::test]
async fn without_an_operation_the_program_lists_every_operation_it_can_send() {
    let api = api();
    let expected: Vec<&str> = sendable(&api)
        .iter()
        .map(|operation| operation.example_path.as_str())
        .collect();

    let listed = tokio::task::spawn_blocking(example_program::listed_operations)
        .await
        .unwrap();

    assert_eq!(listed, expected);
    assert!(listed.contains(&"customers/add".to_owned()));
    assert!(listed.iter().all(|path| !path.starts_with("api/")));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_operation_sends_its_documented_request_and_prints_the_result() {
    let api = api();
    let results = documented_results(&api);
    let walks: HashMap<String, Walk> = api
        .operations
        .iter()
        .filter_map(|operation| Some((operation.path.clone(), Walk::of(&api, operation)?)))
        .collect();
    let answers = results.clone();
    let server = Server::start(move |arrival| {
        let documented = &answers[&arrival.path];
        let body: Value = serde_json::from_slice(&arrival.body).unwrap_or_default();
        let answer = match walks.get(&arrival.path) {
            Some(walk) => {
                let n = match requested_cursor(&body, &walk.pagination) {
                    None => 0,
                    Some(cursor) => page_after(&cursor),
                };
                page(
                    documented,
                    walk,
                    n,
                    requested_count(&body, &walk.pagination),
                )
            }
            None => documented.clone(),
        };
        Reply::json(200, answer.to_string())
    })
    .await;

    let operations = sendable(&api);
    assert_eq!(
        example_program::listed_operations().len(),
        operations.len(),
        "the program lists what it can send"
    );
    for operation in operations {
        let path = &operation.example_path;
        let before = server.requests();
        let output = run(path, &server).await;
        let stdout = String::from_utf8_lossy(&output.stdout);
        let stderr = String::from_utf8_lossy(&output.stderr);
        // A documented result the spec cannot read (its generated test lists why) ends in the
        // client's error that says so.
        let unreadable = operation
            .responses
            .iter()
            .any(|response| !response.example_unreadable.is_empty());
        if unreadable {
            assert!(!output.status.success(), "{path}: {stdout}");
            assert!(
                stderr.contains("the response body is not the documented JSON"),
                "{path}: {stderr}"
            );
            continue;
        }
        assert!(output.status.success(), "{path}: {stderr}");
        let arrivals = &server.arrivals()[before..];
        assert!(
            arrivals
                .iter()
                .all(|arrival| arrival.path == operation.path),
            "{path}: {:?}",
            arrivals
                .iter()
                .map(|arrival| &arrival.path)
                .collect::<Vec<_>>()
        );
        for arrival in arrivals {
            let body: Value = serde_json::from_slice(&arrival.body).unwrap();
            assert_eq!(body["ClientToken"], CREDENTIALS[0].1, "{path}");
        }
        let documented = &results[&operation.path];
        match &operation.pagination {
            None => {
                assert_eq!(arrivals.len(), 1, "{path}: one call");
                let shown = strings(documented);
                if shown.is_empty() {
                    assert!(
                        !stdout.trim().is_empty(),
                        "{path}: the program prints the result"
                    );
                } else {
                    assert!(
                        shown.iter().any(|text| stdout.contains(text)),
                        "{path}: the result is printed: {stdout}"
                    );
                }
            }
            Some(pagination) => {
                let cursors: Vec<Option<String>> = arrivals
                    .iter()
                    .map(|arrival| {
                        requested_cursor(
                            &serde_json::from_slice(&arrival.body).unwrap(),
                            pagination,
                        )
                    })
                    .collect();
                // The walk starts where the documented request does.
                let sent = &operation
                    .sent_example
                    .as_ref()
                    .expect("a sent example")
                    .body;
                let first = requested_cursor(sent, pagination);
                assert_eq!(
                    cursors,
                    [first, Some(cursor(1)), Some(cursor(2))],
                    "{path}: the walk asks after each page's cursor and ends at the empty page"
                );
                let count = requested_count(
                    &serde_json::from_slice(&arrivals[0].body).unwrap(),
                    pagination,
                );
                // Every item of both full pages is printed, each starting its `Debug` output
                // with the item type's name at the start of a line.
                let items = stdout
                    .lines()
                    .filter(|line| line.ends_with(" {") && !line.starts_with(' '))
                    .count();
                assert_eq!(items, 2 * count, "{path}: every item is printed");
            }
        }
    }
}

#[tokio::test]
async fn the_program_sends_the_documented_request_and_prints_what_the_server_answers() {
    let server = Server::start(|_| {
        Reply::json(200, CUSTOMERS_ADD_RESPONSE).with_header("Request-Id", "req-ok")
    })
    .await;

    let output = run("customers/add", &server).await;

    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    assert!(String::from_utf8_lossy(&output.stdout).contains("Carbone"));
    let arrivals = server.arrivals();
    assert_eq!(arrivals.len(), 1);
    assert_eq!(arrivals[0].path, "/api/connector/v1/customers/add");
    let mut sent: Value = serde_json::from_slice(&arrivals[0].body).unwrap();
    let documented: Value = serde_json::from_str(CUSTOMERS_ADD_REQUEST).unwrap();
    // The credentials come from the environment, the rest from the documented example.
    for (field, (_, value)) in ["ClientToken", "AccessToken", "Client"]
        .iter()
        .zip(CREDENTIALS)
    {
        assert_eq!(sent[field], value);
        sent[field] = documented[field].clone();
    }
    assert_eq!(sent, documented);
}

#[tokio::test]
async fn an_api_error_ends_the_program_with_its_message_request_id_and_exit_code_1() {
    let server = Server::start(|_| {
        Reply::json(
            403,
            json!({ "Message": "Customer already exists.", "RequestId": "req-403", "Details": null })
                .to_string(),
        )
        .with_header("Request-Id", "req-403")
    })
    .await;

    let output = run("customers/add", &server).await;

    assert_eq!(output.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains("Customer already exists.") && stderr.contains("request id: req-403"),
        "{stderr}"
    );
}

#[tokio::test]
async fn an_unknown_operation_is_one_line_and_a_failure_and_sends_nothing() {
    let server = Server::start(|_| Reply::json(200, "{}")).await;

    let output = run("customers/levitate", &server).await;

    assert!(!output.status.success());
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(stderr.lines().count(), 1, "{stderr}");
    assert!(stderr.contains("customers/levitate"), "{stderr}");
    assert!(output.stdout.is_empty());
    assert_eq!(server.requests(), 0);
}
