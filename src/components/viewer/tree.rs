//! A collapsible JSON tree. A node's children are created only when it is
//! expanded, and arrays or objects with more than 100 children open as
//! groups of 100.

use std::ops::Range;
use std::sync::Arc;

use fmc_core::json_path::{format_path, PathStep};
use fmc_core::json_tree::{child_count, child_groups, preview};
use leptos::prelude::*;
use serde_json::Value;

/// Copies text to the clipboard: called with a description for messages
/// and the text.
pub type CopyAction = Callback<(String, String)>;

/// The whole tree of `root`, with the root expanded.
#[component]
pub fn JsonTree(
    /// The parsed document.
    root: Arc<Value>,
    /// Copies a value or a path.
    on_copy: CopyAction,
) -> impl IntoView {
    view! {
        <ul class="tree" aria-label="JSON tree">
            <TreeNode root=root path=Vec::new() label="$".to_owned() expanded=true on_copy=on_copy />
        </ul>
    }
}

/// Returns the node at `path` below `root`.
fn resolve<'a>(root: &'a Value, path: &[PathStep]) -> Option<&'a Value> {
    path.iter().try_fold(root, |node, step| match step {
        PathStep::Key(key) => node.get(key.as_str()),
        PathStep::Index(index) => node.get(*index),
    })
}

/// One node: a toggle with its key and a preview, buttons that copy its
/// value and path, and its children once expanded.
#[component]
fn TreeNode(
    root: Arc<Value>,
    path: Vec<PathStep>,
    label: String,
    expanded: bool,
    on_copy: CopyAction,
) -> impl IntoView {
    let Some(node) = resolve(&root, &path) else {
        return ().into_any();
    };
    let count = child_count(node);
    let summary = format!("{label}: {}", preview(node));
    let path_text = format_path(&path);
    let expanded = RwSignal::new(expanded && count > 0);

    let copy_value = {
        let root = root.clone();
        let path = path.clone();
        let path_text = path_text.clone();
        move |_| {
            if let Some(node) = resolve(&root, &path) {
                let text = serde_json::to_string_pretty(node).unwrap_or_default();
                on_copy.run((format!("the value of {path_text}"), text));
            }
        }
    };
    let copy_path = {
        let path_text = path_text.clone();
        move |_| on_copy.run((format!("the path {path_text}"), path_text.clone()))
    };

    let toggle = (count > 0).then(|| {
        view! {
            <button
                class="tree-toggle"
                aria-expanded=move || expanded.get().to_string()
                on:click=move |_| expanded.update(|open| *open = !*open)
            >
                {summary.clone()}
            </button>
        }
        .into_any()
    });
    let leaf = (count == 0).then(|| view! { <span class="tree-leaf">{summary.clone()}</span> });

    let children = move || {
        expanded
            .get()
            .then(|| children_view(root.clone(), path.clone(), count, on_copy))
    };

    view! {
        <li>
            <div class="tree-row">
                {toggle}
                {leaf}
                <button class="tree-copy" aria-label=format!("Copy value of {path_text}") on:click=copy_value>
                    "Copy value"
                </button>
                <button class="tree-copy" aria-label=format!("Copy path {path_text}") on:click=copy_path>
                    "Copy path"
                </button>
            </div>
            {children}
        </li>
    }
    .into_any()
}

/// The children of the node at `path`: the nodes themselves, or groups of
/// [`fmc_core::json_tree::TREE_GROUP_SIZE`] when there are more.
fn children_view(
    root: Arc<Value>,
    path: Vec<PathStep>,
    count: usize,
    on_copy: CopyAction,
) -> impl IntoView {
    let groups = child_groups(count);
    let content = if groups.len() <= 1 {
        child_nodes(&root, &path, 0..count, on_copy).into_any()
    } else {
        groups
            .into_iter()
            .map(|range| view! { <TreeGroup root=root.clone() path=path.clone() range=range on_copy=on_copy /> })
            .collect_view()
            .into_any()
    };
    view! { <ul>{content}</ul> }
}

/// A collapsed group of up to [`fmc_core::json_tree::TREE_GROUP_SIZE`] children, such as
/// `[100 … 199]`.
#[component]
fn TreeGroup(
    root: Arc<Value>,
    path: Vec<PathStep>,
    range: Range<usize>,
    on_copy: CopyAction,
) -> impl IntoView {
    let expanded = RwSignal::new(false);
    let label = format!("[{} … {}]", range.start, range.end - 1);
    let children = move || {
        expanded.get().then(|| {
            let nodes = child_nodes(&root, &path, range.clone(), on_copy);
            view! { <ul>{nodes}</ul> }
        })
    };
    view! {
        <li>
            <div class="tree-row">
                <button
                    class="tree-toggle"
                    aria-expanded=move || expanded.get().to_string()
                    on:click=move |_| expanded.update(|open| *open = !*open)
                >
                    {label}
                </button>
            </div>
            {children}
        </li>
    }
}

/// The child nodes in `range` of the node at `path`, collapsed.
fn child_nodes(
    root: &Arc<Value>,
    path: &[PathStep],
    range: Range<usize>,
    on_copy: CopyAction,
) -> AnyView {
    let Some(node) = resolve(root, path) else {
        return ().into_any();
    };
    let steps: Vec<(String, PathStep)> = match node {
        Value::Object(members) => members
            .keys()
            .skip(range.start)
            .take(range.len())
            .map(|key| (key.clone(), PathStep::Key(key.clone())))
            .collect(),
        Value::Array(_) => range
            .map(|index| (index.to_string(), PathStep::Index(index)))
            .collect(),
        _ => Vec::new(),
    };
    steps
        .into_iter()
        .map(|(label, step)| {
            let mut child_path = path.to_vec();
            child_path.push(step);
            view! { <TreeNode root=root.clone() path=child_path label=label expanded=false on_copy=on_copy /> }
        })
        .collect_view()
        .into_any()
}
