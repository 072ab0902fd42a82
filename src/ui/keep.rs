//! The paste kept across a reload: in the tab's `sessionStorage`, which the browser keeps for
//! this tab only and never sends anywhere. A paste too large for the storage is not kept, and
//! the page says so; Clear forgets it.

/// The `sessionStorage` key of the kept paste (the panic hook keeps its own, see [`super::panic`]).
const KEY: &str = "kubetriage.kept";

/// Pastes longer than this (in UTF-16 units, as the storage counts) are not tried: browsers
/// give a tab's storage about five million units.
const MAX_UNITS: usize = 2_000_000;

/// What became of the paste.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kept {
    /// Nothing to keep.
    Empty,
    /// In the tab's storage: it comes back after a reload.
    Kept,
    /// Too large for the tab's storage, or the browser refused it.
    NotKept,
}

/// The paste kept before the reload, if any.
pub fn load() -> Option<String> {
    storage()?.get_item(KEY).ok()?.filter(|paste| !paste.is_empty())
}

/// Keeps `paste` in place of the one kept before; an empty paste forgets it.
pub fn save(paste: &str) -> Kept {
    let Some(storage) = storage() else { return Kept::NotKept };
    if paste.is_empty() {
        let _ = storage.remove_item(KEY);
        return Kept::Empty;
    }
    if paste.encode_utf16().count() > MAX_UNITS || storage.set_item(KEY, paste).is_err() {
        // An older, smaller paste must not come back in place of this one.
        let _ = storage.remove_item(KEY);
        return Kept::NotKept;
    }
    Kept::Kept
}

fn storage() -> Option<web_sys::Storage> {
    web_sys::window()?.session_storage().ok()?
}
