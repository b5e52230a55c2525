use super::*;
use crate::request::Method;

fn draft(path: &str) -> Draft {
    Draft::new(Method::Get, path.to_owned(), String::new())
}

#[test]
fn add_trims_name_and_folder() {
    let mut saved = SavedRequests::default();
    let id = saved
        .add("  Networks ", " Objects / /Lists ", draft("/a"))
        .unwrap();

    let request = saved.find(id).unwrap();
    assert_eq!(request.name, "Networks");
    assert_eq!(request.folder, "Objects/Lists");
}

#[test]
fn add_rejects_blank_name() {
    let mut saved = SavedRequests::default();
    assert_eq!(saved.add("  ", "", draft("/a")), Err(SavedError::EmptyName));
    assert!(saved.requests.is_empty());
}

#[test]
fn rename_and_delete() {
    let mut saved = SavedRequests::default();
    let id = saved.add("One", "", draft("/a")).unwrap();

    saved.rename(id, "Two").unwrap();
    assert_eq!(saved.find(id).unwrap().name, "Two");
    assert_eq!(saved.rename(id, ""), Err(SavedError::EmptyName));
    assert_eq!(saved.rename(99, "x"), Err(SavedError::NotFound { id: 99 }));
    saved.delete(id).unwrap();
    assert!(saved.find(id).is_none());
    assert_eq!(saved.delete(id), Err(SavedError::NotFound { id }));
}

#[test]
fn ids_stay_unique() {
    let mut saved = SavedRequests::default();
    let first = saved.add("a", "", draft("/a")).unwrap();
    let second = saved.add("b", "", draft("/b")).unwrap();
    saved.delete(second).unwrap();
    let third = saved.add("c", "", draft("/c")).unwrap();

    assert_ne!(first, third);
}

#[test]
fn by_folder_groups_and_sorts() {
    let mut saved = SavedRequests::default();
    saved.add("zeta", "Objects", draft("/z")).unwrap();
    saved.add("Alpha", "Objects", draft("/a")).unwrap();
    saved.add("top", "", draft("/t")).unwrap();
    saved.add("rules", "Policies", draft("/r")).unwrap();

    let groups = saved.by_folder();
    let folders: Vec<&str> = groups.iter().map(|(folder, _)| folder.as_str()).collect();
    assert_eq!(folders, ["", "Objects", "Policies"]);
    let names: Vec<&str> = groups[1]
        .1
        .iter()
        .map(|saved| saved.name.as_str())
        .collect();
    assert_eq!(names, ["Alpha", "zeta"]);
}

#[test]
fn storage_key_names_profile() {
    assert_eq!(
        storage_key("fmc.example.org:8443", "admin"),
        "saved_requests:admin@fmc.example.org:8443"
    );
}
