//! Forms, multipart forms and optional bodies on the wire, checked on a loopback server.

use std::collections::BTreeMap;

use request_bodies::*;
use wiremock::MockServer;

mod common;

async fn server() -> MockServer {
    common::answering(r#"{"id": "cus_1", "bytes": 3}"#).await
}

fn client(server: &MockServer) -> Client {
    Client::builder(server.uri()).build().unwrap()
}

#[tokio::test]
async fn a_form_body_writes_each_field_in_its_style() {
    let server = server().await;
    let mut address = CreateCustomerRequestAddress::default();
    address.city = Some("Prague".to_owned());
    let customer = CreateCustomerRequest::new("thea@example.com")
        .with_tags(vec!["vip".to_owned(), "new".to_owned()])
        .with_metadata(BTreeMap::from([("source".to_owned(), "web form".to_owned())]))
        .with_address(address)
        .with_balance(-5);
    let created = client(&server).create_customer(&customer).await.unwrap();
    assert_eq!(created.id.as_deref(), Some("cus_1"));
    let request = &server.received_requests().await.unwrap()[0];
    assert_eq!(
        request.headers.get("content-type").unwrap(),
        "application/x-www-form-urlencoded"
    );
    // Fields in the order of their names; `metadata` and `address` are `deepObject`s.
    assert_eq!(
        std::str::from_utf8(&request.body).unwrap(),
        "address%5Bcity%5D=Prague&balance=-5&email=thea%40example.com&metadata%5Bsource%5D=web+form&tags=vip&tags=new"
    );
}

#[tokio::test]
async fn a_form_is_validated_before_it_is_sent() {
    let server = server().await;
    let customer = CreateCustomerRequest::new("x".repeat(51));
    let error = client(&server).create_customer(&customer).await.unwrap_err();
    assert!(matches!(error, Error::Validation(_)), "{error}");
    assert!(server.received_requests().await.unwrap().is_empty());
}

#[tokio::test]
async fn a_multipart_body_has_a_boundary_and_files_with_names_and_types() {
    let server = server().await;
    let upload = UploadFileRequest::new(
        FilePart::new(b"\x89PNG".to_vec(), "logo.png"),
        UploadFileRequestPurpose::Assistants,
    )
    .with_attachments(vec![
        FilePart::new("a,b\n1,2\n", "data.csv").with_content_type("text/csv"),
        FilePart::new("{}", "empty.json"),
    ])
    .with_labels(vec!["one".to_owned(), "two".to_owned()]);
    let uploaded = client(&server).upload_file(&upload).await.unwrap();
    assert_eq!(uploaded.bytes, Some(3));
    let request = &server.received_requests().await.unwrap()[0];
    let content_type = request.headers.get("content-type").unwrap().to_str().unwrap();
    let boundary = content_type
        .strip_prefix("multipart/form-data; boundary=")
        .unwrap_or_else(|| panic!("{content_type}"));
    let body = String::from_utf8_lossy(&request.body);
    let parts: Vec<&str> = body
        .split(&format!("--{boundary}"))
        .filter(|part| !part.is_empty())
        .collect();
    let expected = [
        "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"logo.png\"\r\nContent-Type: image/png\r\n\r\n\u{FFFD}PNG\r\n",
        "\r\nContent-Disposition: form-data; name=\"purpose\"\r\nContent-Type: text/plain; charset=utf-8\r\n\r\nassistants\r\n",
        "\r\nContent-Disposition: form-data; name=\"attachments\"; filename=\"data.csv\"\r\nContent-Type: text/csv\r\n\r\na,b\n1,2\n\r\n",
        "\r\nContent-Disposition: form-data; name=\"attachments\"; filename=\"empty.json\"\r\nContent-Type: application/octet-stream\r\n\r\n{}\r\n",
        "\r\nContent-Disposition: form-data; name=\"labels\"\r\nContent-Type: text/plain; charset=utf-8\r\n\r\none\r\n",
        "\r\nContent-Disposition: form-data; name=\"labels\"\r\nContent-Type: text/plain; charset=utf-8\r\n\r\ntwo\r\n",
        "--\r\n",
    ];
    assert_eq!(parts, expected);
}

#[tokio::test]
async fn an_optional_body_left_out_and_a_delete_send_no_body_and_no_content_type() {
    let server = server().await;
    let client = client(&server);
    client.list_customers(None).await.unwrap();
    let mut page = ListCustomersRequest::default();
    page.limit = Some(10);
    client.list_customers(Some(&page)).await.unwrap();
    client.delete_file("file 1").await.unwrap();
    let requests = server.received_requests().await.unwrap();
    assert!(requests[0].body.is_empty());
    assert!(requests[0].headers.get("content-type").is_none());
    assert_eq!(requests[1].headers.get("content-type").unwrap(), "application/json");
    assert_eq!(requests[1].body, br#"{"limit":10}"#);
    assert_eq!(requests[2].method.as_str(), "DELETE");
    assert_eq!(requests[2].url.path(), "/files/file%201");
    assert!(requests[2].body.is_empty());
    assert!(requests[2].headers.get("content-type").is_none());
}
