//! Network objects per domain: generated at start, changed by POST, PUT and
//! DELETE, and kept in memory only.

use std::collections::{HashMap, HashSet};

use uuid::Uuid;

use crate::users::{Domain, DEVEL, DOMAINS, GLOBAL, PROD};

/// Namespace of the version-5 UUIDs of generated objects, so that an object
/// keeps its id across runs.
const GENERATED_ID_NAMESPACE: Uuid = Uuid::from_u128(0x2b77_31a5_4e3f_4a1b_9c5e_8d0f_7a6b_5c4d);

/// `metadata.timestamp` of generated objects, in milliseconds since the Unix
/// epoch (2023-11-14), fixed so that generated objects render the same on every run.
const GENERATED_TIMESTAMP_MS: u64 = 1_700_000_000_000;

const DEVEL_NETWORKS: usize = 36;
const PROD_NETWORKS: usize = 24;

/// A network object as the simulator stores it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Network {
    pub id: String,
    pub name: String,
    /// Address or prefix, such as `10.1.2.0/24` or `10.1.2.3`.
    pub value: String,
    pub description: String,
    pub overridable: bool,
    /// Name of the user who created or last changed the object.
    pub last_user: String,
    /// Time of the last change, in milliseconds since the Unix epoch.
    pub timestamp_ms: u64,
}

/// Validated fields of a POST or PUT body.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NetworkFields {
    pub name: String,
    pub value: String,
    pub description: String,
    pub overridable: bool,
}

/// Author and time of a change, recorded in the object's metadata.
#[derive(Debug, Clone, Copy)]
pub struct Change<'a> {
    pub user: &'a str,
    pub timestamp_ms: u64,
}

/// Reasons a store operation was rejected.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum StoreError {
    #[error("No network object with id {id} exists in domain {domain}. List the domain's networks to find valid ids.")]
    NotFound { id: String, domain: &'static str },
    #[error(
        "A network object named '{name}' already exists in domain {domain}. Choose another name."
    )]
    DuplicateName { name: String, domain: &'static str },
}

/// All network objects, by domain UUID, in creation order.
#[derive(Debug)]
pub struct NetworkStore {
    by_domain: HashMap<&'static str, Vec<Network>>,
}

impl NetworkStore {
    /// Builds the start state: `global_count` objects named `net-00001` and up
    /// in Global, a few dozen in Global/Devel and Global/Prod, none elsewhere.
    pub fn generate(global_count: usize) -> Self {
        let mut by_domain: HashMap<&'static str, Vec<Network>> = DOMAINS
            .iter()
            .map(|domain| (domain.uuid, Vec::new()))
            .collect();

        // Values repeat after 65,535 objects; FMC allows equal values.
        let global = (1..=global_count).map(|i| {
            let value = format!("10.{}.{}.0/24", (i >> 8) & 0xff, i & 0xff);
            generated(&GLOBAL, format!("net-{i:05}"), value)
        });
        by_domain.insert(GLOBAL.uuid, global.collect());

        let devel = (1..=DEVEL_NETWORKS).map(|i| {
            generated(
                &DEVEL,
                format!("devel-net-{i:03}"),
                format!("172.16.{i}.0/24"),
            )
        });
        by_domain.insert(DEVEL.uuid, devel.collect());

        let prod = (1..=PROD_NETWORKS).map(|i| {
            generated(
                &PROD,
                format!("prod-net-{i:03}"),
                format!("192.168.{i}.0/24"),
            )
        });
        by_domain.insert(PROD.uuid, prod.collect());

        NetworkStore { by_domain }
    }

    /// Returns the domain's objects in creation order.
    pub fn list(&self, domain: &Domain) -> &[Network] {
        self.by_domain
            .get(domain.uuid)
            .map(Vec::as_slice)
            .unwrap_or_default()
    }

    pub fn get(&self, domain: &'static Domain, id: &str) -> Result<&Network, StoreError> {
        self.list(domain)
            .iter()
            .find(|network| network.id.eq_ignore_ascii_case(id))
            .ok_or_else(|| not_found(domain, id))
    }

