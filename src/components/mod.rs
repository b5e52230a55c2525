//! The popup's components. Each reads the shared [`crate::state::AppState`]
//! from context and hands user actions to [`crate::flows`].

mod app;
mod composer;
mod curl_button;
mod export_buttons;
mod fetch_progress;
mod history_panel;
mod notice;
mod open_in_tab;
mod problem_alert;
mod profile_picker;
mod request_preview;
mod response_view;
mod saved_requests;
mod saved_transfer;
mod session_bar;
mod sign_in_form;
mod viewer;
mod wait_status;

pub use app::App;
pub use composer::{Composer, ComposerState, EndpointPicker, EndpointStatus, MAX_OPTIONS};
pub use curl_button::CurlButtons;
pub use export_buttons::ExportButtons;
pub use fetch_progress::FetchProgress;
pub use history_panel::HistoryPanel;
pub use notice::Notice;
pub use open_in_tab::{is_full_page, OpenInTab};
pub use problem_alert::ProblemAlert;
pub use profile_picker::ProfilePicker;
pub use request_preview::RequestPreview;
pub use response_view::ResponseView;
pub use saved_requests::SavedRequestsPanel;
pub use session_bar::SessionBar;
pub use sign_in_form::SignInForm;
pub use wait_status::WaitStatus;
