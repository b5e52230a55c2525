//! Changing the draft from any part of the composer.

use fmc_core::query_rows::{parse_query, split_query, QueryRow};
use fmc_core::request::Draft;
use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::browser::storage::Stores;
use crate::flows::persist;
use crate::state::{AppState, DRAFT_KEY};

/// Applies `change` to the draft and saves it, so that closing the popup
/// mid-edit loses nothing.
pub fn edit_draft(state: AppState, stores: &Stores, change: impl FnOnce(&mut Draft)) {
    state.draft.update(change);
    let stale = state
        .problem
        .with_untracked(|problem| problem.as_ref().is_some_and(|problem| problem.about_draft));
    if stale {
        state.problem.set(None);
    }
    let stores = stores.clone();
    spawn_local(async move {
        let draft = state.draft.get_untracked();
        persist::save(state, &stores.local, DRAFT_KEY, &draft).await;
    });
}

/// Returns the query rows of `draft`. A draft saved before rows existed has
/// none, so its rows are read from the path's query string.
pub fn current_rows(draft: &Draft) -> Vec<QueryRow> {
    if draft.query_rows.is_empty() {
        parse_query(split_query(&draft.path).1)
    } else {
        draft.query_rows.clone()
    }
}
