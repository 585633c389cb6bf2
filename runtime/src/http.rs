//! The transport under the generated client: sending, retrying, rate limiting and reading
//! responses, independent of any one operation.

use std::borrow::Cow;
use std::collections::VecDeque;
use std::fmt;
use std::sync::{Mutex, MutexGuard, PoisonError};
use std::time::{Duration, Instant};

use tracing::Instrument;

/// How many bytes of an unreadable response body an error keeps.
const BODY_EXCERPT_BYTES: usize = 512;

/// The longest response body a client reads unless told otherwise: 64 MiB, far above any
/// result of the Mews Connector API, whose pages hold at most 1,000 items.
pub const DEFAULT_MAX_RESPONSE_BODY: usize = 64 << 20;

/// The longest client-wide pause a `429` can cause, whatever its `Retry-After` says, and the
/// furthest any wait of the client reaches.
const MAX_PAUSE: Duration = Duration::from_secs(365 * 24 * 3600);

/// `at + by`, or at most a year after `at` (a `Duration` can reach beyond any `Instant`).
fn later(at: Instant, by: Duration) -> Instant {
    at + by.min(MAX_PAUSE)
}

/// A credential. It is sent as is but never shown: `Debug` and `Display` print `***`.
#[derive(Clone, PartialEq, Eq)]
pub struct Secret(String);

impl Secret {
    /// Wraps a credential.
    pub fn new(value: impl Into<String>) -> Self {
        Secret(value.into())
    }

    /// The credential itself, for sending it.
    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for Secret {
    fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        formatter.write_str("***")
    }
}

impl fmt::Display for Secret {
    fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        formatter.write_str("***")
    }
}

/// When and how often a failed request is sent again.
///
/// A `429 Too Many Requests` is always retried (the server did not process the request),
/// waiting as its `Retry-After` header says or, without one, backing off exponentially with
/// jitter. It also pauses the whole client, clones included: no call sends anything until the
/// time the server asked for has passed, and each waiting call then resumes at a random moment
/// up to [`RetryPolicy::jitter`] later, never earlier. Timeouts, `408` and `5xx` responses are
/// retried only for idempotent operations, unless [`RetryPolicy::retry_non_idempotent`] is set:
/// repeating a non-idempotent operation such as `customers/add` after a timeout could create a
/// duplicate.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RetryPolicy {
    /// The most attempts per call, the first one included (1 disables retries).
    pub max_attempts: u32,
    /// The most time spent waiting between attempts of one call, client-wide pauses included;
    /// a wait that would exceed it ends the call with the last error instead (or, for a call
    /// that has not been sent yet, with the `429` that paused the client).
    pub max_total_wait: Duration,
    /// The first backoff when the server gives no `Retry-After`; it doubles per attempt.
    pub initial_backoff: Duration,
    /// The longest single backoff.
    pub max_backoff: Duration,
    /// Also retry non-idempotent operations after timeouts and server errors.
    pub retry_non_idempotent: bool,
    /// How much later than the end of a client-wide pause a waiting call may resume, chosen at
    /// random per call so that the calls do not all arrive at once (default 1 second).
    pub jitter: Duration,
}

impl Default for RetryPolicy {
    fn default() -> Self {
        RetryPolicy {
            max_attempts: 3,
            max_total_wait: Duration::from_secs(60),
            initial_backoff: Duration::from_millis(500),
            max_backoff: Duration::from_secs(30),
            retry_non_idempotent: false,
            jitter: Duration::from_secs(1),
        }
    }
}

impl RetryPolicy {
    /// A policy that sends every request once.
    pub fn never() -> Self {
        RetryPolicy {
            max_attempts: 1,
            ..RetryPolicy::default()
        }
    }

    /// The exponential backoff before attempt `attempt + 1`, with jitter: between half and
    /// all of `initial_backoff * 2^(attempt - 1)`, capped at `max_backoff`.
    pub(crate) fn backoff(&self, attempt: u32) -> Duration {
        let exponential = self
            .initial_backoff
            .saturating_mul(
                1u32.checked_shl(attempt.saturating_sub(1))
                    .unwrap_or(u32::MAX),
            )
            .min(self.max_backoff);
        exponential.mul_f64(0.5 + fastrand::f64() / 2.0)
    }
}

/// A client-side limit of requests per sliding window, so that a client never provokes a
/// `429` on its own. Mews allows 200 requests per access token per 30 seconds:
/// `RateLimit::new(200, Duration::from_secs(30))`.
///
/// The limit holds as the server counts, by arrival: no `window` of the server's clock sees
/// more than `requests` requests of the client and its clones arrive. Each attempt holds a
/// place from just before it is sent until its response arrives (or until it ends without one:
/// failed, timed out, or dropped by its caller), and the place then counts for one more
/// `window` from that moment; an attempt is sent only while fewer than `requests` places are
/// held or counting. A request reaches the server after its place was granted and before its
/// response comes back, so if `requests + 1` arrivals fell within one window, the place of the
/// last of them to be granted would have been granted while the other `requests` places were
/// still held or counting, which the limiter does not do. A request the client gave up on
/// counts from the moment it gave up; one that reaches the server even later (held up in a
/// proxy) is beyond what a client can see. The price is throughput: a window's worth of
/// requests takes the window plus the slowest response time of the batch.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RateLimit {
    /// Requests allowed per window.
    pub requests: u32,
    /// The length of the sliding window.
    pub window: Duration,
}

