//! The fixed domains and users of the simulator.

use serde_json::{json, Value};

/// An FMC domain: its full name (`Global/Child`), UUID and small numeric id.
#[derive(Debug, PartialEq, Eq)]
pub struct Domain {
    pub name: &'static str,
    pub uuid: &'static str,
    /// Value of the `DOMAIN_ID` header when this is the user's default domain.
    pub id: u32,
}

/// UUID of the Global domain, the same on every FMC seen.
pub const GLOBAL_UUID: &str = "e276abec-e0f2-11e3-8169-6d9ed49b625f";

pub const GLOBAL: Domain = Domain {
    name: "Global",
    uuid: GLOBAL_UUID,
    id: 111,
};
pub const DEVEL: Domain = Domain {
    name: "Global/Devel",
    uuid: "369877c0-b3c5-45dd-adca-69100aac9ab4",
    id: 112,
};
pub const PROD: Domain = Domain {
    name: "Global/Prod",
    uuid: "a859cf25-9d59-48dc-a170-6e183bd6e3c8",
    id: 113,
};
pub const PROD_EAST: Domain = Domain {
    name: "Global/Prod/East",
    uuid: "f4ef97b5-0dff-4b40-b6fa-af60b5273c11",
    id: 114,
};

/// Every domain of the simulated FMC, parents before children.
pub const DOMAINS: [&Domain; 4] = [&GLOBAL, &DEVEL, &PROD, &PROD_EAST];

/// A user account with the domains it has rights in; the first is its default.
#[derive(Debug, PartialEq, Eq)]
pub struct User {
    pub name: &'static str,
    pub password: &'static str,
    pub uuid: &'static str,
    pub domains: &'static [&'static Domain],
}

pub const ADMIN: User = User {
    name: "admin",
    password: "Admin123",
    uuid: "a3d2b610-4303-43a7-8688-f22a06db3d0f",
    domains: &DOMAINS,
};

pub const API_USER: User = User {
    name: "apiuser",
    password: "Pa:ss wörd1",
    uuid: "7fb2c0e3-4083-4f56-bd89-f84dc443580b",
    domains: &[&DEVEL],
};

pub const USERS: [&User; 2] = [&ADMIN, &API_USER];

/// Finds the user whose name and password both match exactly.
pub fn check_credentials(name: &str, password: &str) -> Option<&'static User> {
    USERS
        .into_iter()
        .find(|user| user.name == name && user.password == password)
}

/// Finds a domain by UUID, ignoring ASCII case.
pub fn find_domain(uuid: &str) -> Option<&'static Domain> {
    DOMAINS
        .into_iter()
        .find(|domain| domain.uuid.eq_ignore_ascii_case(uuid))
}

impl User {
    /// Returns the default domain, the first one the user has rights in.
    pub fn default_domain(&self) -> &'static Domain {
        self.domains[0]
    }

    /// Reports whether the user has rights in the domain.
    pub fn can_access(&self, domain: &Domain) -> bool {
        self.domains.iter().any(|own| own.uuid == domain.uuid)
    }

    /// Renders the `DOMAINS` header value: `[{"name":..,"uuid":..},..]`.
    pub fn domains_header_json(&self) -> String {
        let list: Vec<Value> = self
            .domains
            .iter()
            .map(|domain| json!({ "name": domain.name, "uuid": domain.uuid }))
            .collect();
        Value::Array(list).to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn credentials_match_exactly() {
        assert_eq!(check_credentials("admin", "Admin123"), Some(&ADMIN));
        assert_eq!(check_credentials("apiuser", "Pa:ss wörd1"), Some(&API_USER));
        assert_eq!(check_credentials("admin", "admin123"), None);
        assert_eq!(check_credentials("Admin", "Admin123"), None);
        assert_eq!(check_credentials("apiuser", "Pa:ss word1"), None);
    }

    #[test]
    fn default_domains() {
        assert_eq!(ADMIN.default_domain().uuid, GLOBAL_UUID);
        assert_eq!(API_USER.default_domain().name, "Global/Devel");
    }

    #[test]
    fn api_user_rights() {
        assert!(API_USER.can_access(&DEVEL));
        assert!(!API_USER.can_access(&GLOBAL));
        assert!(!API_USER.can_access(&PROD));
    }

    #[test]
    fn find_domain_ignores_case() {
        let upper = GLOBAL_UUID.to_ascii_uppercase();

        assert_eq!(find_domain(&upper), Some(&GLOBAL));
        assert_eq!(find_domain("00000000-0000-0000-0000-000000000000"), None);
    }

    #[test]
    fn domains_header_lists_names_and_uuids() {
        let parsed: Value = serde_json::from_str(&API_USER.domains_header_json()).unwrap();

        assert_eq!(
            parsed,
            json!([{ "name": "Global/Devel", "uuid": DEVEL.uuid }])
        );
    }

    #[test]
    fn domain_uuids_are_distinct() {
        for (i, a) in DOMAINS.iter().enumerate() {
            for b in &DOMAINS[i + 1..] {
                assert_ne!(a.uuid, b.uuid);
                assert_ne!(a.id, b.id);
            }
        }
    }
}
