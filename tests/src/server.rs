//! A small HTTP/1.1 server on loopback for the load and fault tests and the soak: it records
//! when each request arrives, when each answer leaves and when each connection opens and
//! closes, and answers as a script says, including faults a mock framework does not produce
//! (resets, bodies that never end, bodies that stall, answers that never come).
//!
//! Times are `Instant`s of the same process as the client, so a test can compare the client's
//! and the server's view of one exchange.

use std::net::SocketAddr;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex, PoisonError};
use std::time::{Duration, Instant};

use tokio::io::{AsyncBufReadExt, AsyncReadExt, AsyncWriteExt, BufReader};
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::Notify;

/// The most header lines a request may have; a longer head closes the connection.
const MAX_HEADER_LINES: usize = 100;
/// The most a body that never ends is written, so that a client that keeps reading still ends.
const ENDLESS_CAP: usize = 2 << 30;
/// The size of each chunk of a body that never ends.
const ENDLESS_CHUNK: usize = 64 << 10;

/// A request as the server read it.
#[derive(Debug, Clone)]
pub struct Arrival {
    /// The position of the request among all requests the server read, from 0.
    pub index: usize,
    /// When the whole request had been read: after the client sent it, before any answer.
    pub at: Instant,
    /// The connection it came on, from 0 in order of acceptance.
    pub connection: usize,
    /// The request path.
    pub path: String,
    /// The request body.
    pub body: Vec<u8>,
}

/// An answer that left the server.
#[derive(Debug, Clone, Copy)]
pub struct Answer {
    /// The [`Arrival::index`] of the request answered.
    pub index: usize,
    /// The status sent.
    pub status: u16,
    /// When the head of the answer had been written.
    pub at: Instant,
}

/// A connection the server accepted.
#[derive(Debug, Clone, Copy)]
pub struct Connection {
    /// When it was accepted.
    pub opened: Instant,
    /// When the server saw it end (the client closed it, or the server did).
    pub closed: Option<Instant>,
    /// The body bytes written on it, all answers together.
    pub body_bytes_written: usize,
}

/// How the server answers one request.
#[derive(Debug, Clone)]
pub enum Reply {
    /// A complete answer with a `Content-Length`.
    Respond {
        /// The status.
        status: u16,
        /// Extra headers.
        headers: Vec<(String, String)>,
        /// The body, sent as `application/json`.
        body: Vec<u8>,
    },
    /// Waits, then answers.
    After(Duration, Box<Reply>),
    /// Waits until the server has read this many requests in all, then answers: a test that
    /// needs several requests under way at once holds their answers this way, whatever the
    /// scheduling of the client's tasks.
    AfterRequests(usize, Box<Reply>),
    /// Closes the connection at once with a TCP reset, without an answer.
    Reset,
    /// Never answers; keeps the connection until the client closes it.
    Hang,
    /// A `200` whose chunked body of `byte` repeated never ends (until the client stops reading,
    /// or 2 GiB).
    Endless {
        /// The byte the body repeats.
        byte: u8,
    },
    /// A `200` that declares `declared` bytes of body and sends `length` of them, then nothing.
    Declared {
        /// The `Content-Length` sent.
        declared: u64,
        /// How many bytes of spaces follow (at most `declared`).
        length: usize,
    },
}

impl Reply {
    /// A JSON answer.
    pub fn json(status: u16, body: impl Into<Vec<u8>>) -> Self {
        Reply::Respond {
            status,
            headers: Vec::new(),
            body: body.into(),
        }
    }

    /// A JSON answer with one extra header.
    pub fn with_header(self, name: &str, value: &str) -> Self {
        match self {
            Reply::Respond {
                status,
                mut headers,
                body,
            } => {
                headers.push((name.to_owned(), value.to_owned()));
                Reply::Respond {
                    status,
                    headers,
                    body,
                }
            }
            other => other,
        }
    }

    /// The same answer after `delay`.
    pub fn after(self, delay: Duration) -> Self {
        Reply::After(delay, Box::new(self))
    }

    /// The same answer once the server has read `requests` requests in all.
    pub fn after_requests(self, requests: usize) -> Self {
        Reply::AfterRequests(requests, Box::new(self))
    }
}

type Script = dyn Fn(&Arrival) -> Reply + Send + Sync;

/// How the server behaves besides its script.
#[derive(Debug, Clone, Default)]
pub struct Options {
    /// How long a new connection waits before its first request is read: the time a slow
    /// network or a connection set-up takes, which a reused connection does not pay.
    pub first_read_delay: Duration,
    /// Keep only counts and arrival times, not the requests, answers and connections, so that
    /// a long run does not grow the heap with its own records (for measuring the client's).
    pub counts_only: bool,
    /// Room for this many arrival times, reserved at the start.
    pub expected_requests: usize,
}