impl RateLimit {
    /// At most `requests` requests in any `window`.
    pub fn new(requests: u32, window: Duration) -> Self {
        RateLimit { requests, window }
    }
}

/// Paces the requests of a client and its clones: the client-wide pause after a `429`, and
/// the optional [`RateLimit`], counted as described there.
#[derive(Debug)]
pub(crate) struct Pacer {
    limit: Option<RateLimit>,
    jitter: Duration,
    state: Mutex<PacerState>,
    /// The calls waiting for a place, first come first served; the first of them (the holder of
    /// the lock) does the waiting for the next place to free up.
    queue: tokio::sync::Mutex<()>,
    /// Signalled whenever a place stops being held.
    place_ended: tokio::sync::Notify,
}

#[derive(Debug, Default)]
struct PacerState {
    /// Until when the client is paused, and the `429` that paused it.
    pause: Option<(Instant, RawResponse)>,
    /// Places held by attempts under way.
    held: usize,
    /// When the places no longer held ended, oldest first; each counts for one window from
    /// then (at most `requests` of them, so the queue stays small).
    ended: VecDeque<Instant>,
}

/// What the first waiting call waits for.
enum Wait {
    /// The client is paused: sit the pause out outside the queue.
    Paused,
    /// The oldest ended place stops counting at this moment.
    Until(Instant),
    /// Every place is held by an attempt under way: wait for one to end.
    PlaceEnd,
}

/// A place in the rate limit, held by one attempt until its response has arrived or it ended
/// otherwise (including when its future is dropped); then the place counts for one window.
pub(crate) struct Place<'a> {
    pacer: &'a Pacer,
}

impl Drop for Place<'_> {
    fn drop(&mut self) {
        let mut state = self.pacer.state();
        state.held -= 1;
        state.ended.push_back(Instant::now());
        drop(state);
        self.pacer.place_ended.notify_one();
    }
}

impl Pacer {
    fn new(limit: Option<RateLimit>, jitter: Duration) -> Self {
        Pacer {
            limit,
            jitter,
            state: Mutex::default(),
            queue: tokio::sync::Mutex::new(()),
            place_ended: tokio::sync::Notify::new(),
        }
    }

    fn state(&self) -> MutexGuard<'_, PacerState> {
        // Nothing panics while holding the lock; should it ever, the counts are still whole.
        self.state.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// Pauses the client for `wait` from now (unless it is already paused for longer), because
    /// of `response`, a `429`.
    pub(crate) fn pause(&self, response: &RawResponse, wait: Duration) {
        let until = later(Instant::now(), wait);
        let mut state = self.state();
        if state
            .pause
            .as_ref()
            .is_none_or(|(current, _)| *current < until)
        {
            state.pause = Some((until, response.clone()));
        }
    }

    /// While the client is paused: the `429` that paused it, its `Retry-After` now the time
    /// left.
    pub(crate) fn paused(&self) -> Option<RawResponse> {
        let mut state = self.state();
        let (until, response) = state.pause.as_ref()?;
        let Some(left) = until
            .checked_duration_since(Instant::now())
            .filter(|left| !left.is_zero())
        else {
            // Over: the 429's body need not be kept any longer.
            state.pause = None;
            return None;
        };
        Some(RawResponse {
            request_id: None,
            retry_after: Some(left),
            ..response.clone()
        })
    }

    /// Waits until the client is no longer paused, then a random part of the jitter; returns
    /// the time waited. Each round waits for a later end of the pause (a new `429` extended it).
    pub(crate) async fn sit_out_pause(&self) -> Duration {
        let started = Instant::now();
        loop {
            let until = match &self.state().pause {
                Some((until, _)) if *until > Instant::now() => *until,
                _ => return started.elapsed(),
            };
            let jitter = Duration::from_nanos(fastrand::u64(
                ..=u64::try_from(self.jitter.as_nanos()).unwrap_or(u64::MAX),
            ));
            tracing::debug!(
                wait_ms = until.saturating_duration_since(Instant::now()).as_millis() as u64,
                "client paused after a 429, waiting"
            );
            tokio::time::sleep_until(later(until, jitter).into()).await;
        }
    }

    /// Waits out any pause, then, under a rate limit, for a place.
    pub(crate) async fn acquire(&self) -> Option<Place<'_>> {
        let Some(limit) = self.limit else {
            self.sit_out_pause().await;
            return None;
        };
        let allowed = limit.requests.max(1) as usize;
        loop {
            self.sit_out_pause().await;
            let _first = self.queue.lock().await;
            loop {
                let wait = {
                    let mut state = self.state();
                    let now = Instant::now();
                    if state.pause.as_ref().is_some_and(|(until, _)| *until > now) {
                        Wait::Paused
                    } else {
                        while state
                            .ended
                            .front()
                            .is_some_and(|&end| now.duration_since(end) >= limit.window)
                        {
                            state.ended.pop_front();
                        }
                        if state.held + state.ended.len() < allowed {
                            state.held += 1;
                            return Some(Place { pacer: self });
                        }
                        match state.ended.front() {
                            Some(&end) => Wait::Until(later(end, limit.window)),
                            None => Wait::PlaceEnd,
                        }
                    }
                };
                match wait {
                    Wait::Paused => break,
                    Wait::Until(at) => {
                        tracing::debug!(
                            wait_ms =
                                at.saturating_duration_since(Instant::now()).as_millis() as u64,
                            "client-side rate limit reached, waiting"
                        );
                        tokio::time::sleep_until(at.into()).await;
                    }
                    Wait::PlaceEnd => {
                        tracing::debug!("client-side rate limit reached, waiting for a response");
                        self.place_ended.notified().await;
                    }
                }
            }
        }
    }
}

