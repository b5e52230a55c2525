//! The wasm entry point: mounts the popup in extension pages. In the service
//! worker there is no document, and `background.js` calls the exported
//! keep-alive instead.

fn main() {
    if web_sys::window().is_some() {
        fmc_ext::mount_popup();
    }
}
