//! The machinery of the mock server, independent of any one operation: listening on
//! loopback, routing requests to operations, checking the fields every request carries,
//! expectations and their answers, and the report of what went wrong.
//!
//! The module above it (`mock.rs`, generated from the API) provides `API` (the operations and
//! common fields), `ErrorStatus` and one method of [`MockServer`] per operation. The names of
//! the methods of `MockServer` and `MockServerBuilder` are reserved by the generator
//! (`resolve/mock.rs`), so that no operation or field takes one.

use std::any::Any;
use std::convert::Infallible;
use std::fmt;
use std::net::SocketAddr;
use std::panic::Location;
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::Duration;

use http_body_util::{BodyExt, Full};
use hyper::body::{Bytes, Incoming};
use hyper_util::rt::TokioIo;
use serde_json::Value;
use tokio::task::{JoinHandle, JoinSet};

/// How much of a request body a failure message shows.
const SHOWN_BODY_CHARS: usize = 1_000;

/// An operation of the API as the mock serves it. Each type of [`super::operations`] is one;
/// [`Expectation`] takes it as its type parameter.
pub trait Operation: 'static {
    /// The request that the client's method takes, without the fields the client adds
    /// (`()` when the operation has no body).
    type Request: Clone + fmt::Debug + serde::Serialize + Send + Sync + 'static;
    /// What the client's method returns on success.
    type Result: Send + Sync + 'static;
    /// The name of the client's method.
    const NAME: &'static str;
}

/// What the mock knows of the API, generated in the module above.
pub(crate) struct ApiShape {
    /// Every operation, to route requests by method and path.
    pub(crate) routes: &'static [Route],
    /// The body fields every request carries, which the client adds.
    pub(crate) common_fields: &'static [CommonField],
    /// The documented error body of a status, carrying a message.
    pub(crate) error_body: fn(u16, &str) -> Vec<u8>,
}

/// Where an operation is served.
pub(crate) struct Route {
    /// The name of the client's method.
    pub(crate) operation: &'static str,
    pub(crate) method: &'static str,
    /// The path template, with `{parameter}` segments.
    pub(crate) path: &'static str,
}

/// A body field every request carries.
pub(crate) struct CommonField {
    pub(crate) wire_name: &'static str,
    /// The setter of [`MockServerBuilder`] for the value to expect.
    pub(crate) setter: &'static str,
    /// Required by every operation: the client adds it and request types do not have it.
    pub(crate) required: bool,
    /// A credential, never shown.
    pub(crate) secret: bool,
    /// The value expected unless a test sets another.
    pub(crate) test_value: Option<&'static str>,
}

/// A received body, without the required common fields, for an operation to read.
pub(crate) struct RequestBody {
    json: Option<Value>,
    bytes: Bytes,
}

/// Reads a JSON request.
#[allow(dead_code)] // Only APIs with JSON requests use it.
pub(crate) fn json_request<T: serde::de::DeserializeOwned>(
    body: &RequestBody,
) -> Result<T, String> {
    let json = body.json.clone().ok_or("the body is not JSON")?;
    serde_json::from_value(json).map_err(|error| error.to_string())
}

/// Reads a request that is not JSON, as bytes.
#[allow(dead_code)] // Only APIs with other request bodies use it.
pub(crate) fn bytes_request(body: &RequestBody) -> Result<Vec<u8>, String> {
    Ok(body.bytes.to_vec())
}

/// Reads the request of an operation without a body.
#[allow(dead_code)] // Only APIs with operations without a body use it.
pub(crate) fn no_request(_: &RequestBody) -> Result<(), String> {
    Ok(())
}

/// Writes a JSON result.
#[allow(dead_code)] // Only APIs with JSON results use it.
pub(crate) fn json_result<T: serde::Serialize>(result: &T) -> Vec<u8> {
    serde_json::to_vec(result).unwrap_or_default()
}

/// Writes a result that is not JSON.
#[allow(dead_code, clippy::ptr_arg)] // Only APIs with other results use it, as `fn(&Vec<u8>)`.
pub(crate) fn bytes_result(result: &Vec<u8>) -> Vec<u8> {
    result.clone()
}

/// Writes the result of an operation documented without one: an empty object.
#[allow(dead_code)] // Only APIs with operations without a result use it.
pub(crate) fn no_result(_: &()) -> Vec<u8> {
    b"{}".to_vec()
}

