//! The network error code behind a failed `fetch`.
//!
//! `fetch` rejects with a bare `TypeError: Failed to fetch` whether the
//! certificate was untrusted, the connection refused or the name unknown.
//! `chrome.webRequest.onErrorOccurred` reports the real code (for example
//! `net::ERR_CERT_AUTHORITY_INVALID`) for hosts the extension has access to,
//! which lets the popup tell the user which of these happened.

use std::cell::RefCell;
use std::rc::Rc;
use std::time::Duration;

use js_sys::{Array, Object, Reflect};
use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};

use super::chrome;

/// How long to wait for the error event after `fetch` rejected; the event and
/// the rejection arrive in either order.
const EVENT_GRACE: Duration = Duration::from_millis(400);

/// Listens for network errors on one URL pattern until dropped.
pub struct NetErrorWatch {
    last_error: Rc<RefCell<Option<String>>>,
    listener: Option<Closure<dyn FnMut(JsValue)>>,
}

impl NetErrorWatch {
    /// Starts listening for errors on URLs matching `pattern`. Without
    /// `chrome.webRequest` the watch reports no code.
    pub fn start(pattern: &str) -> Self {
        let last_error: Rc<RefCell<Option<String>>> = Rc::default();
        let recorded = last_error.clone();
        let listener = Closure::<dyn FnMut(JsValue)>::new(move |details: JsValue| {
            let error = Reflect::get(&details, &JsValue::from_str("error"))
                .ok()
                .and_then(|error| error.as_string());
            if error.is_some() {
                *recorded.borrow_mut() = error;
            }
        });

        let registered = add_listener(pattern, &listener).is_ok();
        NetErrorWatch {
            last_error,
            listener: registered.then_some(listener),
        }
    }

    /// Returns the error code seen for the request, waiting briefly for the
    /// event when it has not arrived yet.
    pub async fn error_code(&self) -> Option<String> {
        if self.listener.is_some() && self.last_error.borrow().is_none() {
            gloo_timers::future::sleep(EVENT_GRACE).await;
        }
        self.last_error.borrow().clone()
    }
}

impl Drop for NetErrorWatch {
    fn drop(&mut self) {
        if let (Some(listener), Some(event)) = (&self.listener, on_error_occurred()) {
            let _ = chrome::call(&event, "removeListener", &[listener.as_ref().clone()]);
        }
    }
}

fn on_error_occurred() -> Option<JsValue> {
    chrome::namespace(&["webRequest", "onErrorOccurred"])
}

fn add_listener(pattern: &str, listener: &Closure<dyn FnMut(JsValue)>) -> Result<(), JsValue> {
    let event = on_error_occurred().ok_or(JsValue::NULL)?;
    let filter = Object::new();
    Reflect::set(
        &filter,
        &JsValue::from_str("urls"),
        &Array::of1(&JsValue::from_str(pattern)),
    )?;
    let callback: &js_sys::Function = listener.as_ref().unchecked_ref();
    chrome::call(&event, "addListener", &[callback.into(), filter.into()]).map(|_| ())
}
