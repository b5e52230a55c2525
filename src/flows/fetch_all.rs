//! "Fetch all pages": GETs every page of the composed list request through
//! the session client (so renewals, the rate limiter and retries apply to
//! each page), and shows the combined result like any response.
//!
//! Each page's path is fixed before it is sent and the page is added only
//! once its 200 arrives, so a refresh and replay of the same page neither
//! loses nor repeats items. Cancel, an error or an ended session stop the
//! paging and keep the pages received, shown as a partial result.

use std::cell::RefCell;
use std::sync::Arc;
use std::time::Duration;

use fmc_core::error_body::error_detail;
use fmc_core::paging::Pager;
use fmc_core::paths::SERVER_VERSION;
use fmc_core::request::{resolve_path, Draft, Method};
use fmc_core::response::summarize;
use fmc_core::session::Session;
use leptos::prelude::*;
use leptos::task::spawn_local;
use web_sys::AbortController;

use super::persist;
use super::profiles::is_active;
use crate::browser::storage::Stores;
use crate::browser::{clock, log, rate_limiter};
use crate::sessions::client::{send_authorized, Outcome};
use crate::sessions::keep_alive::run_keep_alive;
use crate::state::{AppState, Busy, FetchPhase, FetchStatus, FetchedItems, Problem, DRAFT_KEY};

/// How long one page may take. An `expanded=true` page of 1,000 objects
/// takes an FMC tens of seconds to build.
const PAGE_TIMEOUT: Duration = Duration::from_secs(120);

thread_local! {
    /// Aborts the running fetch; set while one runs in this page.
    static RUNNING: RefCell<Option<AbortController>> = const { RefCell::new(None) };
}

/// Starts fetching every page of the draft's GET list request.
pub fn start_fetch_all(state: AppState, stores: Stores) {
    let Some(session) = state.session.get_untracked() else {
        return;
    };
    if state.busy.get_untracked().is_some() {
        return;
    }
    state.problem.set(None);

    let draft = state.draft.get_untracked();
    if draft.method != Method::Get {
        return state.problem.set(Some(Problem::message(format!(
            "Fetch all pages reads a list, so it needs GET, not {}. Pick GET, or use Send.",
            draft.method
        ))));
    }
    // Resolved here so the combined result's links.self names the domain
    // that was read, not the {domainUUID} placeholder.
    let path = match resolve_path(&draft.path, &session.domain_uuid) {
        Ok(path) => path,
        Err(error) => return state.problem.set(Some(Problem::message(error.to_string()))),
    };
    let pager = match Pager::new(&session.host, &path) {
        Ok(pager) => pager,
        Err(error) => return state.problem.set(Some(Problem::message(error.to_string()))),
    };
    let Ok(controller) = AbortController::new() else {
        return state.problem.set(Some(Problem::message(
            "The browser could not start a request. Reload the extension and fetch again.",
        )));
    };

    RUNNING.with(|running| *running.borrow_mut() = Some(controller.clone()));
    state.busy.set(Some(Busy::Fetching));
    state.fetched.set(None);
    state.fetch.set(Some(FetchStatus {
        phase: FetchPhase::Running,
        progress: pager.progress(),
        elapsed_ms: 0,
        remaining_ms: None,
    }));
    spawn_local(async move {
        persist::save(state, &stores.local, DRAFT_KEY, &draft).await;
        let run = FetchRun {
            state,
            stores,
            session,
            draft,
            controller,
            started_ms: clock::now_ms(),
        };
        run.fetch(pager).await;
        RUNNING.with(|running| running.borrow_mut().take());
        state.busy.set(None);
    });
}

/// Cancels the running fetch; the pages received so far are kept. Returns
/// false when no fetch was running.
pub fn cancel_fetch_all() -> bool {
    RUNNING.with(|running| match running.borrow().as_ref() {
        Some(controller) => {
            controller.abort();
            true
        }
        None => false,
    })
}

/// One fetch of every page and what it needs along the way.
struct FetchRun {
    state: AppState,
    stores: Stores,
    session: Session,
    draft: Draft,
    controller: AbortController,
    started_ms: u64,
}

impl FetchRun {
    async fn fetch(&self, mut pager: Pager) {
        self.learn_server_version().await;

        let phase = loop {
            let Some(path) = pager.next_path() else {
                break FetchPhase::Complete;
            };
            let page = Draft {
                method: Method::Get,
                path,
                body: String::new(),
                ..Default::default()
            };
            let outcome = send_authorized(
                &self.stores,
                &self.session.host,
                &self.session.username,
                &page,
                self.controller.clone(),
                PAGE_TIMEOUT,
            )
            .await;
            if self.controller.signal().aborted() {
                break FetchPhase::Cancelled;
            }
            let outcome = match outcome {
                Ok(outcome) => outcome,
                Err(problem) => break self.fail(problem),
            };
            if !self.follow_session(&outcome).await {
                break FetchPhase::Failed;
            }
            if outcome.response.status != 200 {
                break self.fail(page_failed(&page.path, &outcome));
            }

            let body = match serde_json::from_str(&outcome.response.body) {
                Ok(body) => body,
                Err(error) => {
                    let message = format!(
                        "The page {} is not valid JSON ({error}). Paging stopped; the pages before it are shown.",
                        page.path
                    );
                    break self.fail(Problem::message(message));
                }
            };
            if let Err(error) = pager.accept(&body) {
                break self.fail(Problem::message(error.to_string()));
            }
            self.show_progress(&pager, FetchPhase::Running);
        };

        self.show_result(&pager, phase).await;
    }