/// A JSON object with the message in `member`.
#[allow(dead_code)] // Only APIs with such error bodies use it.
pub(crate) fn member_body(member: &str, message: &str) -> Vec<u8> {
    let mut body = serde_json::Map::new();
    body.insert(member.to_owned(), Value::String(message.to_owned()));
    json_result(&body)
}

/// A JSON string.
#[allow(dead_code)] // Only APIs with such error bodies use it.
pub(crate) fn text_body(message: &str) -> Vec<u8> {
    json_result(&message)
}

/// The page of `items` after the item whose cursor is `after` (from the first item without
/// one), of at most `count` items, and the cursor of its last item.
#[allow(dead_code)] // Only APIs with paginated operations use it.
pub(crate) fn page<T: Clone, C: PartialEq + fmt::Display>(
    items: &[T],
    count: usize,
    after: Option<&C>,
    cursor_of: impl Fn(&T) -> C,
) -> Result<(Vec<T>, Option<C>), String> {
    let start = match after {
        None => 0,
        Some(after) => match items.iter().position(|item| cursor_of(item) == *after) {
            Some(position) => position + 1,
            None => return Err(format!("mock: the cursor {after} is the cursor of no item")),
        },
    };
    let page: Vec<T> = items.iter().skip(start).take(count).cloned().collect();
    let cursor = page.last().map(cursor_of);
    Ok((page, cursor))
}

/// A mock of the API on loopback, for the tests of code that uses the client.
///
/// Start one per test, point the client under test at [`MockServer::url`] (or take
/// [`MockServer::client`]), and tell it per operation what to expect and what to answer.
/// Each operation has a method of the same name as the client's, which returns an
/// [`Expectation`].
///
/// The mock fails the test, when it is dropped or at [`MockServer::verify`], if an
/// expectation was not met or a request came that no expectation matched; such a request is
/// answered with an error (`400`, `401` for wrong credentials, `404` for an unknown path)
/// whose message starts with `mock:`. Every response has a `Request-Id` (`mock-1`,
/// `mock-2`, ...).
pub struct MockServer {
    shared: Arc<Shared>,
    address: SocketAddr,
    server: JoinHandle<()>,
}

/// Configures a [`MockServer`]: the values of the fields every request carries that the mock
/// expects. Without a value of its own, a required field is expected to have its test value,
/// which [`MockServer::client`] sends; an optional one is not checked.
pub struct MockServerBuilder {
    expected: Vec<Option<Value>>,
}

/// What the mock expects of the requests of one operation, and what it answers them with.
///
/// Made by the operation's method of [`MockServer`] and set up by chaining: conditions
/// ([`when`](Expectation::when), [`with`](Expectation::with)), then answers
/// ([`returns`](Expectation::returns), [`fails`](Expectation::fails),
/// [`responds`](Expectation::responds), ...), each of which may be followed by what modifies
/// it ([`times`](Expectation::times), [`delay`](Expectation::delay),
/// [`retry_after`](Expectation::retry_after), ...).
///
/// Answers are given in order, each once unless [`times`](Expectation::times) says otherwise;
/// the last one is then repeated for every further request, except after an explicit
/// `times`. The expectation is met when each answer has been given (the last one at least
/// once). A request goes to the first expectation of its operation that it matches and that
/// is not met yet, else to the first that it matches and that still answers.
///
/// Keep the value to read what it received ([`received`](Expectation::received)).
pub struct Expectation<O: Operation> {
    shared: Arc<Shared>,
    index: usize,
    encode: fn(&O::Result) -> Vec<u8>,
}

/// The state behind a server and its expectations.
struct Shared {
    api: &'static ApiShape,
    /// The value of each common field the mock expects, in the order of `api.common_fields`.
    expected: Vec<Option<Value>>,
    state: Mutex<State>,
}

#[derive(Default)]
struct State {
    expectations: Vec<Registered>,
    /// What went wrong, one line each, in order.
    failures: Vec<String>,
    /// Requests received, for the request ids.
    requests: u64,
    /// Whether `verify` has already reported the failures.
    reported: bool,
}

