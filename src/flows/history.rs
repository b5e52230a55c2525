//! Recording sent requests in the history kept in `storage.local`, and the
//! edits the history list makes.

use fmc_core::history::{
    truncate_utf8, History, HistoryEntry, HistoryOutcome, MAX_BODY_BYTES, MAX_EXCERPT_BYTES,
};
use fmc_core::request::Draft;
use fmc_core::session::Session;
use leptos::prelude::*;
use leptos::task::spawn_local;

use super::persist;
use crate::browser::storage::Stores;
use crate::browser::{clock, log};
use crate::sessions::client::Outcome;
use crate::state::{AppState, Problem};

/// `storage.local`: the request history, newest first.
pub const HISTORY_KEY: &str = "history";

thread_local! {
    /// Notified after each recorded request, so an open history list reloads.
    static RECORDED: ArcTrigger = ArcTrigger::new();
}

/// Returns the trigger that fires after each recorded request. Tracking it
/// in an effect reruns the effect then.
pub fn recorded_trigger() -> ArcTrigger {
    RECORDED.with(Clone::clone)
}

/// Adds the request that `session` sent for `draft` to the history, with its
/// status or, when no response arrived, the problem's message. Saving runs
/// in the background so the response shows at once.
pub fn record(
    state: AppState,
    stores: &Stores,
    session: &Session,
    draft: &Draft,
    outcome: Result<&Outcome, &Problem>,
) {
    let entry = entry(session, draft, outcome);
    let stores = stores.clone();
    spawn_local(async move {
        let mut history = load(state, &stores).await;
        history.record(entry);
        persist::save(state, &stores.local, HISTORY_KEY, &history).await;
        recorded_trigger().notify();
    });
}

fn entry(session: &Session, draft: &Draft, outcome: Result<&Outcome, &Problem>) -> HistoryEntry {
    // Cut before copying, so a 100 MB response is never cloned whole.
    let (status, elapsed_ms, (response_excerpt, response_truncated)) = match outcome {
        Ok(outcome) => {
            let response = &outcome.response;
            (
                HistoryOutcome::Status(response.status),
                response.elapsed_ms,
                truncate_utf8(&response.body, MAX_EXCERPT_BYTES),
            )
        }
        // NOTE: the time a failed request took is not known here, so it is
        // recorded as 0 ms.
        Err(problem) => (
            HistoryOutcome::Failed(problem.message.clone()),
            0,
            (String::new(), false),
        ),
    };
    let (body, body_truncated) = truncate_utf8(&draft.body, MAX_BODY_BYTES);

    HistoryEntry {
        id: 0,
        sent_at_ms: clock::now_ms(),
        method: draft.method,
        path: draft.path.clone(),
        host: session.host.display(),
        username: session.username.clone(),
        domain: session.current_domain().map(|domain| domain.name.clone()),
        outcome: status,
        elapsed_ms,
        body,
        body_truncated,
        response_excerpt,
        response_truncated,
    }
}

/// Reads the stored history. A failed read shows a notice and returns an
/// empty history.
pub async fn load(state: AppState, stores: &Stores) -> History {
    match stores.local.get::<History>(HISTORY_KEY).await {
        Ok(history) => history.unwrap_or_default(),
        Err(error) => {
            log::error(&error.to_string());
            state.notice.set(Some(error.to_string()));
            History::default()
        }
    }
}

/// Applies `change` to the stored history, saves it and returns the result.
pub async fn update(
    state: AppState,
    stores: &Stores,
    change: impl FnOnce(&mut History),
) -> History {
    let mut history = load(state, stores).await;
    change(&mut history);
    persist::save(state, &stores.local, HISTORY_KEY, &history).await;
    history
}
