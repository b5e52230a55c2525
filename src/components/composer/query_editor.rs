//! Query parameter rows, kept in step with the path's query string: editing
//! a row rewrites the query string, and editing the path rereads the rows.

use fmc_core::query_rows::{path_with_rows, QueryRow};
use leptos::prelude::*;

use super::edit::{current_rows, edit_draft};
use crate::browser::storage::Stores;
use crate::state::AppState;

/// One edit of the rows; `usize` is the row's position.
enum RowChange {
    Name(usize, String),
    Value(usize, String),
    Enabled(usize, bool),
    Remove(usize),
    Add,
}

/// The rows of the path's query parameters, with Add and Remove. Rows that
/// are turned off or have no value stay listed but are not sent.
#[component]
pub fn QueryEditor() -> impl IntoView {
    let state = expect_context::<AppState>();
    let stores = expect_context::<Stores>();
    let rows = Memo::new(move |_| state.draft.with(current_rows));

    let apply = move |change: RowChange| {
        edit_draft(state, &stores, |draft| {
            let mut rows = current_rows(draft);
            match change {
                RowChange::Name(index, name) => {
                    if let Some(row) = rows.get_mut(index) {
                        row.name = name;
                    }
                }
                RowChange::Value(index, value) => {
                    if let Some(row) = rows.get_mut(index) {
                        row.value = value;
                    }
                }
                RowChange::Enabled(index, enabled) => {
                    if let Some(row) = rows.get_mut(index) {
                        row.enabled = enabled;
                    }
                }
                RowChange::Remove(index) => {
                    if index < rows.len() {
                        rows.remove(index);
                    }
                }
                RowChange::Add => rows.push(QueryRow::new("", "")),
            }
            draft.path = path_with_rows(&draft.path, &rows);
            draft.query_rows = rows;
        });
    };
    let add = apply.clone();

    // Rows are keyed by position and read their values from `rows`, so an
    // edit updates the inputs in place and keeps the focus where it is.
    view! {
        <fieldset class="rows query-rows">
            <legend>"Query parameters"</legend>
            <For
                each=move || 0..rows.with(Vec::len)
                key=|index| *index
                children=move |index| {
                    let field = move |read: fn(&QueryRow) -> String| {
                        move || rows.with(|rows| rows.get(index).map(read).unwrap_or_default())
                    };
                    let enabled = move || rows.with(|rows| rows.get(index).is_some_and(|row| row.enabled));
                    let number = index + 1;
                    let (on_enabled, on_name, on_value, on_remove) =
                        (apply.clone(), apply.clone(), apply.clone(), apply.clone());
                    view! {
                        <div class="row">
                            <input
                                type="checkbox"
                                aria-label=format!("Send query parameter {number}")
                                prop:checked=enabled
                                on:change=move |event| on_enabled(RowChange::Enabled(index, event_target_checked(&event)))
                            />
                            <input
                                type="text"
                                class="name"
                                spellcheck="false"
                                placeholder="name"
                                aria-label=format!("Name of query parameter {number}")
                                prop:value=field(|row| row.name.clone())
                                on:input=move |event| on_name(RowChange::Name(index, event_target_value(&event)))
                            />
                            <input
                                type="text"
                                class="value"
                                spellcheck="false"
                                placeholder="value (empty: not sent)"
                                aria-label=format!("Value of query parameter {number}")
                                prop:value=field(|row| row.value.clone())
                                on:input=move |event| on_value(RowChange::Value(index, event_target_value(&event)))
                            />
                            <button
                                type="button"
                                aria-label=format!("Remove query parameter {number}")
                                on:click=move |_| on_remove(RowChange::Remove(index))
                            >
                                "×"
                            </button>
                        </div>
                    }
                }
            />
            <button type="button" class="add-row" on:click=move |_| add(RowChange::Add)>
                "Add parameter"
            </button>
        </fieldset>
    }
}