/// A request of any operation.
type AnyRequest = Box<dyn Any + Send + Sync>;
/// Reads the request of one operation.
type Decode = Box<dyn Fn(&RequestBody) -> Result<AnyRequest, String> + Send + Sync>;
/// Tells why a request does not match, if it does not.
type Check = Box<dyn Fn(&dyn Any) -> Result<(), String> + Send + Sync>;
/// Makes the status and body of an answer from the request.
type MakeReply = Box<dyn Fn(&dyn Any) -> (u16, Vec<u8>) + Send + Sync>;

/// An expectation, its type erased.
struct Registered {
    operation: &'static str,
    /// Where the test set it up.
    location: &'static Location<'static>,
    decode: Decode,
    conditions: Vec<Condition>,
    answers: Vec<Answer>,
    received: Vec<AnyRequest>,
}

/// A condition on the request: `Err` tells why a request does not match.
struct Condition {
    check: Check,
}

struct Answer {
    reply: Reply,
    /// How many times it is given; `None`: once, or, as the last answer, for every request.
    times: Option<usize>,
    given: usize,
    delay: Duration,
    headers: Vec<(String, String)>,
}

enum Reply {
    Fixed { status: u16, body: Vec<u8> },
    Computed(MakeReply),
}

/// A response about to be sent.
struct Outgoing {
    status: u16,
    headers: Vec<(String, String)>,
    body: Vec<u8>,
    delay: Duration,
}

impl MockServer {
    /// Starts a mock server on `127.0.0.1` that expects the test values of the fields every
    /// request carries (those [`MockServer::client`] sends).
    pub async fn start() -> MockServer {
        MockServer::builder().start().await
    }

    /// Configures a mock server that expects other values of the fields every request
    /// carries, such as those the code under test reads from its configuration.
    pub fn builder() -> MockServerBuilder {
        MockServerBuilder {
            expected: super::API
                .common_fields
                .iter()
                .map(|field| {
                    field
                        .test_value
                        .map(|value| Value::String(value.to_owned()))
                })
                .collect(),
        }
    }

    /// The base address of the mock (`http://127.0.0.1:<port>`), to configure a client with.
    pub fn url(&self) -> String {
        format!("http://{}", self.address)
    }

    /// Panics with what went wrong so far, if anything did: an expectation that is not met,
    /// a request that no expectation matched. Dropping the server does the same, unless the
    /// thread is already panicking or `verify` already reported.
    #[track_caller]
    pub fn verify(&self) {
        if let Some(report) = self.shared.report() {
            self.shared.lock().reported = true;
            panic!("{report}");
        }
    }

    /// A new expectation of operation `O`, read with `decode` and answered with `encode`.
    #[track_caller]
    pub(crate) fn expectation<O: Operation>(
        &self,
        decode: fn(&RequestBody) -> Result<O::Request, String>,
        encode: fn(&O::Result) -> Vec<u8>,
    ) -> Expectation<O> {
        let mut state = self.shared.lock();
        state.expectations.push(Registered {
            operation: O::NAME,
            location: Location::caller(),
            decode: Box::new(move |body| {
                decode(body).map(|request| Box::new(request) as AnyRequest)
            }),
            conditions: Vec::new(),
            answers: Vec::new(),
            received: Vec::new(),
        });
        Expectation {
            shared: Arc::clone(&self.shared),
            index: state.expectations.len() - 1,
            encode,
        }
    }

    /// The value the mock expects of the common field `wire_name`, for a client to send.
    #[allow(dead_code)] // Only APIs with common fields use it.
    pub(crate) fn expected_value<T: serde::de::DeserializeOwned>(
        &self,
        wire_name: &str,
    ) -> Option<T> {
        let api = self.shared.api;
        let index = api
            .common_fields
            .iter()
            .position(|field| field.wire_name == wire_name)?;
        let value = self.shared.expected[index].clone()?;
        serde_json::from_value(value).ok()
    }
}

impl fmt::Debug for MockServer {
    fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        formatter
            .debug_struct("MockServer")
            .field("url", &self.url())
            .finish_non_exhaustive()
    }
}

impl Drop for MockServer {
    fn drop(&mut self) {
        self.server.abort();
        if std::thread::panicking() || self.shared.lock().reported {
            return;
        }
        if let Some(report) = self.shared.report() {
            panic!("{report}");
        }
    }
}