/// What the transport needs to know about an operation.
#[derive(Debug, Clone)]
pub(crate) struct Endpoint {
    pub name: &'static str,
    pub method: reqwest::Method,
    pub path: &'static str,
    pub idempotent: bool,
}

/// One call: the path with its parameters filled in, query and header parameters, and the body.
#[derive(Debug)]
pub(crate) struct Request {
    pub(crate) path: String,
    query: Vec<(String, String)>,
    headers: Vec<(&'static str, String)>,
    /// Shared bytes, so that a retry re-sends the body without copying it, and their content
    /// type (a multipart body's names its boundary).
    body: Option<(bytes::Bytes, Cow<'static, str>)>,
}

impl Request {
    pub fn new(path: impl Into<String>) -> Self {
        Request {
            path: path.into(),
            query: Vec::new(),
            headers: Vec::new(),
            body: None,
        }
    }

    /// Adds a query parameter written in `style`; an unset value adds nothing.
    #[allow(dead_code)] // Only APIs with query parameters use it.
    pub fn query(
        mut self,
        name: &'static str,
        value: &(impl serde::Serialize + ?Sized),
        style: Style,
    ) -> Self {
        style.pairs(name, &param_json(value), &mut self.query);
        self
    }

    /// Adds a header parameter (`simple` style: an array is sent comma-separated); an unset
    /// value is not sent.
    #[allow(dead_code)] // Only APIs with header parameters use it.
    pub fn header(
        mut self,
        name: &'static str,
        value: &(impl serde::Serialize + ?Sized),
        style: Style,
    ) -> Self {
        if let Some(text) = style.text(name, &param_json(value)) {
            self.headers.push((name, text));
        }
        self
    }

    /// Adds a cookie parameter to the `Cookie` header.
    #[allow(dead_code)] // Only APIs with cookie parameters use it.
    pub fn cookie(
        mut self,
        name: &'static str,
        value: &(impl serde::Serialize + ?Sized),
        style: Style,
    ) -> Self {
        if let Some(text) = style.text(name, &param_json(value)) {
            let cookie = format!("{name}={text}");
            match self
                .headers
                .iter_mut()
                .find(|(header, _)| *header == "Cookie")
            {
                Some((_, cookies)) => *cookies = format!("{cookies}; {cookie}"),
                None => self.headers.push(("Cookie", cookie)),
            }
        }
        self
    }

    /// Sets the body and its content type.
    #[allow(dead_code)] // An API whose operations take no body does not use it.
    pub fn body(mut self, body: Vec<u8>, content_type: impl Into<Cow<'static, str>>) -> Self {
        self.body = Some((body.into(), content_type.into()));
        self
    }

    /// Adds the query, headers and body to a request to send.
    pub(crate) fn apply_to(&self, mut builder: reqwest::RequestBuilder) -> reqwest::RequestBuilder {
        if !self.query.is_empty() {
            builder = builder.query(&self.query);
        }
        for (name, value) in &self.headers {
            builder = builder.header(*name, value);
        }
        if let Some((body, content_type)) = &self.body {
            builder = builder
                .header(reqwest::header::CONTENT_TYPE, content_type.as_ref())
                .body(body.clone());
        }
        builder
    }
}

/// A parameter value as JSON, which the styles write out; `null` when unset.
fn param_json(value: &(impl serde::Serialize + ?Sized)) -> serde_json::Value {
    serde_json::to_value(value).unwrap_or(serde_json::Value::Null)
}

/// How a parameter or form field is written: OpenAPI's `style` and `explode`.
#[allow(dead_code)] // An API uses the styles its parameters have.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Style {
    /// `form`, exploded: `id=3&id=4`; an object's properties as parameters of their own.
    Form,
    /// `form`, not exploded: `id=3,4`; an object as `name=key,value,key,value`.
    FormCompact,
    /// `spaceDelimited`: `id=3 4`.
    SpaceDelimited,
    /// `pipeDelimited`: `id=3|4`.
    PipeDelimited,
    /// `deepObject`: `name[key]=value`, `name[key][inner]=value`, `name[0]=value`.
    DeepObject,
    /// `simple`: `3,4`; an object as `key,value,key,value`.
    Simple,
    /// `simple`, exploded: an object as `key=value,key=value`.
    SimpleExploded,
    /// `label`: `.3,4`, exploded `.3.4`.
    Label { explode: bool },
    /// `matrix`: `;id=3,4`, exploded `;id=3;id=4`.
    Matrix { explode: bool },
}

#[allow(dead_code)] // An API uses the styles its parameters have.
impl Style {
    /// Appends the `name=value` pairs of a query parameter or form field.
    fn pairs(self, name: &str, value: &serde_json::Value, out: &mut Vec<(String, String)>) {
        use serde_json::Value;
        match (self, value) {
            (_, Value::Null) => {}
            (Style::DeepObject, Value::Array(_) | Value::Object(_)) => deep_pairs(name, value, out),
            (Style::Form, Value::Array(items)) => {
                out.extend(
                    items
                        .iter()
                        .filter_map(scalar)
                        .map(|item| (name.to_owned(), item)),
                );
            }
            (Style::Form, Value::Object(properties)) => out.extend(
                by_name(properties)
                    .into_iter()
                    .filter_map(|(key, value)| Some((key.clone(), scalar(value)?))),
            ),
            _ => out.extend(self.text(name, value).map(|text| (name.to_owned(), text))),
        }
    }

