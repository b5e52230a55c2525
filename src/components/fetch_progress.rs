use fmc_core::paging::{format_duration, group_digits};
use leptos::prelude::*;

use crate::flows::fetch_all::cancel_fetch_all;
use crate::state::{AppState, FetchPhase, FetchStatus};

/// Progress of "Fetch all pages": a bar of the pages done, the counts and
/// the time left, and Cancel while it runs. After the fetch it shows how it
/// ended, and whether the result shown is partial.
#[component]
pub fn FetchProgress() -> impl IntoView {
    let state = expect_context::<AppState>();

    move || {
        state
            .fetch
            .get()
            .map(|status| view! { <FetchProgressBar status=status /> })
    }
}

#[component]
fn FetchProgressBar(status: FetchStatus) -> impl IntoView {
    let progress = status.progress;
    // Without a total the bar is indeterminate: no value, no max.
    let (value, max) = match (status.phase, progress.pages_total) {
        (FetchPhase::Complete, _) => (Some(1), Some(1)),
        (_, Some(total)) => (Some(progress.pages_done), Some(total.max(1))),
        (_, None) => (None, None),
    };
    let running = status.phase == FetchPhase::Running;

    view! {
        <div class="fetch-progress">
            <progress aria-label="Fetch progress" value=value max=max></progress>
            <p role="status">{describe(&status)}</p>
            {running.then(|| view! {
                <button type="button" on:click=move |_| { cancel_fetch_all(); }>"Cancel"</button>
            })}
        </div>
    }
}

/// Returns the status line for `status`.
pub fn describe(status: &FetchStatus) -> String {
    let progress = status.progress;
    let counts = progress.describe();
    match status.phase {
        // The estimate is rounded up to whole seconds: pages arrive in
        // bursts between rate-limit waits, so finer figures mislead.
        FetchPhase::Running => match status.remaining_ms {
            Some(remaining) => format!(
                "Fetching: {counts}, about {} left",
                format_duration(remaining.max(1_000))
            ),
            None => format!("Fetching: {counts}"),
        },
        FetchPhase::Complete => format!(
            "Fetched {} items in {} pages in {}.",
            group_digits(progress.items_done),
            progress.pages_done,
            format_duration(status.elapsed_ms)
        ),
        FetchPhase::Cancelled => {
            format!("Cancelled. The result below is partial: {counts}.")
        }
        FetchPhase::Failed => {
            format!("Stopped by an error. The result below is partial: {counts}.")
        }
    }
}
