//! Server-sent events (`text/event-stream`): a response read as a stream of events while it
//! arrives, each event's `data` decoded as the spec documents it.

use std::time::Duration;

use futures::stream::{BoxStream, StreamExt};

use crate::client::{Client, Error};
use crate::http::{
    parse_retry_after, DecodeError, Endpoint, RawResponse, Request, Transport, TransportError,
};

/// One server-sent event.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub struct Event<T> {
    /// The event's type (`event:`), when the server names one.
    pub event: Option<String>,
    /// The event's id (`id:`), to resume a stream after it.
    pub id: Option<String>,
    /// How long the server asks a client to wait before reconnecting (`retry:`).
    pub retry: Option<Duration>,
    /// The event's data (`data:` lines), decoded.
    pub data: T,
}

/// Why a stream of events stopped with an error.
#[derive(Debug)]
pub(crate) enum EventError {
    /// The connection failed while the events arrived.
    Transport(TransportError),
    /// An event's data is not the documented JSON.
    Decode(DecodeError),
}

/// What opening a stream gave: the events of a success, or any other response, read whole.
pub(crate) enum Opened<T> {
    Events(BoxStream<'static, Result<Event<T>, EventError>>),
    Response(RawResponse),
}

impl Client {
    /// Opens a stream of server-sent events, or reads the error response: what the methods of
    /// operations that stream events return.
    pub(crate) async fn events<T: serde::de::DeserializeOwned + Send + 'static>(
        &self,
        endpoint: &Endpoint,
        request: &Request,
    ) -> Result<BoxStream<'static, Result<Event<T>, Error>>, Error> {
        match self
            .inner
            .transport
            .open_events::<T>(endpoint, request)
            .await?
        {
            Opened::Events(events) => {
                let events = events.map(|event| {
                    event.map_err(|error| match error {
                        EventError::Transport(error) => Error::from(error),
                        EventError::Decode(error) => Error::Decode(error),
                    })
                });
                Ok(events.boxed())
            }
            Opened::Response(response) => Err(self.error(response)),
        }
    }
}

impl Transport {
    /// Sends `request` asking for `text/event-stream` and, on a success, streams its events
    /// as they arrive; any other response is read whole, for the error. The client's timeout
    /// bounds the wait for the response, not the stream; a `429` is retried as for any call.
    pub(crate) async fn open_events<T: serde::de::DeserializeOwned + Send + 'static>(
        &self,
        endpoint: &Endpoint,
        request: &Request,
    ) -> Result<Opened<T>, TransportError> {
        let url = format!("{}{}", self.base_url, request.path);
        let mut attempt = 1;
        loop {
            // A 429 to any call pauses the client: sit it out before sending.
            if self.pacer.paused().is_some() {
                self.pacer.sit_out_pause().await;
            }
            let builder = self
                .http
                .request(endpoint.method.clone(), &url)
                .header(reqwest::header::ACCEPT, "text/event-stream");
            // The place in the rate limit is held until the response has arrived.
            let place = self.pacer.acquire().await;
            let sent = tokio::time::timeout(self.timeout, request.apply_to(builder).send()).await;
            drop(place);
            let response = sent
                .map_err(|_| TransportError::Timeout)?
                .map_err(TransportError::from)?;
            let status = response.status().as_u16();
            let request_id = response
                .headers()
                .get("Request-Id")
                .and_then(|value| value.to_str().ok())
                .map(str::to_owned);
            if response.status().is_success() {
                return Ok(Opened::Events(events(response, status, request_id)));
            }
            let retry_after = response
                .headers()
                .get("Retry-After")
                .and_then(|value| value.to_str().ok())
                .and_then(parse_retry_after);
            let body = self.read_body(response, status, &request_id).await?;
            let outcome = Ok(RawResponse {
                status,
                request_id,
                retry_after,
                body,
            });
            if let Ok(response) = &outcome {
                if status == 429 {
                    let wait = retry_after.unwrap_or_else(|| self.retry.backoff(attempt));
                    self.pacer.pause(response, wait);
                }
            }
            match self.retry_wait(endpoint, &outcome, attempt) {
                // The wait is the client-wide pause, sat out at the top of the loop.
                Some(_) if status == 429 => attempt += 1,
                _ => return outcome.map(Opened::Response),
            }
        }
    }
}