    /// The text of a value that is written as one: a header, a cookie, a path segment, a
    /// delimited query parameter. `None` when unset.
    fn text(self, name: &str, value: &serde_json::Value) -> Option<String> {
        use serde_json::Value;
        let (separator, pair) = match self {
            Style::SpaceDelimited => (" ", None),
            Style::PipeDelimited => ("|", None),
            Style::SimpleExploded => (",", Some("=")),
            Style::Label { explode: true } => (".", Some("=")),
            Style::Matrix { explode: true } => (";", Some("=")),
            _ => (",", None),
        };
        let text = match value {
            Value::Null => return None,
            Value::Array(items) => {
                let items: Vec<String> = items.iter().filter_map(scalar).collect();
                match self {
                    Style::Matrix { explode: true } => items
                        .iter()
                        .map(|item| format!("{name}={item}"))
                        .collect::<Vec<_>>()
                        .join(";"),
                    _ => items.join(separator),
                }
            }
            Value::Object(properties) => by_name(properties)
                .into_iter()
                .filter_map(|(key, value)| {
                    let value = scalar(value)?;
                    Some(match pair {
                        Some(equals) => format!("{key}{equals}{value}"),
                        None => format!("{key},{value}"),
                    })
                })
                .collect::<Vec<_>>()
                .join(separator),
            scalar_value => scalar(scalar_value)?,
        };
        Some(match self {
            Style::Label { .. } => format!(".{text}"),
            Style::Matrix { explode: true } if value.is_array() => format!(";{text}"),
            Style::Matrix { explode: true } if value.is_object() => format!(";{text}"),
            Style::Matrix { .. } => format!(";{name}={text}"),
            _ => text,
        })
    }
}

/// A scalar as text (a string as itself, a number or boolean as JSON writes it); a nested
/// array or object as JSON text; `null` as nothing.
fn scalar(value: &serde_json::Value) -> Option<String> {
    match value {
        serde_json::Value::Null => None,
        serde_json::Value::String(text) => Some(text.clone()),
        other => Some(other.to_string()),
    }
}

/// An object's properties in the order of their names, whatever order `serde_json` keeps: its
/// `preserve_order` feature, which any crate of a build may turn on, keeps them as written.
fn by_name(
    properties: &serde_json::Map<String, serde_json::Value>,
) -> Vec<(&String, &serde_json::Value)> {
    let mut properties: Vec<_> = properties.iter().collect();
    properties.sort_unstable_by_key(|(name, _)| *name);
    properties
}

/// `deepObject` pairs: `name[key]=value` for every leaf, arrays indexed from 0.
fn deep_pairs(name: &str, value: &serde_json::Value, out: &mut Vec<(String, String)>) {
    use serde_json::Value;
    match value {
        Value::Object(properties) => {
            for (key, value) in by_name(properties) {
                deep_pairs(&format!("{name}[{key}]"), value, out);
            }
        }
        Value::Array(items) => {
            for (index, item) in items.iter().enumerate() {
                deep_pairs(&format!("{name}[{index}]"), item, out);
            }
        }
        leaf => out.extend(scalar(leaf).map(|text| (name.to_owned(), text))),
    }
}

/// A path parameter in its style, percent-encoded so that it stays one path segment (the
/// style's own `.`, `;`, `=` and `,` stay as they are).
#[allow(dead_code)] // Only APIs with path parameters use it.
pub(crate) fn path_value(value: &(impl serde::Serialize + ?Sized), style: Style) -> String {
    let text = style.text("", &param_json(value)).unwrap_or_default();
    let mut encoded = String::with_capacity(text.len());
    for byte in text.bytes() {
        match byte {
            b'A'..=b'Z'
            | b'a'..=b'z'
            | b'0'..=b'9'
            | b'-'
            | b'.'
            | b'_'
            | b'~'
            | b','
            | b';'
            | b'=' => encoded.push(byte as char),
            _ => encoded.push_str(&format!("%{byte:02X}")),
        }
    }
    encoded
}

/// An `application/x-www-form-urlencoded` body: every property of `value` written in its style
/// (`Form` unless `styles` names another).
#[allow(dead_code)] // Only APIs with form bodies use it.
pub(crate) fn form_body(value: &impl serde::Serialize, styles: &[(&str, Style)]) -> Vec<u8> {
    let mut pairs = Vec::new();
    match param_json(value) {
        serde_json::Value::Object(properties) => {
            for (key, value) in by_name(&properties) {
                let style = styles
                    .iter()
                    .find(|(name, _)| name == key)
                    .map_or(Style::Form, |(_, style)| *style);
                style.pairs(key, value, &mut pairs);
            }
        }
        other => Style::Form.pairs("value", &other, &mut pairs),
    }
    let mut body = String::new();
    for (index, (name, value)) in pairs.iter().enumerate() {
        if index > 0 {
            body.push('&');
        }
        form_encode(name, &mut body);
        body.push('=');
        form_encode(value, &mut body);
    }
    body.into_bytes()
}

/// Percent-encodes `text` as `application/x-www-form-urlencoded` does: spaces as `+`.
#[allow(dead_code)] // Only APIs with form bodies use it.
fn form_encode(text: &str, out: &mut String) {
    for byte in text.bytes() {
        match byte {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'*' => {
                out.push(byte as char)
            }
            b' ' => out.push('+'),
            _ => out.push_str(&format!("%{byte:02X}")),
        }
    }
}

/// The files of a property of a multipart body: one, an optional one, or several.
pub trait FileParts {
    /// The files, in order.
    fn file_parts(&self) -> Vec<&crate::support::FilePart>;
}

impl FileParts for crate::support::FilePart {
    fn file_parts(&self) -> Vec<&crate::support::FilePart> {
        vec![self]
    }
}

impl<T: FileParts> FileParts for Option<T> {
    fn file_parts(&self) -> Vec<&crate::support::FilePart> {
        self.iter().flat_map(FileParts::file_parts).collect()
    }
}

impl<T: FileParts> FileParts for crate::support::Nullable<T> {
    fn file_parts(&self) -> Vec<&crate::support::FilePart> {
        self.value().map(FileParts::file_parts).unwrap_or_default()
    }
}

impl<T: FileParts> FileParts for Vec<T> {
    fn file_parts(&self) -> Vec<&crate::support::FilePart> {
        self.iter().flat_map(FileParts::file_parts).collect()
    }
}

/// A `multipart/form-data` body under construction, with a boundary of its own.
#[allow(dead_code)] // Only APIs with multipart bodies use it.
pub(crate) struct Multipart {
    boundary: String,
    body: Vec<u8>,
}

#[allow(dead_code)] // Only APIs with multipart bodies use it.
impl Multipart {
    pub fn new() -> Self {
        let boundary = format!(
            "----mews-codegen-{:016x}{:016x}",
            fastrand::u64(..),
            fastrand::u64(..)
        );
        Multipart {
            boundary,
            body: Vec::new(),
        }
    }

