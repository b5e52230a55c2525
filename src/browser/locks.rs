//! A lock shared by every page and the service worker of the extension,
//! through the Web Locks API (`navigator.locks`), which all of them reach
//! because they share the extension's origin.

use std::cell::RefCell;
use std::future::Future;
use std::rc::Rc;

use js_sys::{Promise, Reflect};
use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::{future_to_promise, JsFuture};

use super::chrome;

/// The lock was granted but its holder stopped before finishing.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("The extension lost the lock \"{name}\" before the work under it finished. Try again.")]
pub struct LockLost {
    pub name: String,
}

/// Runs `body` while holding the lock `name`, waiting for any other
/// context that holds it. Without Web Locks (an old browser or a test page)
/// `body` runs without a lock.
pub async fn with_lock<F, Fut, T>(name: &str, body: F) -> Result<T, LockLost>
where
    F: FnOnce() -> Fut + 'static,
    Fut: Future<Output = T> + 'static,
    T: 'static,
{
    let Some(locks) = lock_manager() else {
        return Ok(body().await);
    };

    let result: Rc<RefCell<Option<T>>> = Rc::default();
    let pending_body = Rc::new(RefCell::new(Some(body)));
    let slot = result.clone();
    let body_cell = pending_body.clone();
    let callback = Closure::once_into_js(move |_lock: JsValue| -> Promise {
        let body = body_cell.borrow_mut().take();
        future_to_promise(async move {
            if let Some(body) = body {
                let value = body().await;
                *slot.borrow_mut() = Some(value);
            }
            Ok(JsValue::UNDEFINED)
        })
    });

    let requested = chrome::call(&locks, "request", &[JsValue::from_str(name), callback])
        .ok()
        .and_then(|promise| promise.dyn_into::<Promise>().ok());
    if let Some(promise) = requested {
        let _ = JsFuture::from(promise).await;
    }

    if let Some(value) = result.borrow_mut().take() {
        return Ok(value);
    }
    // The lock request failed before the callback ran: run unlocked rather
    // than lose the work.
    let body = pending_body.borrow_mut().take();
    match body {
        Some(body) => Ok(body().await),
        None => Err(LockLost {
            name: name.to_owned(),
        }),
    }
}

fn lock_manager() -> Option<JsValue> {
    let navigator = Reflect::get(&js_sys::global(), &JsValue::from_str("navigator")).ok()?;
    let locks = Reflect::get(&navigator, &JsValue::from_str("locks")).ok()?;
    (!locks.is_undefined() && !locks.is_null()).then_some(locks)
}
