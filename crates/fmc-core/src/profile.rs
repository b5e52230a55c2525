//! Saved connection profiles: one per FMC host and username, with the
//! domain the user chose and the refresh path the host answers.

use serde::{Deserialize, Serialize};

use crate::paths::RefreshPath;

/// One saved connection. Nothing secret: profiles live in `storage.local`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ConnectionProfile {
    /// `username@host`, unique within a [`ProfileList`].
    pub id: String,
    /// The name shown in the profile picker; starts as the id.
    pub name: String,
    /// The host as `FmcHost::display` writes it.
    pub host: String,
    pub username: String,
    /// The domain name chosen last, such as `Global/Devel`.
    #[serde(default)]
    pub domain: Option<String>,
    #[serde(default)]
    pub refresh_path: RefreshPath,
}

/// Every saved profile and which one is shown.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProfileList {
    pub profiles: Vec<ConnectionProfile>,
    pub active: Option<String>,
}

/// Returns the profile id for a host display string and a username.
pub fn profile_id(host: &str, username: &str) -> String {
    format!("{username}@{host}")
}

impl ProfileList {
    /// Returns the active profile, if one is chosen and still saved.
    pub fn active(&self) -> Option<&ConnectionProfile> {
        let id = self.active.as_deref()?;
        self.find(id)
    }

    /// Returns the profile with `id`.
    pub fn find(&self, id: &str) -> Option<&ConnectionProfile> {
        self.profiles.iter().find(|profile| profile.id == id)
    }

    /// Adds a profile for `host` and `username` unless one exists, makes it
    /// the active one and returns its id.
    pub fn upsert_and_activate(&mut self, host: &str, username: &str) -> String {
        let id = profile_id(host, username);
        if self.find(&id).is_none() {
            self.profiles.push(ConnectionProfile {
                id: id.clone(),
                name: id.clone(),
                host: host.to_owned(),
                username: username.to_owned(),
                domain: None,
                refresh_path: RefreshPath::default(),
            });
        }
        self.active = Some(id.clone());
        id
    }

    /// Makes `id` the active profile; `None` shows an empty sign-in form.
    /// Returns false when no profile has that id.
    pub fn activate(&mut self, id: Option<&str>) -> bool {
        match id {
            None => {
                self.active = None;
                true
            }
            Some(id) if self.find(id).is_some() => {
                self.active = Some(id.to_owned());
                true
            }
            Some(_) => false,
        }
    }

    /// Applies `change` to the profile with `id`; returns whether it exists.
    pub fn update(&mut self, id: &str, change: impl FnOnce(&mut ConnectionProfile)) -> bool {
        match self.profiles.iter_mut().find(|profile| profile.id == id) {
            Some(profile) => {
                change(profile);
                true
            }
            None => false,
        }
    }

    /// Deletes the profile with `id`; the active one becomes none.
    pub fn remove(&mut self, id: &str) {
        self.profiles.retain(|profile| profile.id != id);
        if self.active.as_deref() == Some(id) {
            self.active = None;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn upsert_adds_once_and_activates() {
        let mut list = ProfileList::default();
        let first = list.upsert_and_activate("fmc-a.example.com", "admin");
        let again = list.upsert_and_activate("fmc-a.example.com", "admin");
        assert_eq!(first, again);
        assert_eq!(list.profiles.len(), 1);
        assert_eq!(
            list.active().map(|profile| profile.host.as_str()),
            Some("fmc-a.example.com")
        );
    }

    #[test]
    fn same_user_on_two_hosts_is_two_profiles() {
        let mut list = ProfileList::default();
        list.upsert_and_activate("fmc-a.example.com", "admin");
        list.upsert_and_activate("fmc-b.example.com:8443", "admin");
        assert_eq!(list.profiles.len(), 2);
        assert_eq!(list.active.as_deref(), Some("admin@fmc-b.example.com:8443"));
    }

    #[test]
    fn activate_unknown_id_is_rejected() {
        let mut list = ProfileList::default();
        list.upsert_and_activate("fmc.example.com", "admin");
        assert!(!list.activate(Some("nobody@nowhere")));
        assert_eq!(list.active.as_deref(), Some("admin@fmc.example.com"));
        assert!(list.activate(None));
        assert_eq!(list.active, None);
    }

    #[test]
    fn update_remembers_domain_and_refresh_path() {
        let mut list = ProfileList::default();
        let id = list.upsert_and_activate("fmc.example.com", "admin");
        assert!(list.update(&id, |profile| {
            profile.domain = Some("Global/Devel".to_owned());
            profile.refresh_path = RefreshPath::Hyphenated;
        }));
        let profile = list.find(&id).expect("profile exists");
        assert_eq!(profile.domain.as_deref(), Some("Global/Devel"));
        assert_eq!(profile.refresh_path, RefreshPath::Hyphenated);
    }

    #[test]
    fn remove_clears_active() {
        let mut list = ProfileList::default();
        let id = list.upsert_and_activate("fmc.example.com", "admin");
        list.remove(&id);
        assert!(list.profiles.is_empty());
        assert_eq!(list.active, None);
    }

    #[test]
    fn old_profile_without_new_fields_parses() {
        let json = r#"{"id":"a@h","name":"a@h","host":"h","username":"a"}"#;
        let profile: ConnectionProfile = serde_json::from_str(json).expect("parses");
        assert_eq!(profile.refresh_path, RefreshPath::RefreshToken);
        assert_eq!(profile.domain, None);
    }
}