    /// A primitive as a text part (`text/plain` unless the spec says otherwise); an array
    /// gives one part per item, an unset value none.
    pub fn text(
        &mut self,
        name: &str,
        value: &(impl serde::Serialize + ?Sized),
        content_type: Option<&str>,
    ) {
        match param_json(value) {
            serde_json::Value::Array(items) => {
                for item in items.iter().filter_map(scalar) {
                    self.part(
                        name,
                        None,
                        content_type.unwrap_or("text/plain; charset=utf-8"),
                        item.as_bytes(),
                    );
                }
            }
            value => {
                if let Some(text) = scalar(&value) {
                    self.part(
                        name,
                        None,
                        content_type.unwrap_or("text/plain; charset=utf-8"),
                        text.as_bytes(),
                    );
                }
            }
        }
    }

    /// An object or array as a JSON part; an unset value gives none.
    pub fn json(
        &mut self,
        name: &str,
        value: &(impl serde::Serialize + ?Sized),
        content_type: Option<&str>,
    ) {
        let value = param_json(value);
        if !value.is_null() {
            self.part(
                name,
                None,
                content_type.unwrap_or("application/json"),
                value.to_string().as_bytes(),
            );
        }
    }

    /// One part per file: its bytes under its file name and content type (or the one the
    /// spec gives).
    pub fn files(&mut self, name: &str, files: &impl FileParts, content_type: Option<&str>) {
        for file in files.file_parts() {
            let content_type = file
                .content_type
                .as_deref()
                .or(content_type)
                .unwrap_or("application/octet-stream");
            self.part(name, Some(&file.file_name), content_type, &file.bytes);
        }
    }

    fn part(&mut self, name: &str, file_name: Option<&str>, content_type: &str, bytes: &[u8]) {
        let quoted = |text: &str| {
            text.replace('\\', "\\\\")
                .replace('"', "\\\"")
                .replace(['\r', '\n'], " ")
        };
        self.body.extend_from_slice(
            format!(
                "--{}\r\nContent-Disposition: form-data; name=\"{}\"",
                self.boundary,
                quoted(name)
            )
            .as_bytes(),
        );
        if let Some(file_name) = file_name {
            self.body
                .extend_from_slice(format!("; filename=\"{}\"", quoted(file_name)).as_bytes());
        }
        self.body
            .extend_from_slice(format!("\r\nContent-Type: {content_type}\r\n\r\n").as_bytes());
        self.body.extend_from_slice(bytes);
        self.body.extend_from_slice(b"\r\n");
    }