    /// Reads the FMC's version once per host, so the rate limiter can tell
    /// whether it allows 120 or 300 requests a minute. A failure only
    /// leaves the lower limit in place.
    async fn learn_server_version(&self) {
        if rate_limiter::knows_server_limit(&self.session.host.origin()).await {
            return;
        }
        let draft = Draft {
            method: Method::Get,
            path: SERVER_VERSION.to_owned(),
            body: String::new(),
            ..Default::default()
        };
        let result = send_authorized(
            &self.stores,
            &self.session.host,
            &self.session.username,
            &draft,
            self.controller.clone(),
            PAGE_TIMEOUT,
        )
        .await;
        if let Err(problem) = result {
            log::warn(&format!(
                "Reading the server version failed: {} Pacing at 120 requests a minute.",
                problem.message
            ));
        }
    }

    async fn follow_session(&self, outcome: &Outcome) -> bool {
        follow_session(self.state, &self.stores, &self.session, outcome).await
    }

    fn fail(&self, problem: Problem) -> FetchPhase {
        log::warn(&problem.message);
        self.state.problem.set(Some(problem));
        FetchPhase::Failed
    }

    fn show_progress(&self, pager: &Pager, phase: FetchPhase) {
        let progress = pager.progress();
        let elapsed_ms = clock::now_ms().saturating_sub(self.started_ms);
        let remaining_ms = match phase {
            FetchPhase::Running => progress.estimate_remaining_ms(elapsed_ms),
            _ => None,
        };
        self.state.fetch.set(Some(FetchStatus {
            phase,
            progress,
            elapsed_ms,
            remaining_ms,
        }));
    }

    /// Shows the combined result of the pages received, complete or not,
    /// and keeps its items for export.
    async fn show_result(&self, pager: &Pager, phase: FetchPhase) {
        let state = self.state;
        self.show_progress(pager, phase);
        let complete = phase == FetchPhase::Complete;
        let elapsed_ms = clock::now_ms().saturating_sub(self.started_ms);
        let progress = pager.progress();
        log::info(&format!(
            "Fetch all pages of {} ended ({phase:?}): {} items in {} pages in {elapsed_ms} ms, {} duplicates skipped.",
            self.draft.path,
            progress.items_done,
            progress.pages_done,
            pager.duplicates()
        ));
        if let Some((first, last)) = pager.count_change() {
            state.notice.set(Some(format!(
                "The list changed while it was fetched: the FMC counted {first} items at first and {last} at the end, so some objects may be missing or shown in an older state. Fetch again for a consistent list."
            )));
        }

        let body = pager.combined(complete).to_string();
        let summary = summarize(200, Some("application/json"), &body, elapsed_ms);
        state.response.set(Some(summary));
        state.fetched.set(Some(FetchedItems {
            path: self.draft.path.clone(),
            items: Arc::new(pager.items().to_vec()),
        }));
    }
}

/// Explains a page that did not come back with 200.
fn page_failed(path: &str, outcome: &Outcome) -> Problem {
    let response = &outcome.response;
    let detail = error_detail(&response.body)
        .map(|detail| format!(": {detail}"))
        .unwrap_or_default();
    Problem::message(format!(
        "The page {path} returned HTTP {}{detail}. Paging stopped; the pages before it are shown. Fetch again to retry.",
        response.status
    ))
}

/// Shows the session as a response left it, like a plain send does: the
/// renewed session, or its end. Leaves the shown session alone when the
/// user picked another profile meanwhile. Returns false when it ended.
pub(super) async fn follow_session(
    state: AppState,
    stores: &Stores,
    session: &Session,
    outcome: &Outcome,
) -> bool {
    let active = is_active(state, &session.host, &session.username);
    if !outcome.notes.is_empty() {
        state.notice.set(Some(outcome.notes.join(" ")));
    }
    match &outcome.ended {
        Some(message) => {
            if active {
                state.session.set(None);
                state.problem.set(Some(Problem::message(message.clone())));
                run_keep_alive(stores).await;
            }
            false
        }
        None => {
            if active {
                state.session.set(Some(outcome.record.session.clone()));
            }
            true
        }
    }
}
