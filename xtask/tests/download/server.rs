//! A web server on loopback for the download tests: it answers every request alike, or never.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::sync::{Arc, Mutex};
use std::thread;

/// More connections than one download makes (ureq may retry once); the server stops after
/// this many, so that it never outlives a test by much.
const MAX_CONNECTIONS: usize = 4;

/// What the server does with each request.
#[derive(Clone)]
pub enum Answer {
    /// Answers with this status line, `Content-Type` and body.
    With {
        status: &'static str,
        content_type: &'static str,
        body: String,
    },
    /// Accepts the connection, reads the request and never answers, until the client goes.
    Never,
}

/// A server listening on a port of 127.0.0.1 until it has taken `MAX_CONNECTIONS`.
pub struct Server {
    port: u16,
    requests: Arc<Mutex<Vec<String>>>,
}

impl Server {
    pub fn start(answer: Answer) -> Server {
        let listener = TcpListener::bind("127.0.0.1:0").expect("a loopback port");
        let port = listener.local_addr().unwrap().port();
        let requests = Arc::new(Mutex::new(Vec::new()));
        let seen = Arc::clone(&requests);
        thread::spawn(move || {
            for stream in listener.incoming().take(MAX_CONNECTIONS) {
                let Ok(stream) = stream else { continue };
                let (answer, seen) = (answer.clone(), Arc::clone(&seen));
                thread::spawn(move || serve(stream, &answer, &seen));
            }
        });
        Server { port, requests }
    }

    /// The URL of `path` on this server.
    pub fn url(&self, path: &str) -> String {
        format!("http://127.0.0.1:{}{path}", self.port)
    }

    /// The request lines received so far (`GET /swagger.yaml HTTP/1.1`).
    pub fn requests(&self) -> Vec<String> {
        self.requests.lock().unwrap().clone()
    }
}

/// A URL on loopback where nothing listens: a port just given back by the system.
pub fn refusing_url() -> String {
    let listener = TcpListener::bind("127.0.0.1:0").expect("a loopback port");
    let port = listener.local_addr().unwrap().port();
    drop(listener);
    format!("http://127.0.0.1:{port}/swagger.yaml")
}

fn serve(stream: TcpStream, answer: &Answer, seen: &Mutex<Vec<String>>) {
    let mut reader = BufReader::new(stream);
    let mut request_line = String::new();
    if reader.read_line(&mut request_line).is_err() {
        return;
    }
    // The headers end at the first empty line; a GET has no body.
    let mut header = String::new();
    while reader.read_line(&mut header).is_ok_and(|read| read > 0) && header != "\r\n" {
        header.clear();
    }
    seen.lock()
        .unwrap()
        .push(request_line.trim_end().to_owned());
    match answer {
        Answer::With {
            status,
            content_type,
            body,
        } => {
            let response = format!(
                "HTTP/1.1 {status}\r\nContent-Type: {content_type}\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
                body.len()
            );
            let _ = reader.get_mut().write_all(response.as_bytes());
        }
        // Reading until the client closes the connection: it waits for as long as the
        // client does, and ends when the client gives up.
        Answer::Never => {
            let _ = reader.read_to_end(&mut Vec::new());
        }
    }
}