    /// Adds objects all at once: when any name is taken, or repeated in
    /// `batch`, nothing is added.
    pub fn create(
        &mut self,
        domain: &'static Domain,
        batch: Vec<NetworkFields>,
        change: Change<'_>,
    ) -> Result<Vec<Network>, StoreError> {
        let existing = self.by_domain.entry(domain.uuid).or_default();

        let mut names: HashSet<&str> = existing.iter().map(|n| n.name.as_str()).collect();
        for fields in &batch {
            if !names.insert(fields.name.as_str()) {
                return Err(StoreError::DuplicateName {
                    name: fields.name.clone(),
                    domain: domain.name,
                });
            }
        }

        let created: Vec<Network> = batch
            .into_iter()
            .map(|fields| build(Uuid::new_v4().to_string(), fields, change))
            .collect();
        existing.extend(created.iter().cloned());
        Ok(created)
    }

    /// Replaces the fields of an object, keeping its id and position.
    pub fn update(
        &mut self,
        domain: &'static Domain,
        id: &str,
        fields: NetworkFields,
        change: Change<'_>,
    ) -> Result<Network, StoreError> {
        let networks = self.by_domain.entry(domain.uuid).or_default();
        let index = position(networks, id).ok_or_else(|| not_found(domain, id))?;

        let name_taken = networks
            .iter()
            .enumerate()
            .any(|(other, network)| other != index && network.name == fields.name);
        if name_taken {
            return Err(StoreError::DuplicateName {
                name: fields.name,
                domain: domain.name,
            });
        }

        let updated = build(networks[index].id.clone(), fields, change);
        networks[index] = updated.clone();
        Ok(updated)
    }

    /// Removes an object and returns it.
    pub fn delete(&mut self, domain: &'static Domain, id: &str) -> Result<Network, StoreError> {
        let networks = self.by_domain.entry(domain.uuid).or_default();
        let index = position(networks, id).ok_or_else(|| not_found(domain, id))?;
        Ok(networks.remove(index))
    }
}

fn generated(domain: &Domain, name: String, value: String) -> Network {
    let id = Uuid::new_v5(
        &GENERATED_ID_NAMESPACE,
        format!("{}/{name}", domain.uuid).as_bytes(),
    );
    let fields = NetworkFields {
        description: format!("Generated network {name}"),
        name,
        value,
        overridable: false,
    };
    let change = Change {
        user: "admin",
        timestamp_ms: GENERATED_TIMESTAMP_MS,
    };
    build(id.to_string(), fields, change)
}

fn build(id: String, fields: NetworkFields, change: Change<'_>) -> Network {
    Network {
        id,
        name: fields.name,
        value: fields.value,
        description: fields.description,
        overridable: fields.overridable,
        last_user: change.user.to_owned(),
        timestamp_ms: change.timestamp_ms,
    }
}

fn position(networks: &[Network], id: &str) -> Option<usize> {
    networks
        .iter()
        .position(|network| network.id.eq_ignore_ascii_case(id))
}

