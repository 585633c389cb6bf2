//! Counts how often calls waited for a place in the client's rate limit, from the client's own
//! traces: the generated client logs `client-side rate limit reached` at debug level each time
//! a call has to wait for a place. A count, unlike a time, does not depend on how fast the
//! machine is.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;

use tracing::field::{Field, Visit};
use tracing::{Dispatch, Event, Level, Subscriber};
use tracing_subscriber::layer::{Context, Layer, SubscriberExt};

/// What the client's trace of a wait for a place says.
const WAIT_MESSAGE: &str = "client-side rate limit reached";

/// A subscriber that counts the waits of the futures it is attached to
/// (`future.with_subscriber(waits.dispatch())`).
#[derive(Clone)]
pub struct LimitWaits {
    count: Arc<AtomicUsize>,
    dispatch: Dispatch,
}

impl Default for LimitWaits {
    fn default() -> Self {
        let count = Arc::new(AtomicUsize::new(0));
        let subscriber = tracing_subscriber::registry().with(Counter(Arc::clone(&count)));
        LimitWaits {
            count,
            dispatch: Dispatch::new(subscriber),
        }
    }
}

impl LimitWaits {
    /// The subscriber to attach to a future.
    pub fn dispatch(&self) -> Dispatch {
        self.dispatch.clone()
    }

    /// The waits counted so far.
    pub fn count(&self) -> usize {
        self.count.load(Ordering::SeqCst)
    }
}

struct Counter(Arc<AtomicUsize>);

impl<S: Subscriber> Layer<S> for Counter {
    fn on_event(&self, event: &Event<'_>, _: Context<'_, S>) {
        if *event.metadata().level() != Level::DEBUG {
            return;
        }
        let mut message = Message(None);
        event.record(&mut message);
        if message.0.is_some_and(|text| text.contains(WAIT_MESSAGE)) {
            self.0.fetch_add(1, Ordering::SeqCst);
        }
    }
}

/// The `message` field of an event.
struct Message(Option<String>);

impl Visit for Message {
    fn record_debug(&mut self, field: &Field, value: &dyn std::fmt::Debug) {
        if field.name() == "message" {
            self.0 = Some(format!("{value:?}"));
        }
    }
}