    /// The body and its content type, which names the boundary.
    pub fn finish(mut self) -> (Vec<u8>, String) {
        self.body
            .extend_from_slice(format!("--{}--\r\n", self.boundary).as_bytes());
        (
            self.body,
            format!("multipart/form-data; boundary={}", self.boundary),
        )
    }
}

/// Settings of the transport, as the client builder collects them.
#[derive(Debug, Clone)]
pub(crate) struct Settings {
    pub base_url: String,
    pub timeout: Duration,
    pub retry: RetryPolicy,
    pub rate_limit: Option<RateLimit>,
    pub max_response_body: usize,
    pub http: Option<reqwest::Client>,
}

impl Settings {
    pub fn new(base_url: String) -> Self {
        Settings {
            base_url,
            timeout: Duration::from_secs(60),
            retry: RetryPolicy::default(),
            rate_limit: None,
            max_response_body: DEFAULT_MAX_RESPONSE_BODY,
            http: None,
        }
    }
}

/// Sends requests with retries and rate limiting, and reads the responses.
#[derive(Debug)]
pub(crate) struct Transport {
    pub(crate) http: reqwest::Client,
    pub(crate) base_url: String,
    pub(crate) timeout: Duration,
    pub(crate) retry: RetryPolicy,
    pub(crate) pacer: Pacer,
    max_response_body: usize,
    /// Credentials to blank out of anything an error shows.
    secrets: Vec<Secret>,
}

/// A response as received: status, the headers that matter, and the body.
#[derive(Debug, Clone)]
pub(crate) struct RawResponse {
    pub status: u16,
    pub request_id: Option<String>,
    pub retry_after: Option<Duration>,
    pub body: bytes::Bytes,
}

/// Why no response could be had.
#[derive(Debug)]
pub(crate) enum TransportError {
    Timeout,
    Failed(reqwest::Error),
    BodyTooLarge(BodyTooLarge),
}

/// A response whose body is longer than the client accepts (the client builder's
/// `max_response_body`, [`DEFAULT_MAX_RESPONSE_BODY`] unless set): reading stopped at the limit,
/// or before reading when the declared `Content-Length` exceeded it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BodyTooLarge {
    /// The HTTP status of the response.
    pub status: u16,
    /// The `Request-Id` header of the response.
    pub request_id: Option<String>,
    /// The limit exceeded, in bytes.
    pub limit: usize,
}

impl fmt::Display for BodyTooLarge {
    fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(formatter, "HTTP {}: the response body exceeds the limit of {} bytes (`max_response_body`); it was not read further", self.status, self.limit)?;
        if let Some(request_id) = &self.request_id {
            write!(formatter, ", request id {request_id}")?;
        }
        Ok(())
    }
}

impl std::error::Error for BodyTooLarge {}

impl Transport {
    pub fn new(settings: Settings, secrets: Vec<Secret>) -> Result<Self, reqwest::Error> {
        let http = match settings.http {
            Some(http) => http,
            None => reqwest::Client::builder().build()?,
        };
        Ok(Transport {
            http,
            base_url: settings.base_url.trim_end_matches('/').to_owned(),
            timeout: settings.timeout,
            pacer: Pacer::new(settings.rate_limit, settings.retry.jitter),
            retry: settings.retry,
            max_response_body: settings.max_response_body,
            secrets,
        })
    }

    /// Sends `request` to `endpoint`, retrying as the policy allows, and returns the last
    /// response, whatever its status.
    pub async fn send(
        &self,
        endpoint: &Endpoint,
        request: &Request,
    ) -> Result<RawResponse, TransportError> {
        let url = format!("{}{}", self.base_url, request.path);
        let mut waited = Duration::ZERO;
        let mut attempt = 1;
        let mut last = None;
        loop {
            // A 429 to any call pauses the client: wait for the end of the pause, or give up now
            // if it lasts longer than the policy allows to wait.
            if let Some(paused) = self.pacer.paused() {
                let left = paused.retry_after.unwrap_or_default();
                if waited.saturating_add(left) > self.retry.max_total_wait {
                    tracing::warn!(operation = endpoint.name, wait_ms = left.as_millis() as u64, "client paused after a 429 for longer than the retry policy allows to wait; giving up");
                    return last.unwrap_or(Ok(paused));
                }
                waited = waited.saturating_add(self.pacer.sit_out_pause().await);
            }
            let span = tracing::info_span!(
                "request",
                operation = endpoint.name,
                path = endpoint.path,
                attempt,
                status = tracing::field::Empty,
                request_id = tracing::field::Empty,
            );
            let outcome = self
                .attempt(endpoint, &url, request)
                .instrument(span.clone())
                .await;
            let mut paused = false;
            if let Ok(response) = &outcome {
                span.record("status", response.status);
                if let Some(request_id) = &response.request_id {
                    span.record("request_id", request_id.as_str());
                }
                if response.status == 429 {
                    let wait = response
                        .retry_after
                        .unwrap_or_else(|| self.retry.backoff(attempt));
                    self.pacer.pause(response, wait);
                    paused = true;
                }
            }
            let Some(wait) = self.retry_wait(endpoint, &outcome, attempt) else {
                return outcome;
            };
            if waited.saturating_add(wait) > self.retry.max_total_wait {
                tracing::warn!(parent: &span, wait_ms = wait.as_millis() as u64, "retry would exceed the total wait allowed; giving up");
                return outcome;
            }
            tracing::warn!(parent: &span, wait_ms = wait.as_millis() as u64, "retrying");
            // After a 429 the wait is the client-wide pause, sat out at the top of the loop.
            if !paused {
                tokio::time::sleep(wait).await;
                waited = waited.saturating_add(wait);
            }
            last = Some(outcome);
            attempt += 1;
        }
    }