impl MockServerBuilder {
    /// Starts the mock server on `127.0.0.1`, on a port of its own.
    pub async fn start(self) -> MockServer {
        let listener = tokio::net::TcpListener::bind(("127.0.0.1", 0))
            .await
            .expect("the mock server can listen on loopback");
        let address = listener
            .local_addr()
            .expect("a listening socket has an address");
        let shared = Arc::new(Shared {
            api: &super::API,
            expected: self.expected,
            state: Mutex::default(),
        });
        let server = tokio::spawn(serve(listener, Arc::clone(&shared)));
        MockServer {
            shared,
            address,
            server,
        }
    }

    /// Expects `value` in the common field `wire_name`.
    #[allow(dead_code)] // Only APIs with common fields use it.
    pub(crate) fn expect_field(mut self, wire_name: &str, value: impl serde::Serialize) -> Self {
        let index = super::API
            .common_fields
            .iter()
            .position(|field| field.wire_name == wire_name);
        if let (Some(index), Ok(value)) = (index, serde_json::to_value(value)) {
            self.expected[index] = Some(value);
        }
        self
    }
}

impl fmt::Debug for MockServerBuilder {
    fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut fields = formatter.debug_map();
        for (field, value) in super::API.common_fields.iter().zip(&self.expected) {
            match value {
                Some(_) if field.secret => fields.entry(&field.wire_name, &"***"),
                Some(value) => fields.entry(&field.wire_name, value),
                None => fields.entry(&field.wire_name, &"(any)"),
            };
        }
        fields.finish()
    }
}

impl<O: Operation> Expectation<O> {
    /// Only requests for which `predicate` is true match. The predicate runs inside the mock,
    /// which it must not call.
    #[track_caller]
    pub fn when(self, predicate: impl Fn(&O::Request) -> bool + Send + Sync + 'static) -> Self {
        let location = Location::caller();
        self.condition(move |request| {
            if predicate(request) {
                Ok(())
            } else {
                Err(format!("the condition of `.when` at {location} is false"))
            }
        })
    }

    /// Only requests that send every field `template` sends, with the same value, match:
    /// fields the template leaves unset (`None`, `Update::Keep`) may have any value, and nested
    /// objects are compared the same way. Build the template like the request itself, with
    /// `new` and the `with_` setters.
    #[track_caller]
    pub fn with(self, template: O::Request) -> Self {
        let expected = serde_json::to_value(&template).unwrap_or(Value::Null);
        self.condition(move |request| {
            let received = serde_json::to_value(request).unwrap_or(Value::Null);
            match difference(&expected, &received, "") {
                None => Ok(()),
                Some(difference) => Err(difference),
            }
        })
    }

    /// Answers with `result`, as a success.
    pub fn returns(self, result: O::Result) -> Self {
        let body = (self.encode)(&result);
        self.answer(Reply::Fixed { status: 200, body })
    }

    /// Answers with what `answer` makes of the request, as a success. The closure runs inside
    /// the mock, which it must not call.
    pub fn returns_with(
        self,
        answer: impl Fn(&O::Request) -> O::Result + Send + Sync + 'static,
    ) -> Self {
        self.reply_with(move |request| Ok(answer(request)))
    }

    /// Answers with the documented error `status` and its body with `message`. Follow it with
    /// [`retry_after`](Expectation::retry_after) or [`request_id`](Expectation::request_id)
    /// to set those headers.
    pub fn fails(self, status: super::ErrorStatus, message: impl Into<String>) -> Self {
        let status = status.status();
        let body = (self.shared.api.error_body)(status, &message.into());
        self.answer(Reply::Fixed { status, body })
    }

    /// Answers with `status` and `body` exactly as given, whether or not the API documents
    /// them, such as an HTML error page or truncated JSON.
    #[track_caller]
    pub fn responds(self, status: u16, body: impl Into<Vec<u8>>) -> Self {
        assert!(
            hyper::StatusCode::from_u16(status).is_ok(),
            "the mock cannot answer with the status {status}"
        );
        self.answer(Reply::Fixed {
            status,
            body: body.into(),
        })
    }

    /// Gives the answer before this call `times` times, in a row; as the last answer, exactly
    /// that many times, after which the expectation answers no more requests.
    #[track_caller]
    pub fn times(self, times: usize) -> Self {
        self.modify_answer("times", |answer| answer.times = Some(times))
    }

    /// Waits `delay` before giving the answer before this call, as a slow server would.
    #[track_caller]
    pub fn delay(self, delay: Duration) -> Self {
        self.modify_answer("delay", |answer| answer.delay = delay)
    }

