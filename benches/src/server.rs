//! A minimal HTTP/1.1 server on loopback that answers every request with one fixed JSON body,
//! so that the client benchmarks measure the client, not a server framework.

use tokio::io::{AsyncBufReadExt, AsyncReadExt, AsyncWriteExt, BufReader};
use tokio::net::TcpListener;

/// Starts the server on a free loopback port of the current Tokio runtime and returns its
/// base address. It runs until the runtime shuts down.
pub async fn start(body: &'static str) -> String {
    let listener = TcpListener::bind("127.0.0.1:0")
        .await
        .expect("a loopback port is free");
    let address = listener
        .local_addr()
        .expect("a bound listener has an address");
    tokio::spawn(async move {
        while let Ok((stream, _)) = listener.accept().await {
            tokio::spawn(serve(stream, body));
        }
    });
    format!("http://{address}")
}

/// Answers the requests of one keep-alive connection until the client closes it.
async fn serve(stream: tokio::net::TcpStream, body: &'static str) {
    let (reader, mut writer) = stream.into_split();
    let mut reader = BufReader::new(reader);
    let response = format!(
        "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nRequest-Id: bench\r\nContent-Length: {}\r\n\r\n{body}",
        body.len()
    );
    let mut line = String::new();
    let mut request_body = Vec::new();
    loop {
        let mut content_length = 0;
        loop {
            line.clear();
            match reader.read_line(&mut line).await {
                Ok(0) | Err(_) => return,
                Ok(_) if line == "\r\n" => break,
                Ok(_) => {
                    let lower = line.to_ascii_lowercase();
                    if let Some(value) = lower.strip_prefix("content-length:") {
                        content_length = value.trim().parse().unwrap_or(0);
                    }
                }
            }
        }
        request_body.resize(content_length, 0);
        if reader.read_exact(&mut request_body).await.is_err()
            || writer.write_all(response.as_bytes()).await.is_err()
        {
            return;
        }
    }
}