struct Shared {
    script: Box<Script>,
    options: Options,
    arrivals: Mutex<Vec<Arrival>>,
    arrival_times: Mutex<Vec<Instant>>,
    answers: Mutex<Vec<Answer>>,
    connections: Mutex<Vec<Connection>>,
    requests: AtomicUsize,
    /// Signalled whenever a request has been read.
    arrived: Notify,
    open: AtomicUsize,
    accepted: AtomicUsize,
}

fn lock<T>(mutex: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    mutex.lock().unwrap_or_else(PoisonError::into_inner)
}

/// The server. It runs on the Tokio runtime that started it, until that runtime ends.
#[derive(Clone)]
pub struct Server {
    address: SocketAddr,
    shared: Arc<Shared>,
}

impl Server {
    /// Starts a server on a free loopback port that answers each request as `script` says.
    pub async fn start(script: impl Fn(&Arrival) -> Reply + Send + Sync + 'static) -> Server {
        Server::start_with(Options::default(), script).await
    }

    /// The same, with other [`Options`].
    pub async fn start_with(
        options: Options,
        script: impl Fn(&Arrival) -> Reply + Send + Sync + 'static,
    ) -> Server {
        let listener = TcpListener::bind("127.0.0.1:0")
            .await
            .expect("a loopback port is free");
        let address = listener.local_addr().expect("a bound listener");
        let shared = Arc::new(Shared {
            script: Box::new(script),
            arrival_times: Mutex::new(Vec::with_capacity(options.expected_requests)),
            options,
            arrivals: Mutex::default(),
            answers: Mutex::default(),
            connections: Mutex::default(),
            requests: AtomicUsize::new(0),
            arrived: Notify::new(),
            open: AtomicUsize::new(0),
            accepted: AtomicUsize::new(0),
        });
        let accepting = Arc::clone(&shared);
        tokio::spawn(async move {
            while let Ok((stream, _)) = listener.accept().await {
                let connection = accepting.accepted.fetch_add(1, Ordering::SeqCst);
                accepting.open.fetch_add(1, Ordering::SeqCst);
                if !accepting.options.counts_only {
                    lock(&accepting.connections).push(Connection {
                        opened: Instant::now(),
                        closed: None,
                        body_bytes_written: 0,
                    });
                }
                let shared = Arc::clone(&accepting);
                tokio::spawn(async move {
                    serve(stream, &shared, connection).await;
                    if !shared.options.counts_only {
                        lock(&shared.connections)[connection].closed = Some(Instant::now());
                    }
                    shared.open.fetch_sub(1, Ordering::SeqCst);
                });
            }
        });
        Server { address, shared }
    }

    /// The base address, `http://127.0.0.1:<port>`.
    pub fn uri(&self) -> String {
        format!("http://{}", self.address)
    }

    /// Every request read so far, in order of arrival (none with [`Options::counts_only`]).
    pub fn arrivals(&self) -> Vec<Arrival> {
        lock(&self.shared.arrivals).clone()
    }

    /// When each request read so far arrived, in order.
    pub fn arrival_times(&self) -> Vec<Instant> {
        lock(&self.shared.arrival_times).clone()
    }

    /// How many requests the server has read.
    pub fn requests(&self) -> usize {
        self.shared.requests.load(Ordering::SeqCst)
    }

    /// Every answer written so far, in order (none with [`Options::counts_only`]).
    pub fn answers(&self) -> Vec<Answer> {
        lock(&self.shared.answers).clone()
    }

    /// Every connection accepted so far (none with [`Options::counts_only`]).
    pub fn connections(&self) -> Vec<Connection> {
        lock(&self.shared.connections).clone()
    }

    /// How many connections the server has accepted.
    pub fn accepted_connections(&self) -> usize {
        self.shared.accepted.load(Ordering::SeqCst)
    }

    /// How many connections are open now.
    pub fn open_connections(&self) -> usize {
        self.shared.open.load(Ordering::SeqCst)
    }
}

/// The most requests whose arrivals fall within any `window` (any half-open interval of that
/// length): what a server that counts arrivals per window sees at worst.
pub fn most_in_any_window(arrivals: &[Instant], window: Duration) -> usize {
    let mut times = arrivals.to_vec();
    times.sort();
    (0..times.len())
        .map(|first| {
            times[first..]
                .iter()
                .take_while(|&&at| at.duration_since(times[first]) < window)
                .count()
        })
        .max()
        .unwrap_or(0)
}