fn not_found(domain: &'static Domain, id: &str) -> StoreError {
    StoreError::NotFound {
        id: id.to_owned(),
        domain: domain.name,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::users::PROD_EAST;

    const CHANGE: Change<'static> = Change {
        user: "apiuser",
        timestamp_ms: 42,
    };

    fn fields(name: &str) -> NetworkFields {
        NetworkFields {
            name: name.to_owned(),
            value: "10.9.9.0/24".to_owned(),
            description: String::new(),
            overridable: false,
        }
    }

    #[test]
    fn generated_names_values_and_counts() {
        let store = NetworkStore::generate(300);

        let global = store.list(&GLOBAL);
        assert_eq!(global.len(), 300);
        assert_eq!(global[0].name, "net-00001");
        assert_eq!(global[0].value, "10.0.1.0/24");
        assert_eq!(global[299].name, "net-00300");
        assert_eq!(global[299].value, "10.1.44.0/24");
        assert_eq!(store.list(&DEVEL).len(), DEVEL_NETWORKS);
        assert_eq!(store.list(&PROD).len(), PROD_NETWORKS);
        assert!(store.list(&PROD_EAST).is_empty());
    }

    #[test]
    fn generated_ids_stable_and_unique() {
        let first = NetworkStore::generate(50);
        let second = NetworkStore::generate(50);

        assert_eq!(first.list(&GLOBAL), second.list(&GLOBAL));
        let ids: HashSet<&str> = first.list(&GLOBAL).iter().map(|n| n.id.as_str()).collect();
        assert_eq!(ids.len(), 50);
    }

    #[test]
    fn create_appends_with_metadata() {
        let mut store = NetworkStore::generate(0);

        let created = store
            .create(&PROD_EAST, vec![fields("east-1")], CHANGE)
            .unwrap();

        assert_eq!(created.len(), 1);
        assert_eq!(created[0].last_user, "apiuser");
        assert_eq!(created[0].timestamp_ms, 42);
        assert_eq!(store.list(&PROD_EAST), created.as_slice());
    }

    #[test]
    fn create_rejects_taken_name() {
        let mut store = NetworkStore::generate(3);

        let result = store.create(&GLOBAL, vec![fields("net-00002")], CHANGE);

        assert!(matches!(result, Err(StoreError::DuplicateName { .. })));
        assert_eq!(store.list(&GLOBAL).len(), 3);
    }

    #[test]
    fn create_batch_is_all_or_nothing() {
        let mut store = NetworkStore::generate(0);

        let batch = vec![fields("a"), fields("b"), fields("a")];
        let result = store.create(&GLOBAL, batch, CHANGE);

        assert!(matches!(result, Err(StoreError::DuplicateName { .. })));
        assert!(store.list(&GLOBAL).is_empty());
    }

    #[test]
    fn same_name_allowed_in_other_domain() {
        let mut store = NetworkStore::generate(3);

        let result = store.create(&PROD_EAST, vec![fields("net-00001")], CHANGE);

        assert!(result.is_ok());
    }

    #[test]
    fn update_keeps_id_and_position() {
        let mut store = NetworkStore::generate(3);
        let id = store.list(&GLOBAL)[1].id.clone();

        let updated = store
            .update(&GLOBAL, &id, fields("renamed"), CHANGE)
            .unwrap();

        assert_eq!(updated.id, id);
        assert_eq!(store.list(&GLOBAL)[1].name, "renamed");
    }

    #[test]
    fn update_may_keep_own_name() {
        let mut store = NetworkStore::generate(3);
        let id = store.list(&GLOBAL)[0].id.clone();

        let result = store.update(&GLOBAL, &id, fields("net-00001"), CHANGE);

        assert!(result.is_ok());
    }

    #[test]
    fn update_rejects_other_objects_name() {
        let mut store = NetworkStore::generate(3);
        let id = store.list(&GLOBAL)[0].id.clone();

        let result = store.update(&GLOBAL, &id, fields("net-00002"), CHANGE);

        assert!(matches!(result, Err(StoreError::DuplicateName { .. })));
    }

    #[test]
    fn delete_removes_and_returns() {
        let mut store = NetworkStore::generate(3);
        let id = store.list(&GLOBAL)[0].id.clone();

        let deleted = store.delete(&GLOBAL, &id).unwrap();

        assert_eq!(deleted.name, "net-00001");
        assert_eq!(store.list(&GLOBAL).len(), 2);
        assert!(matches!(
            store.get(&GLOBAL, &id),
            Err(StoreError::NotFound { .. })
        ));
    }

    #[test]
    fn get_ignores_id_case() {
        let store = NetworkStore::generate(1);
        let id = store.list(&GLOBAL)[0].id.to_ascii_uppercase();

        assert!(store.get(&GLOBAL, &id).is_ok());
    }
}
