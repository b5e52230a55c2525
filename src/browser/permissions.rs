//! Host permissions, asked for at run time for the one FMC the user enters.

use std::future::Future;
use std::pin::pin;
use std::task::Poll;
use std::time::Duration;

use js_sys::{Array, Object, Promise, Reflect};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

use super::chrome;

/// How long to wait for the user to answer the browser's access prompt.
const PROMPT_TIMEOUT: Duration = Duration::from_secs(120);

/// Asks the browser for access to `pattern` (such as `https://fmc.example.com/*`).
///
/// The browser shows its prompt only while the click that started this is
/// still being handled, so call this synchronously from the click handler and
/// await the returned future afterwards. Resolves to whether access was
/// granted; already granted patterns resolve to `true` without a prompt. On
/// pages without `chrome.permissions` it resolves to `true`.
pub fn request_host_access(pattern: &str) -> impl Future<Output = Result<bool, String>> {
    let promise = start_request(pattern);

    async move {
        let Some(promise) = promise? else {
            return Ok(true);
        };
        let answer = pin!(JsFuture::from(promise));
        let mut deadline = pin!(gloo_timers::future::sleep(PROMPT_TIMEOUT));
        let mut answer = answer;
        let outcome = std::future::poll_fn(|context| {
            if let Poll::Ready(result) = answer.as_mut().poll(context) {
                return Poll::Ready(Some(result));
            }
            deadline.as_mut().poll(context).map(|()| None)
        })
        .await;

        match outcome {
            Some(granted) => {
                let granted = granted.map_err(|error| chrome::error_text(&error))?;
                Ok(granted.as_bool().unwrap_or(false))
            }
            None => Err(format!(
                "the browser's access prompt got no answer within {} s",
                PROMPT_TIMEOUT.as_secs()
            )),
        }
    }
}

fn start_request(pattern: &str) -> Result<Option<Promise>, String> {
    let Some(permissions) = chrome::namespace(&["permissions"]) else {
        return Ok(None);
    };

    let origins = Array::of1(&JsValue::from_str(pattern));
    let request = Object::new();
    Reflect::set(&request, &JsValue::from_str("origins"), &origins)
        .map_err(|error| chrome::error_text(&error))?;
    let returned = chrome::call(&permissions, "request", &[request.into()])
        .map_err(|error| chrome::error_text(&error))?;
    let promise = returned
        .dyn_into::<Promise>()
        .map_err(|_| "chrome.permissions.request returned no promise".to_owned())?;
    Ok(Some(promise))
}