    /// Sends the answer before this call with a `Retry-After` header of `wait`, in whole
    /// seconds (rounded up); `Duration::ZERO` lets a client retry at once.
    #[track_caller]
    pub fn retry_after(self, wait: Duration) -> Self {
        let seconds = wait.as_secs() + u64::from(wait.subsec_nanos() > 0);
        self.header("Retry-After", seconds.to_string())
    }

    /// Sends the answer before this call with this `Request-Id` instead of `mock-<n>`.
    #[track_caller]
    pub fn request_id(self, request_id: impl Into<String>) -> Self {
        self.header("Request-Id", request_id)
    }

    /// Sends the answer before this call with a header, replacing one of the same name.
    #[track_caller]
    pub fn header(self, name: impl Into<String>, value: impl Into<String>) -> Self {
        let (name, value) = (name.into(), value.into());
        assert!(
            hyper::header::HeaderName::from_bytes(name.as_bytes()).is_ok()
                && hyper::header::HeaderValue::from_str(&value).is_ok(),
            "the mock cannot send the header {name:?}: {value:?}"
        );
        self.modify_answer("header", move |answer| {
            answer
                .headers
                .retain(|(other, _)| !other.eq_ignore_ascii_case(&name));
            answer.headers.push((name, value));
        })
    }

    /// The requests this expectation answered, in order, without the fields the client adds.
    pub fn received(&self) -> Vec<O::Request> {
        self.shared.lock().expectations[self.index]
            .received
            .iter()
            .filter_map(|request| request.downcast_ref::<O::Request>().cloned())
            .collect()
    }

    /// How many requests this expectation answered.
    pub fn calls(&self) -> usize {
        self.shared.lock().expectations[self.index].received.len()
    }

    /// Answers with what `answer` makes of the request: a success, or a `400` with the
    /// message.
    pub(crate) fn reply_with(
        self,
        answer: impl Fn(&O::Request) -> Result<O::Result, String> + Send + Sync + 'static,
    ) -> Self {
        let encode = self.encode;
        let error_body = self.shared.api.error_body;
        self.answer(Reply::Computed(Box::new(move |request| {
            match request.downcast_ref::<O::Request>().map(&answer) {
                Some(Ok(result)) => (200, encode(&result)),
                Some(Err(message)) => (400, error_body(400, &message)),
                None => (
                    500,
                    error_body(500, "mock: the request is not of the operation's type"),
                ),
            }
        })))
    }

    fn condition(
        self,
        check: impl Fn(&O::Request) -> Result<(), String> + Send + Sync + 'static,
    ) -> Self {
        let check = move |request: &dyn Any| match request.downcast_ref::<O::Request>() {
            Some(request) => check(request),
            None => Err("the request is not of the operation's type".to_owned()),
        };
        self.shared.lock().expectations[self.index]
            .conditions
            .push(Condition {
                check: Box::new(check),
            });
        self
    }

    fn answer(self, reply: Reply) -> Self {
        self.shared.lock().expectations[self.index]
            .answers
            .push(Answer {
                reply,
                times: None,
                given: 0,
                delay: Duration::ZERO,
                headers: Vec::new(),
            });
        self
    }

    #[track_caller]
    fn modify_answer(self, what: &str, modify: impl FnOnce(&mut Answer)) -> Self {
        match self.shared.lock().expectations[self.index].answers.last_mut() {
            Some(answer) => modify(answer),
            None => panic!(
                "`.{what}` applies to the answer before it: call `.returns`, `.fails` or `.responds` first"
            ),
        }
        self
    }
}

impl<O: Operation<Result = ()>> Expectation<O> {
    /// Answers with a success (an operation that returns `()`).
    pub fn succeeds(self) -> Self {
        self.returns(())
    }
}

impl<O: Operation> fmt::Debug for Expectation<O> {
    fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        let state = self.shared.lock();
        let expectation = &state.expectations[self.index];
        formatter
            .debug_struct("Expectation")
            .field("operation", &O::NAME)
            .field("location", &format_args!("{}", expectation.location))
            .field("calls", &expectation.received.len())
            .finish_non_exhaustive()
    }
}

impl Registered {
    /// The answer the next request gets, if any is left.
    fn current(&self) -> Option<usize> {
        let last = self.answers.len().checked_sub(1)?;
        self.answers
            .iter()
            .position(|answer| answer.given < answer.times.unwrap_or(1))
            .or_else(|| self.answers[last].times.is_none().then_some(last))
    }