    async fn attempt(
        &self,
        endpoint: &Endpoint,
        url: &str,
        request: &Request,
    ) -> Result<RawResponse, TransportError> {
        let builder = self
            .http
            .request(endpoint.method.clone(), url)
            .header(reqwest::header::ACCEPT, "application/json")
            .timeout(self.timeout);
        let builder = request.apply_to(builder);
        // The place is held until the response has arrived (the server has the request by then),
        // or until the attempt fails or its future is dropped.
        let place = self.pacer.acquire().await;
        let sent = builder.send().await;
        drop(place);
        let response = sent.map_err(TransportError::from)?;
        let status = response.status().as_u16();
        let header = |name: &str| {
            response
                .headers()
                .get(name)
                .and_then(|value| value.to_str().ok())
                .map(str::to_owned)
        };
        let request_id = header("Request-Id");
        let retry_after = header("Retry-After").and_then(|value| parse_retry_after(&value));
        let body = self.read_body(response, status, &request_id).await?;
        Ok(RawResponse {
            status,
            request_id,
            retry_after,
            body,
        })
    }

    /// Reads a body of at most `max_response_body` bytes as it arrives, and stops reading as
    /// soon as it is known to be longer: from its `Content-Length`, or when the bytes received
    /// exceed the limit. The response is dropped then, which closes its connection.
    pub(crate) async fn read_body(
        &self,
        mut response: reqwest::Response,
        status: u16,
        request_id: &Option<String>,
    ) -> Result<bytes::Bytes, TransportError> {
        let limit = self.max_response_body;
        let too_large = || {
            TransportError::BodyTooLarge(BodyTooLarge {
                status,
                request_id: request_id.clone(),
                limit,
            })
        };
        if response
            .content_length()
            .is_some_and(|length| length > limit as u64)
        {
            return Err(too_large());
        }
        let Some(first) = response.chunk().await? else {
            return Ok(bytes::Bytes::new());
        };
        if first.len() > limit {
            return Err(too_large());
        }
        let Some(second) = response.chunk().await? else {
            // One chunk (the usual case for a small body): no copy.
            return Ok(first);
        };
        let mut body = Vec::new();
        let mut chunk = Some(first);
        let mut next = Some(second);
        while let Some(bytes) = chunk {
            if !append_within(&mut body, &bytes, limit) {
                return Err(too_large());
            }
            chunk = match next.take() {
                Some(bytes) => Some(bytes),
                None => response.chunk().await?,
            };
        }
        Ok(bytes::Bytes::from(body))
    }

    /// How long to wait before the next attempt, or `None` when the outcome is final.
    pub(crate) fn retry_wait(
        &self,
        endpoint: &Endpoint,
        outcome: &Result<RawResponse, TransportError>,
        attempt: u32,
    ) -> Option<Duration> {
        if attempt >= self.retry.max_attempts {
            return None;
        }
        let may_repeat = endpoint.idempotent || self.retry.retry_non_idempotent;
        match outcome {
            // The pause this 429 caused (or a longer one another call's 429 caused).
            Ok(response) if response.status == 429 => Some(
                self.pacer
                    .paused()
                    .and_then(|paused| paused.retry_after)
                    .unwrap_or_default(),
            ),
            Ok(response) if may_repeat && (response.status == 408 || response.status >= 500) => {
                Some(
                    response
                        .retry_after
                        .unwrap_or_else(|| self.retry.backoff(attempt)),
                )
            }
            Ok(_) => None,
            // A response arrived; reading it again would end the same way.
            Err(TransportError::BodyTooLarge(_)) => None,
            // A connection that was never made carried no request, so any operation may repeat.
            Err(TransportError::Failed(error)) if error.is_connect() => {
                Some(self.retry.backoff(attempt))
            }
            Err(_) if may_repeat => Some(self.retry.backoff(attempt)),
            Err(_) => None,
        }
    }

    /// The start of `body` as text, at most `BODY_EXCERPT_BYTES`, with credentials blanked out.
    /// Redacting comes before cutting, so that no part of a credential survives at the cut, and
    /// only a prefix of the body is redacted, so that a huge body is not copied: each byte of
    /// the excerpt comes from at most `longest` bytes of the body (a credential becomes `***`),
    /// and a credential or a character cut at the end of the prefix lies beyond the excerpt.
    fn excerpt(&self, body: &[u8]) -> String {
        let longest = self
            .secrets
            .iter()
            .map(|secret| secret.expose().len())
            .max()
            .unwrap_or(0);
        let prefix = body
            .len()
            .min(BODY_EXCERPT_BYTES * longest.max(1) + longest + 4);
        let mut text = self.redact(&String::from_utf8_lossy(&body[..prefix]));
        let mut end = text.len().min(BODY_EXCERPT_BYTES);
        while !text.is_char_boundary(end) {
            end -= 1;
        }
        text.truncate(end);
        text
    }

    /// Replaces every credential in `text` with `***`.
    pub fn redact(&self, text: &str) -> String {
        self.secrets
            .iter()
            .filter(|secret| !secret.expose().is_empty())
            .fold(text.to_owned(), |text, secret| {
                text.replace(secret.expose(), "***")
            })
    }
}

impl From<reqwest::Error> for TransportError {
    fn from(error: reqwest::Error) -> Self {
        if error.is_timeout() {
            TransportError::Timeout
        } else {
            TransportError::Failed(error)
        }
    }
}

/// Appends `bytes` to `body` unless that would make it longer than `limit`. The buffer grows by
/// doubling, but never beyond the limit, so a body's memory stays within it.
fn append_within(body: &mut Vec<u8>, bytes: &[u8], limit: usize) -> bool {
    let needed = body.len() + bytes.len();
    if needed > limit {
        return false;
    }
    if needed > body.capacity() {
        body.reserve_exact(needed.max(body.capacity() * 2).min(limit) - body.len());
    }
    body.extend_from_slice(bytes);
    true
}

