//! The example program of the bundled crate (`cargo run -p mews-connector --example mews --
//! <operation>`) against a server on loopback: it lists what it can send, sends the documented
//! request and prints the result, and failures end in one line and an exit code.

use std::path::Path;

use codegen::ir::{Api, Operation};
use codegen::Generator;
use serde_json::{json, Value};

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