    /// Whether every answer has been given as often as it is to be.
    fn is_met(&self) -> bool {
        !self.answers.is_empty()
            && self
                .answers
                .iter()
                .all(|answer| answer.given >= answer.times.unwrap_or(1))
    }

    /// Whether the expectation answers no more requests.
    fn is_exhausted(&self) -> bool {
        !self.answers.is_empty() && self.current().is_none()
    }

    /// Why `request` does not match, if it does not.
    fn mismatch(&self, request: &dyn Any) -> Option<String> {
        self.conditions
            .iter()
            .find_map(|condition| (condition.check)(request).err())
    }

    /// Why the expectation is not met, if it is not.
    fn unmet(&self) -> Option<String> {
        if self.answers.is_empty() {
            return Some("has no answer: call `.returns`, `.fails` or `.responds`".to_owned());
        }
        if self.is_met() {
            return None;
        }
        let expected: usize = self
            .answers
            .iter()
            .map(|answer| answer.times.unwrap_or(1))
            .sum();
        let at_least = if self
            .answers
            .last()
            .is_some_and(|answer| answer.times.is_none())
        {
            "at least "
        } else {
            ""
        };
        Some(format!(
            "was not met: {at_least}{expected} request{} expected, {} received",
            if expected == 1 { "" } else { "s" },
            self.received.len()
        ))
    }
}

impl Shared {
    fn lock(&self) -> MutexGuard<'_, State> {
        self.state
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    /// Everything that went wrong, or `None`.
    fn report(&self) -> Option<String> {
        let state = self.lock();
        let unmet = state.expectations.iter().filter_map(|expectation| {
            let reason = expectation.unmet()?;
            Some(format!(
                "the expectation of {} set at {} {reason}",
                expectation.operation, expectation.location
            ))
        });
        let problems: Vec<String> = state.failures.iter().cloned().chain(unmet).collect();
        if problems.is_empty() {
            return None;
        }
        Some(format!(
            "the mock server of the API was not used as expected:\n- {}",
            problems.join("\n- ")
        ))
    }

