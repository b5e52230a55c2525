//! The one-line status of a request that is waiting: for the rate limiter,
//! after a 429, or before a retry. The adapters that wait publish it here
//! and a component shows it, so the adapters need no UI state.

use std::cell::{Cell, RefCell};
use std::rc::Rc;

type Listener = Rc<dyn Fn(Option<String>)>;

thread_local! {
    static LISTENERS: RefCell<Vec<(u64, Listener)>> = const { RefCell::new(Vec::new()) };
    static NEXT_ID: Cell<u64> = const { Cell::new(0) };
}

/// Keeps a listener registered until dropped.
pub struct Subscription {
    id: u64,
}

impl Drop for Subscription {
    fn drop(&mut self) {
        let id = self.id;
        LISTENERS.with(|listeners| listeners.borrow_mut().retain(|(other, _)| *other != id));
    }
}

/// Calls `listener` with each new status text, and with `None` when no
/// request waits any more.
pub fn subscribe(listener: impl Fn(Option<String>) + 'static) -> Subscription {
    let id = NEXT_ID.with(|next| {
        next.set(next.get() + 1);
        next.get()
    });
    LISTENERS.with(|listeners| listeners.borrow_mut().push((id, Rc::new(listener))));
    Subscription { id }
}

/// Publishes `text`, such as "Rate limited by 127.0.0.1:8443: waiting 12 s".
pub fn show(text: String) {
    publish(Some(text));
}

/// Tells the listeners that the wait is over.
pub fn clear() {
    publish(None);
}

fn publish(text: Option<String>) {
    // Cloned first, so a listener may subscribe or unsubscribe while called.
    let listeners: Vec<Listener> = LISTENERS.with(|listeners| {
        listeners
            .borrow()
            .iter()
            .map(|(_, listener)| listener.clone())
            .collect()
    });
    for listener in listeners {
        listener(text.clone());
    }
}