/// Answers the requests of one connection until either side ends it.
async fn serve(stream: TcpStream, shared: &Shared, connection: usize) {
    if !shared.options.first_read_delay.is_zero() {
        tokio::time::sleep(shared.options.first_read_delay).await;
    }
    let mut stream = BufReader::new(stream);
    loop {
        let Some((path, content_length)) = read_head(&mut stream).await else {
            return;
        };
        let mut body = vec![0; content_length];
        if stream.read_exact(&mut body).await.is_err() {
            return;
        }
        let (index, at) = {
            // Taken together, so that the order of indices is the order of arrival times.
            let mut times = lock(&shared.arrival_times);
            let at = Instant::now();
            times.push(at);
            (shared.requests.fetch_add(1, Ordering::SeqCst), at)
        };
        let arrival = Arrival {
            index,
            at,
            connection,
            path,
            body,
        };
        if !shared.options.counts_only {
            lock(&shared.arrivals).push(arrival.clone());
        }
        shared.arrived.notify_waiters();
        let mut reply = (shared.script)(&arrival);
        let reply = loop {
            match reply {
                Reply::After(delay, then) => {
                    tokio::time::sleep(delay).await;
                    reply = *then;
                }
                Reply::AfterRequests(requests, then) => {
                    loop {
                        // Made before the count is read, so that no arrival in between is missed.
                        let arrived = shared.arrived.notified();
                        if shared.requests.load(Ordering::SeqCst) >= requests {
                            break;
                        }
                        arrived.await;
                    }
                    reply = *then;
                }
                reply => break reply,
            }
        };
        if !answer(&mut stream, shared, &arrival, connection, reply).await {
            return;
        }
    }
}

/// Reads a request head: the path and the `Content-Length`, or `None` when the connection ended.
async fn read_head(stream: &mut BufReader<TcpStream>) -> Option<(String, usize)> {
    let mut line = String::new();
    let mut path = None;
    let mut content_length = 0;
    for _ in 0..MAX_HEADER_LINES {
        line.clear();
        match stream.read_line(&mut line).await {
            Ok(0) | Err(_) => return None,
            Ok(_) if line == "\r\n" => return path.map(|path| (path, content_length)),
            Ok(_) if path.is_none() => {
                path = Some(line.split(' ').nth(1).unwrap_or_default().to_owned());
            }
            Ok(_) => {
                let lower = line.to_ascii_lowercase();
                if let Some(value) = lower.strip_prefix("content-length:") {
                    content_length = value.trim().parse().unwrap_or(0);
                }
            }
        }
    }
    None
}

/// Writes an answer; `false` when the connection is to end.
async fn answer(
    stream: &mut BufReader<TcpStream>,
    shared: &Shared,
    arrival: &Arrival,
    connection: usize,
    reply: Reply,
) -> bool {
    let record = |status: u16| {
        if !shared.options.counts_only {
            lock(&shared.answers).push(Answer {
                index: arrival.index,
                status,
                at: Instant::now(),
            });
        }
    };
    let count = |bytes: usize| {
        if !shared.options.counts_only {
            lock(&shared.connections)[connection].body_bytes_written += bytes;
        }
    };
    let stream = stream.get_mut();
    match reply {
        Reply::Respond {
            status,
            headers,
            body,
        } => {
            let mut head = format!(
                "HTTP/1.1 {status} Status\r\nContent-Type: application/json\r\nContent-Length: {}\r\n",
                body.len()
            );
            for (name, value) in headers {
                head.push_str(&format!("{name}: {value}\r\n"));
            }
            head.push_str("\r\n");
            if stream.write_all(head.as_bytes()).await.is_err() {
                return false;
            }
            record(status);
            let written = stream.write_all(&body).await.is_ok();
            count(body.len());
            written
        }
        Reply::After(..) | Reply::AfterRequests(..) => {
            unreachable!("delays are taken before answering")
        }
        Reply::Reset => {
            let _ = stream.set_zero_linger();
            false
        }
        Reply::Hang => {
            // Reads until the client closes the connection (anything it sends is ignored).
            let mut buffer = [0; 1024];
            while let Ok(read) = stream.read(&mut buffer).await {
                if read == 0 {
                    break;
                }
            }
            false
        }
        Reply::Endless { byte } => {
            let head = "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n";
            if stream.write_all(head.as_bytes()).await.is_err() {
                return false;
            }
            record(200);
            let mut chunk = format!("{ENDLESS_CHUNK:X}\r\n").into_bytes();
            chunk.extend(std::iter::repeat_n(byte, ENDLESS_CHUNK));
            chunk.extend_from_slice(b"\r\n");
            for _ in 0..ENDLESS_CAP / ENDLESS_CHUNK {
                if stream.write_all(&chunk).await.is_err() {
                    return false;
                }
                count(ENDLESS_CHUNK);
            }
            false
        }
        Reply::Declared { declared, length } => {
            let head = format!(
                "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: {declared}\r\n\r\n"
            );
            if stream.write_all(head.as_bytes()).await.is_err() {
                return false;
            }
            record(200);
            let spaces = vec![b' '; ENDLESS_CHUNK];
            let mut left = length;
            while left > 0 {
                let now = left.min(ENDLESS_CHUNK);
                if stream.write_all(&spaces[..now]).await.is_err() {
                    return false;
                }
                count(now);
                left -= now;
            }
            // Declared more than sent: the answer cannot end, so hold on until the client leaves.
            if (length as u64) < declared {
                let mut buffer = [0; 1024];
                while let Ok(read) = stream.read(&mut buffer).await {
                    if read == 0 {
                        break;
                    }
                }
                return false;
            }
            true
        }
    }
}