    /// The operation served at `method` and `path`: a path without parameters first.
    fn route(&self, method: &str, path: &str) -> Option<&'static Route> {
        let routes = self
            .api
            .routes
            .iter()
            .filter(|route| route.method.eq_ignore_ascii_case(method));
        let mut templated = None;
        for route in routes {
            if route.path == path {
                return Some(route);
            }
            if templated.is_none() && path_matches(route.path, path) {
                templated = Some(route);
            }
        }
        templated
    }

    /// Checks the common fields of a body against the values expected, and removes the
    /// required ones, which the request types do not have.
    fn check_common(&self, json: &mut Option<Value>) -> Result<(), String> {
        let fields = self.api.common_fields;
        if fields.is_empty() {
            return Ok(());
        }
        let Some(Value::Object(body)) = json else {
            return Err("the body is not a JSON object".to_owned());
        };
        let mut problems = Vec::new();
        for (field, expected) in fields.iter().zip(&self.expected) {
            let name = field.wire_name;
            let hint = format!(
                "`MockServer::builder().{}(..)` sets the value the mock expects",
                field.setter
            );
            match (body.get(name), expected) {
                (None, _) if field.required => problems.push(format!("`{name}` is missing")),
                (None, Some(_)) => problems.push(format!("`{name}` is missing ({hint})")),
                (Some(received), Some(expected)) if received != expected => {
                    if field.secret {
                        problems.push(format!("`{name}` is not the value the mock expects (a secret: neither is shown; {hint})"));
                    } else {
                        problems.push(format!(
                            "`{name}` is {received}, the mock expects {expected} ({hint})"
                        ));
                    }
                }
                _ => {}
            }
            if field.required {
                body.remove(name);
            }
        }
        if problems.is_empty() {
            Ok(())
        } else {
            Err(problems.join(", "))
        }
    }

    /// A body as a failure message shows it: credentials replaced with `***`, cut short.
    fn shown(&self, body: &[u8]) -> String {
        let secrets = self.api.common_fields.iter().filter(|field| field.secret);
        let mut text = match serde_json::from_slice::<Value>(body) {
            Ok(Value::Object(mut object)) => {
                for field in secrets.clone() {
                    if let Some(value) = object.get_mut(field.wire_name) {
                        *value = Value::String("***".to_owned());
                    }
                }
                Value::Object(object).to_string()
            }
            _ => String::from_utf8_lossy(body).into_owned(),
        };
        for (field, expected) in self.api.common_fields.iter().zip(&self.expected) {
            if let (true, Some(Value::String(secret))) = (field.secret, expected) {
                if !secret.is_empty() {
                    text = text.replace(secret.as_str(), "***");
                }
            }
        }
        match text.char_indices().nth(SHOWN_BODY_CHARS) {
            Some((end, _)) => format!("{}...", &text[..end]),
            None if text.is_empty() => "(empty)".to_owned(),
            None => text,
        }
    }

    /// What to answer `method` `path` with `body`: the chosen expectation's answer, or a
    /// refusal and a failure.
    fn decide(&self, method: &str, path: &str, body: &Bytes) -> Outgoing {
        let mut state = self.lock();
        state.requests += 1;
        let request_id = format!("mock-{}", state.requests);
        let refuse = |state: &mut State, status: u16, failure: String| {
            let message = format!("mock: {failure}");
            state.failures.push(failure);
            Outgoing {
                status,
                headers: vec![("Request-Id".to_owned(), request_id.clone())],
                body: (self.api.error_body)(status, &message),
                delay: Duration::ZERO,
            }
        };
        let Some(route) = self.route(method, path) else {
            let failure = format!(
                "{method} {path}: no operation of the API is served here; body: {}",
                self.shown(body)
            );
            return refuse(&mut state, 404, failure);
        };
        let operation = route.operation;
        let mut json = serde_json::from_slice::<Value>(body).ok();
        if let Err(problems) = self.check_common(&mut json) {
            return refuse(&mut state, 401, format!("{operation}: {problems}"));
        }
        let indexes: Vec<usize> = (0..state.expectations.len())
            .filter(|&index| state.expectations[index].operation == operation)
            .collect();
        let Some(&first) = indexes.first() else {
            let failure = format!(
                "{operation}: a request, but no expectation of this operation was set; body: {}",
                self.shown(body)
            );
            return refuse(&mut state, 400, failure);
        };
        let request = match (state.expectations[first].decode)(&RequestBody {
            json,
            bytes: body.clone(),
        }) {
            Ok(request) => request,
            Err(error) => {
                let failure = format!(
                    "{operation}: the body is not the operation's request ({error}): {}",
                    self.shown(body)
                );
                return refuse(&mut state, 400, failure);
            }
        };
        let mut chosen = None;
        let mut reasons = Vec::new();
        for &index in &indexes {
            let expectation = &state.expectations[index];
            let location = expectation.location;
            if expectation.is_exhausted() {
                reasons.push(format!(
                    "the expectation set at {location} has given all its answers"
                ));
            } else if let Some(reason) = expectation.mismatch(&*request) {
                reasons.push(format!("the expectation set at {location}: {reason}"));
            } else if !expectation.is_met() {
                chosen = Some(index);
                break;
            } else if chosen.is_none() {
                chosen = Some(index);
            }
        }
        let Some(index) = chosen else {
            let failure = format!(
                "{operation}: a request that no expectation matched: {}\n    {}",
                self.shown(body),
                reasons.join("\n    ")
            );
            return refuse(&mut state, 400, failure);
        };
        let expectation = &mut state.expectations[index];
        let Some(current) = expectation.current() else {
            // The report names the expectation without an answer.
            expectation.received.push(request);
            let message = format!(
                "mock: the expectation of {operation} set at {} has no answer",
                expectation.location
            );
            return Outgoing {
                status: 400,
                headers: vec![("Request-Id".to_owned(), request_id)],
                body: (self.api.error_body)(400, &message),
                delay: Duration::ZERO,
            };
        };
        let answer = &mut expectation.answers[current];
        answer.given += 1;
        let (status, response) = match &answer.reply {
            Reply::Fixed { status, body } => (*status, body.clone()),
            Reply::Computed(reply) => reply(&*request),
        };
        let mut headers = vec![
            ("Content-Type".to_owned(), "application/json".to_owned()),
            ("Request-Id".to_owned(), request_id),
        ];
        for (name, value) in &answer.headers {
            headers.retain(|(other, _)| !other.eq_ignore_ascii_case(name));
            headers.push((name.clone(), value.clone()));
        }
        let delay = answer.delay;
        expectation.received.push(request);
        Outgoing {
            status,
            headers,
            body: response,
            delay,
        }
    }
}

