//! Sign-in from the form: generate a token, keep the session for its host,
//! save the profile and start keeping the session alive.

use std::future::Future;

use fmc_core::auth::basic_auth_header;
use fmc_core::domain::find_domain;
use fmc_core::host::FmcHost;
use fmc_core::session::{Session, TokenLifetime};
use leptos::prelude::*;
use leptos::task::spawn_local;

use super::persist;
use crate::browser::storage::Stores;
use crate::browser::{clock, idna, log, permissions};
use crate::sessions::generate::generate_token;
use crate::sessions::keep_alive::run_keep_alive;
use crate::sessions::store::{self, SessionRecord};
use crate::state::{AppState, Busy, Problem, SignInFields, PROFILES_KEY, SIGN_IN_FIELDS_KEY};

/// Starts a sign-in with what the form holds. Call it from the click handler
/// itself: the host permission prompt needs that click.
pub fn start_sign_in(state: AppState, stores: Stores) {
    if state.busy.get_untracked().is_some() {
        return;
    }
    state.problem.set(None);

    let fields = state.fields.get_untracked();
    let host = match idna::parse_host(&fields.host) {
        Ok(host) => host,
        Err(error) => return state.problem.set(Some(Problem::message(error.to_string()))),
    };
    let username = fields.username.trim().to_owned();
    let password = state.password.get_untracked();
    if let Err(error) = basic_auth_header(&username, &password) {
        return state.problem.set(Some(Problem::message(error.to_string())));
    }
    let permission = permissions::request_host_access(&host.permission_pattern());

    state.busy.set(Some(Busy::SigningIn));
    spawn_local(async move {
        let outcome = sign_in(state, &stores, &host, &username, &password, permission).await;
        state.busy.set(None);

        let record = match outcome {
            Ok(record) => record,
            Err(problem) => {
                log::warn(&problem.message);
                return state.problem.set(Some(problem));
            }
        };
        let keep = state
            .keep_password
            .get_untracked()
            .then_some(password.as_str());
        if let Err(error) = store::keep_password(&stores, &host, &username, keep).await {
            state.notice.set(Some(error.to_string()));
        }

        let fields = SignInFields {
            host: host.display(),
            username: username.clone(),
            profile_name: String::new(),
        };
        state.password.set(String::new());
        state.fields.set(fields.clone());
        persist::save(state, &stores.local, SIGN_IN_FIELDS_KEY, &fields).await;
        let profiles = state.profiles.get_untracked();
        persist::save(state, &stores.local, PROFILES_KEY, &profiles).await;
        // The session is shown only once its keep-alive is scheduled, so a
        // popup closed right away leaves nothing undone.
        run_keep_alive(&stores).await;
        // Problems such as an unusable DOMAINS header limit what the user
        // can pick, so they are shown, not only logged.
        let warnings = &record.session.sign_in.warnings;
        if !warnings.is_empty() {
            state.notice.set(Some(warnings.join(" ")));
        }
        state.session.set(Some(record.session));
    });
}

async fn sign_in(
    state: AppState,
    stores: &Stores,
    host: &FmcHost,
    username: &str,
    password: &str,
    permission: impl Future<Output = Result<bool, String>>,
) -> Result<SessionRecord, Problem> {
    match permission.await {
        Ok(true) => {}
        Ok(false) => {
            return Err(Problem::message(format!(
                "The browser did not grant access to {}. The extension can reach an FMC only with that access: click Sign in again and choose Allow.",
                host.display()
            )))
        }
        Err(detail) => {
            return Err(Problem::message(format!(
                "The browser could not ask for access to {}: {detail}. Click Sign in again and answer the browser's prompt.",
                host.display()
            )))
        }
    }

    let sign_in = generate_token(host, username, password).await?;
    let now = clock::now_ms();
    let mut session = Session::new(host.clone(), username.to_owned(), sign_in, now);
    session.lifetime = TokenLifetime::with_lifetime(now, store::token_lifetime_ms(stores).await);

    // The profile remembers the domain chosen last and the refresh spelling.
    let profile_name = state
        .fields
        .with_untracked(|fields| fields.profile_name.trim().to_owned());
    state.profiles.update(|list| {
        let id = list.upsert_and_activate(&host.display(), username);
        if !profile_name.is_empty() {
            list.update(&id, |profile| profile.name = profile_name);
        }
    });
    let profile = state.profiles.with_untracked(|list| list.active().cloned());
    let mut refresh_path = Default::default();
    if let Some(profile) = profile.as_ref() {
        refresh_path = profile.refresh_path;
        if let Some(domain) = profile
            .domain
            .as_deref()
            .and_then(|name| find_domain(&session.sign_in.domains, name))
        {
            let uuid = domain.uuid.clone();
            session.select_domain(&uuid);
        }
    }

    let record = SessionRecord {
        session,
        refresh_path,
        ended: None,
    };
    store::save(stores, &record)
        .await
        .map_err(|error| Problem::message(error.to_string()))?;
    Ok(record)
}
