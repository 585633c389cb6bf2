//! Server-sent events: parsed as they arrive, each event's data decoded, a JSON result beside
//! the stream untouched; checked over loopback.

use std::time::Duration;

use event_streams::*;
use futures::StreamExt;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use wiremock::matchers::{header, method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

const CHUNKS: &str = ": a comment the client ignores\n\
    data: {\"delta\": \"Hel\", \"index\": 0}\n\n\
    event: chunk\r\nid: 2\r\ndata: {\"delta\": \"lo\",\r\ndata:  \"index\": 1}\r\n\r\n\
    data: [DONE]\n\n\
    data: {\"delta\": \"never read\"}\n\n";

#[tokio::test]
async fn events_are_decoded_and_the_done_marker_ends_the_stream() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/chat/completions"))
        .and(header("accept", "text/event-stream"))
        .respond_with(
            ResponseTemplate::new(200).set_body_raw(CHUNKS.as_bytes(), "text/event-stream"),
        )
        .mount(&server)
        .await;
    let client = Client::builder(server.uri()).build().unwrap();
    let request = CreateChatCompletionRequest::new("Say hello").with_stream(true);
    let events: Vec<_> = client
        .create_chat_completion_events(&request)
        .await
        .unwrap()
        .collect()
        .await;
    assert_eq!(events.len(), 2, "{events:?}");
    let first = events[0].as_ref().unwrap();
    assert_eq!(first.data.delta.as_deref(), Some("Hel"));
    assert_eq!(first.event, None);
    let second = events[1].as_ref().unwrap();
    assert_eq!(second.data.delta.as_deref(), Some("lo"));
    assert_eq!(second.data.index, Some(1));
    assert_eq!(second.event.as_deref(), Some("chunk"));
    assert_eq!(second.id.as_deref(), Some("2"));
}

#[tokio::test]
async fn the_json_result_beside_the_stream_is_read_as_before() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .respond_with(ResponseTemplate::new(200).set_body_string(r#"{"text": "Hello"}"#))
        .mount(&server)
        .await;
    let client = Client::builder(server.uri()).build().unwrap();
    let completion = client
        .create_chat_completion(&CreateChatCompletionRequest::new("Say hello"))
        .await
        .unwrap();
    assert_eq!(completion.text.as_deref(), Some("Hello"));
}

#[tokio::test]
async fn an_error_response_is_the_methods_error() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .respond_with(ResponseTemplate::new(400).set_body_string(r#"{"error": "bad prompt"}"#))
        .mount(&server)
        .await;
    let client = Client::builder(server.uri()).build().unwrap();
    let error = client
        .create_chat_completion_events(&CreateChatCompletionRequest::new(""))
        .await
        .err()
        .unwrap();
    assert_eq!(error.status(), Some(400));
}

/// A server that sends one event, then waits for the test before the next: the first event
/// must reach the client while the response is still open.
#[tokio::test]
async fn events_arrive_while_the_response_is_still_open() {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let address = listener.local_addr().unwrap();
    let (next, wait_for_next) = tokio::sync::oneshot::channel::<()>();
    let server = tokio::spawn(async move {
        let (mut socket, _) = listener.accept().await.unwrap();
        let mut request = vec![0; 4096];
        let _ = socket.read(&mut request).await.unwrap();
        let chunk = |text: &str| format!("{:x}\r\n{text}\r\n", text.len());
        let head = "HTTP/1.1 200 OK\r\ncontent-type: text/event-stream\r\ntransfer-encoding: chunked\r\n\r\n";
        socket.write_all(head.as_bytes()).await.unwrap();
        socket.write_all(chunk("data: first line\n\n").as_bytes()).await.unwrap();
        wait_for_next.await.unwrap();
        socket.write_all(chunk("data: second\ndata: line\n\n").as_bytes()).await.unwrap();
        socket.write_all(b"0\r\n\r\n").await.unwrap();
    });
    let client = Client::builder(format!("http://{address}")).build().unwrap();
    let mut logs = client.follow_logs().await.unwrap();
    let first = tokio::time::timeout(Duration::from_secs(5), logs.next())
        .await
        .expect("the first event arrives before the response ends")
        .unwrap()
        .unwrap();
    assert_eq!(first.data, "first line");
    next.send(()).unwrap();
    let second = logs.next().await.unwrap().unwrap();
    assert_eq!(second.data, "second\nline");
    assert!(logs.next().await.is_none());
    server.await.unwrap();
}