/// Parses `Retry-After`: a number of seconds, or an HTTP date (a wait until then).
pub(crate) fn parse_retry_after(value: &str) -> Option<Duration> {
    let value = value.trim();
    if let Ok(seconds) = value.parse::<u64>() {
        return Some(Duration::from_secs(seconds));
    }
    let date = chrono::DateTime::parse_from_rfc2822(value).ok()?;
    let wait = date.with_timezone(&chrono::Utc) - chrono::Utc::now();
    Some(wait.to_std().unwrap_or(Duration::ZERO))
}

/// An error response the API documents: its status, its `Request-Id`, and its decoded body.
#[derive(Debug, Clone, PartialEq)]
pub struct ApiError<B> {
    /// The HTTP status.
    pub status: u16,
    /// The `Request-Id` header: quote it when reporting a problem.
    pub request_id: Option<String>,
    /// The decoded error body.
    pub body: B,
}

/// An error body that may carry a human-readable message.
pub trait ErrorBody {
    /// The message, if the body has one.
    fn message(&self) -> Option<&str>;
}

impl ErrorBody for serde_json::Value {
    fn message(&self) -> Option<&str> {
        ["Message", "message", "error", "detail"]
            .iter()
            .find_map(|key| self.get(key).and_then(serde_json::Value::as_str))
    }
}

/// A plain string body is its own message.
impl ErrorBody for String {
    fn message(&self) -> Option<&str> {
        Some(self)
    }
}

/// A body that is not JSON: its text is the message.
impl ErrorBody for Vec<u8> {
    fn message(&self) -> Option<&str> {
        std::str::from_utf8(self).ok()
    }
}

impl<B: ErrorBody> fmt::Display for ApiError<B> {
    fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(formatter, "HTTP {}", self.status)?;
        if let Some(message) = self.body.message() {
            write!(formatter, ": {message}")?;
        }
        if let Some(request_id) = &self.request_id {
            write!(formatter, " (request id {request_id})")?;
        }
        Ok(())
    }
}

/// What an error response tells whatever the type of its body, so that the client's `Error`
/// can tell it for every status.
pub trait ErrorResponse: fmt::Display {
    /// The HTTP status.
    fn status(&self) -> u16;
    /// The `Request-Id` header.
    fn request_id(&self) -> Option<&str>;
}

impl<B: ErrorBody> ErrorResponse for ApiError<B> {
    fn status(&self) -> u16 {
        self.status
    }

    fn request_id(&self) -> Option<&str> {
        self.request_id.as_deref()
    }
}

/// A response body that is not the documented JSON.
#[derive(Debug)]
pub struct DecodeError {
    /// The HTTP status of the response.
    pub status: u16,
    /// The `Request-Id` header of the response.
    pub request_id: Option<String>,
    /// The start of the body (at most 512 bytes), with credentials blanked out.
    pub body_excerpt: String,
    /// What did not match.
    pub source: serde_json::Error,
}

impl fmt::Display for DecodeError {
    fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            formatter,
            "HTTP {}: the response body is not the documented JSON ({})",
            self.status, self.source
        )?;
        if let Some(request_id) = &self.request_id {
            write!(formatter, ", request id {request_id}")?;
        }
        write!(formatter, "; body: {:?}", self.body_excerpt)
    }
}

impl std::error::Error for DecodeError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        Some(&self.source)
    }
}

impl RawResponse {
    /// Reads the body as `T`.
    #[allow(dead_code)] // An API without JSON results does not use it.
    pub fn json<T: serde::de::DeserializeOwned>(
        &self,
        transport: &Transport,
    ) -> Result<T, DecodeError> {
        serde_json::from_slice(&self.body).map_err(|source| self.decode_error(transport, source))
    }

    /// Reads an error body as `T`, with credentials blanked out first, so that a server echoing
    /// them cannot leak them into an error message.
    pub fn redacted_json<T: serde::de::DeserializeOwned>(
        &self,
        transport: &Transport,
    ) -> Result<T, DecodeError> {
        let text = transport.redact(&String::from_utf8_lossy(&self.body));
        serde_json::from_str(&text).map_err(|source| self.decode_error(transport, source))
    }

    /// Reads an error body into an [`ApiError`].
    pub fn api_error<B: serde::de::DeserializeOwned>(
        &self,
        transport: &Transport,
    ) -> Result<ApiError<B>, DecodeError> {
        Ok(ApiError {
            status: self.status,
            request_id: self.request_id.clone(),
            body: self.redacted_json(transport)?,
        })
    }

    /// An [`ApiError`] for a body that is not JSON, kept as bytes with credentials blanked out.
    #[allow(dead_code)] // Only APIs with non-JSON error bodies use it.
    pub fn raw_api_error(&self, transport: &Transport) -> ApiError<Vec<u8>> {
        ApiError {
            status: self.status,
            request_id: self.request_id.clone(),
            body: transport
                .redact(&String::from_utf8_lossy(&self.body))
                .into_bytes(),
        }
    }

    fn decode_error(&self, transport: &Transport, source: serde_json::Error) -> DecodeError {
        DecodeError {
            status: self.status,
            request_id: self.request_id.clone(),
            body_excerpt: transport.excerpt(&self.body),
            source,
        }
    }
}