impl Outgoing {
    fn into_response(self) -> hyper::Response<Full<Bytes>> {
        let mut response = hyper::Response::builder().status(self.status);
        for (name, value) in &self.headers {
            response = response.header(name.as_str(), value.as_str());
        }
        response
            .body(Full::new(Bytes::from(self.body)))
            .unwrap_or_else(|_| {
                let mut response = hyper::Response::new(Full::new(Bytes::from_static(
                    b"mock: the answer could not be sent",
                )));
                *response.status_mut() = hyper::StatusCode::INTERNAL_SERVER_ERROR;
                response
            })
    }
}

/// Whether `path` is an instance of `template`, whose `{parameter}` parts match any text
/// within one segment.
fn path_matches(template: &str, path: &str) -> bool {
    let mut templates = template.split('/');
    let mut segments = path.split('/');
    loop {
        match (templates.next(), segments.next()) {
            (None, None) => return true,
            (Some(template), Some(segment)) => {
                let matches = match (template.find('{'), template.rfind('}')) {
                    (Some(open), Some(close)) if open < close => {
                        let (prefix, suffix) = (&template[..open], &template[close + 1..]);
                        segment.len() > prefix.len() + suffix.len()
                            && segment.starts_with(prefix)
                            && segment.ends_with(suffix)
                    }
                    _ => template == segment,
                };
                if !matches {
                    return false;
                }
            }
            _ => return false,
        }
    }
}

/// Where `received` differs from `expected`, comparing only the members `expected` has in
/// each object; `path` names the place (`IdentityDocuments[0].Number`).
fn difference(expected: &Value, received: &Value, path: &str) -> Option<String> {
    let place = if path.is_empty() {
        "the request".to_owned()
    } else {
        format!("`{path}`")
    };
    match (expected, received) {
        (Value::Object(expected), Value::Object(received)) => {
            expected.iter().find_map(|(name, value)| {
                let path = if path.is_empty() {
                    name.clone()
                } else {
                    format!("{path}.{name}")
                };
                match received.get(name) {
                    Some(received) => difference(value, received, &path),
                    None => Some(format!("`{path}`: expected {value}, not sent")),
                }
            })
        }
        (Value::Array(expected), Value::Array(received)) if expected.len() == received.len() => {
            expected
                .iter()
                .zip(received)
                .enumerate()
                .find_map(|(index, (expected, received))| {
                    difference(expected, received, &format!("{path}[{index}]"))
                })
        }
        (Value::Array(expected), Value::Array(received)) => Some(format!(
            "{place}: expected {} items, received {}",
            expected.len(),
            received.len()
        )),
        _ if expected == received => None,
        _ => Some(format!("{place}: expected {expected}, received {received}")),
    }
}

/// Accepts connections until the server is dropped, serving each in a task of its own.
async fn serve(listener: tokio::net::TcpListener, shared: Arc<Shared>) {
    // Dropping the set, when this task is aborted, ends the connections too.
    let mut connections = JoinSet::new();
    loop {
        while connections.try_join_next().is_some() {}
        let stream = match listener.accept().await {
            Ok((stream, _)) => stream,
            Err(_) => {
                tokio::time::sleep(Duration::from_millis(10)).await;
                continue;
            }
        };
        let shared = Arc::clone(&shared);
        connections.spawn(async move {
            let service = hyper::service::service_fn(move |request| {
                let shared = Arc::clone(&shared);
                async move { Ok::<_, Infallible>(respond(&shared, request).await) }
            });
            // A connection that the client closes ends here; there is nothing to report.
            let _ = hyper::server::conn::http1::Builder::new()
                .serve_connection(TokioIo::new(stream), service)
                .await;
        });
    }
}

async fn respond(
    shared: &Shared,
    request: hyper::Request<Incoming>,
) -> hyper::Response<Full<Bytes>> {
    let (parts, body) = request.into_parts();
    let body = match body.collect().await {
        Ok(collected) => collected.to_bytes(),
        Err(_) => Bytes::new(),
    };
    let outgoing = shared.decide(parts.method.as_str(), parts.uri.path(), &body);
    if !outgoing.delay.is_zero() {
        tokio::time::sleep(outgoing.delay).await;
    }
    outgoing.into_response()
}
