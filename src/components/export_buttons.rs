use std::collections::HashSet;

use fmc_core::export::{columns, file_stem, to_csv, to_json};
use fmc_core::paging::group_digits;
use leptos::prelude::*;

use crate::browser::download::download_text;
use crate::browser::log;
use crate::state::{AppState, FetchedItems, Problem};

/// Export of the items that "Fetch all pages" combined, as a JSON array or
/// as CSV with the ticked columns (every top-level key of the items; nested
/// values become JSON text). Shown once a fetch has items.
#[component]
pub fn ExportButtons() -> impl IntoView {
    let state = expect_context::<AppState>();

    move || {
        state
            .fetched
            .get()
            .map(|fetched| view! { <ExportPanel fetched=fetched /> })
    }
}

#[component]
fn ExportPanel(fetched: FetchedItems) -> impl IntoView {
    let state = expect_context::<AppState>();
    let all_columns = columns(&fetched.items);
    // Columns the user unticked; every other column is exported.
    let unticked = RwSignal::new(HashSet::<String>::new());
    let saved = RwSignal::new(None::<String>);
    let stem = file_stem(&fetched.path);

    let checkboxes = all_columns
        .iter()
        .map(|column| {
            let name = column.clone();
            let toggled = column.clone();
            view! {
                <label class="checkbox">
                    <input
                        type="checkbox"
                        prop:checked=move || unticked.with(|off| !off.contains(&name))
                        on:change=move |event| {
                            let ticked = event_target_checked(&event);
                            unticked.update(|off| {
                                if ticked {
                                    off.remove(&toggled);
                                } else {
                                    off.insert(toggled.clone());
                                }
                            });
                        }
                    />
                    {column.clone()}
                </label>
            }
        })
        .collect_view();

    let json_items = fetched.items.clone();
    let json_name = format!("{stem}.json");
    let export_json = move |_| {
        let result = to_json(&json_items).map_err(|error| error.to_string());
        save(
            state,
            saved,
            &json_name,
            "application/json",
            result,
            json_items.len(),
        );
    };
    let csv_items = fetched.items.clone();
    let csv_name = format!("{stem}.csv");
    let export_csv = move |_| {
        let chosen: Vec<String> = unticked.with_untracked(|off| {
            all_columns
                .iter()
                .filter(|column| !off.contains(*column))
                .cloned()
                .collect()
        });
        let result = to_csv(&csv_items, &chosen).map_err(|error| error.to_string());
        save(state, saved, &csv_name, "text/csv", result, csv_items.len());
    };

    view! {
        <section class="export" aria-label="Export">
            <fieldset>
                <legend>"CSV columns"</legend>
                {checkboxes}
            </fieldset>
            <div class="actions">
                <button type="button" on:click=export_json>"Export JSON"</button>
                <button type="button" on:click=export_csv>"Export CSV"</button>
                <span class="progress" role="status">{move || saved.get()}</span>
            </div>
        </section>
    }
}

/// Downloads the export text, or shows why there is none.
fn save(
    state: AppState,
    saved: RwSignal<Option<String>>,
    file_name: &str,
    mime: &str,
    text: Result<String, String>,
    count: usize,
) {
    let outcome = text
        .and_then(|text| download_text(file_name, mime, &text).map_err(|error| error.to_string()));
    match outcome {
        Ok(()) => {
            log::info(&format!("Exported {count} items to {file_name}."));
            saved.set(Some(format!(
                "Saved {file_name} ({} items).",
                group_digits(count as u64)
            )));
        }
        Err(message) => {
            log::warn(&message);
            saved.set(None);
            state.problem.set(Some(Problem::message(message)));
        }
    }
}