/// The events of a response body, parsed as its chunks arrive. A `data: [DONE]` event (the
/// end marker of several streaming APIs) ends the stream.
fn events<T: serde::de::DeserializeOwned + Send + 'static>(
    response: reqwest::Response,
    status: u16,
    request_id: Option<String>,
) -> BoxStream<'static, Result<Event<T>, EventError>> {
    let state = (
        Some(response),
        Parser::default(),
        std::collections::VecDeque::new(),
    );
    futures::stream::unfold(state, move |(mut response, mut parser, mut ready)| {
        let request_id = request_id.clone();
        async move {
            loop {
                if let Some(event) = ready.pop_front() {
                    let event: Event<String> = event;
                    if event.data == "[DONE]" {
                        return None;
                    }
                    let decoded = decode(event, status, &request_id);
                    return Some((decoded, (response, parser, ready)));
                }
                let body = response.as_mut()?;
                match body.chunk().await {
                    Ok(Some(chunk)) => ready.extend(parser.feed(&chunk)),
                    Ok(None) => {
                        response = None;
                        ready.extend(parser.finish());
                    }
                    Err(error) => {
                        return Some((
                            Err(EventError::Transport(TransportError::from(error))),
                            (None, parser, ready),
                        ));
                    }
                }
            }
        }
    })
    .boxed()
}

/// An event with its data decoded: as JSON, or as the text itself when `T` is `String` and the
/// data is no JSON string.
fn decode<T: serde::de::DeserializeOwned>(
    event: Event<String>,
    status: u16,
    request_id: &Option<String>,
) -> Result<Event<T>, EventError> {
    let data = serde_json::from_str(&event.data)
        .or_else(|error| {
            serde_json::from_value(serde_json::Value::String(event.data.clone())).map_err(|_| error)
        })
        .map_err(|source| {
            let mut end = event.data.len().min(512);
            while !event.data.is_char_boundary(end) {
                end -= 1;
            }
            EventError::Decode(DecodeError {
                status,
                request_id: request_id.clone(),
                body_excerpt: event.data[..end].to_owned(),
                source,
            })
        })?;
    Ok(Event {
        event: event.event,
        id: event.id,
        retry: event.retry,
        data,
    })
}

/// The `text/event-stream` format: `field: value` lines, events ended by a blank line,
/// comments starting with `:`.
#[derive(Default)]
struct Parser {
    /// Bytes of a line not yet complete.
    partial: Vec<u8>,
    event: Option<String>,
    id: Option<String>,
    retry: Option<Duration>,
    data: Option<String>,
}

impl Parser {
    /// The events completed by `chunk`.
    fn feed(&mut self, chunk: &[u8]) -> Vec<Event<String>> {
        self.partial.extend_from_slice(chunk);
        let mut events = Vec::new();
        while let Some(end) = self
            .partial
            .iter()
            .position(|&byte| byte == b'\n' || byte == b'\r')
        {
            let line = String::from_utf8_lossy(&self.partial[..end]).into_owned();
            // `\r\n` is one line end.
            let skip = if self.partial[end] == b'\r' && self.partial.get(end + 1) == Some(&b'\n') {
                2
            } else {
                1
            };
            if self.partial[end] == b'\r' && end + 1 == self.partial.len() {
                // A `\r` at the end of the chunk may be followed by its `\n` in the next one.
                break;
            }
            self.partial.drain(..end + skip);
            events.extend(self.line(&line));
        }
        events
    }

    /// The last event, when the body ends without the blank line after it.
    fn finish(&mut self) -> Vec<Event<String>> {
        let line = String::from_utf8_lossy(&std::mem::take(&mut self.partial)).into_owned();
        let mut events: Vec<Event<String>> = self.line(&line).into_iter().collect();
        events.extend(self.line(""));
        events
    }

    fn line(&mut self, line: &str) -> Option<Event<String>> {
        if line.is_empty() {
            let data = self.data.take()?;
            return Some(Event {
                event: self.event.take(),
                id: self.id.clone(),
                retry: self.retry,
                data,
            });
        }
        if line.starts_with(':') {
            return None;
        }
        let (field, value) = line.split_once(':').unwrap_or((line, ""));
        let value = value.strip_prefix(' ').unwrap_or(value);
        match field {
            "data" => match &mut self.data {
                Some(data) => {
                    data.push('\n');
                    data.push_str(value);
                }
                None => self.data = Some(value.to_owned()),
            },
            "event" => self.event = Some(value.to_owned()),
            "id" if !value.contains('\0') => self.id = Some(value.to_owned()),
            "retry" => {
                if let Ok(millis) = value.parse() {
                    self.retry = Some(Duration::from_millis(millis));
                }
            }
            _ => {}
        }
        None
    }
}
