//! The app's reactive state and the storage keys it is kept under.

use std::sync::Arc;

use fmc_core::paging::Progress;
use fmc_core::profile::ProfileList;
use fmc_core::request::Draft;
use fmc_core::response::ResponseSummary;
use fmc_core::session::Session;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

/// `storage.session`: the last response, so reopening the popup shows it.
/// Sessions themselves are kept per host by [`crate::sessions::store`].
pub const LAST_RESPONSE_KEY: &str = "last_response";
/// `storage.local`: the host and username typed into the sign-in form.
pub const SIGN_IN_FIELDS_KEY: &str = "sign_in_fields";
/// `storage.local`: the saved connection profiles.
pub const PROFILES_KEY: &str = "profiles";
/// `storage.local`: the request being composed.
pub const DRAFT_KEY: &str = "draft";

/// Responses larger than this are shown but not kept for the next popup
/// opening, because `storage.session` holds at most 10 MB in all.
pub const MAX_KEPT_RESPONSE_BYTES: usize = 2 * 1024 * 1024;

/// The host and username as the user typed them in the sign-in form.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct SignInFields {
    pub host: String,
    pub username: String,
    /// Optional name for the connection profile, such as "Lab FMC".
    #[serde(default)]
    pub profile_name: String,
}

/// Work that is under way; the matching button is disabled meanwhile.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Busy {
    SigningIn,
    Sending,
    SigningOut,
    /// Fetch all pages is running.
    Fetching,
}

/// A failure shown to the user, with the action that usually fixes it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Problem {
    pub message: String,
    /// The FMC's start page, offered when its certificate is the likely cause.
    pub open_host_url: Option<String>,
    /// Offers "Send anyway" for a write the user should confirm first.
    pub confirm_send: bool,
    /// Offers "Re-read object", a GET of this path, after a write whose
    /// outcome is unknown.
    pub reread_path: Option<String>,
    /// The problem is in the draft itself (invalid JSON, an unfilled
    /// placeholder, a write to confirm), so editing the draft clears it.
    pub about_draft: bool,
}

impl Problem {
    /// A problem that the message alone explains.
    pub fn message(message: impl Into<String>) -> Self {
        Problem {
            message: message.into(),
            open_host_url: None,
            confirm_send: false,
            reread_path: None,
            about_draft: false,
        }
    }

    /// A problem in the draft that the message alone explains.
    pub fn about_draft(message: impl Into<String>) -> Self {
        Problem {
            about_draft: true,
            ..Problem::message(message)
        }
    }
}

/// State of the running or last "Fetch all pages".
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FetchPhase {
    Running,
    Complete,
    /// Stopped by Cancel; the pages received are kept.
    Cancelled,
    /// Stopped by an error, shown as the problem; the pages received are kept.
    Failed,
}

/// Progress of the running or last "Fetch all pages".
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct FetchStatus {
    pub phase: FetchPhase,
    pub progress: Progress,
    /// Milliseconds since the fetch started.
    pub elapsed_ms: u64,
    /// Estimated milliseconds left, while running.
    pub remaining_ms: Option<u64>,
}

/// The items of the last combined result, for export.
#[derive(Clone, Debug)]
pub struct FetchedItems {
    /// The list's path as the user entered it, which names the export files.
    pub path: String,
    pub items: Arc<Vec<serde_json::Value>>,
}

/// Every signal the components share, provided once as context.
#[derive(Clone, Copy)]
pub struct AppState {
    /// False until the stored session and draft have been read.
    pub restored: RwSignal<bool>,
    /// The active profile's session while it can be used.
    pub session: RwSignal<Option<Session>>,
    pub profiles: RwSignal<ProfileList>,
    pub fields: RwSignal<SignInFields>,
    /// Lives only in this page's memory, unless the user opts in to keep it
    /// in `storage.session` with [`AppState::keep_password`].
    pub password: RwSignal<String>,
    pub keep_password: RwSignal<bool>,
    pub draft: RwSignal<Draft>,
    pub response: RwSignal<Option<ResponseSummary>>,
    pub problem: RwSignal<Option<Problem>>,
    /// A storage failure or similar that does not stop the current work.
    pub notice: RwSignal<Option<String>>,
    pub busy: RwSignal<Option<Busy>>,
    pub fetch: RwSignal<Option<FetchStatus>>,
    pub fetched: RwSignal<Option<FetchedItems>>,
    /// The clock that drives the time-left display, in Unix milliseconds.
    pub now_ms: RwSignal<u64>,
}

impl AppState {
    /// Creates the state with nothing restored yet.
    pub fn new(now_ms: u64) -> Self {
        AppState {
            restored: RwSignal::new(false),
            session: RwSignal::new(None),
            profiles: RwSignal::new(ProfileList::default()),
            fields: RwSignal::new(SignInFields::default()),
            password: RwSignal::new(String::new()),
            keep_password: RwSignal::new(false),
            draft: RwSignal::new(Draft::default()),
            response: RwSignal::new(None),
            problem: RwSignal::new(None),
            notice: RwSignal::new(None),
            busy: RwSignal::new(None),
            fetch: RwSignal::new(None),
            fetched: RwSignal::new(None),
            now_ms: RwSignal::new(now_ms),
        }
    }
}
