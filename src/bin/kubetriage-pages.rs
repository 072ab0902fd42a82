//! `kubetriage-pages`: writes the static pages beside the browser app (see `src/site.rs`).
//!
//! Trunk runs it after each build (a `post_build` hook in `Trunk.toml`) on its staging folder,
//! named by `TRUNK_STAGING_DIR`; `--dir DIR` names another folder that holds a built
//! `index.html`. It pre-renders that `index.html` in place and adds `guides/`, `causes/` and the
//! bundle of document bodies.
//!
//! `--one-file DIR OUT` instead makes the one-file page (see `src/site/one_file.rs`) from the
//! `index.html` that `Trunk.one-file.toml` built in `DIR`, and writes it to `OUT`
//! (`scripts/one-file` runs it). Exits 1 with a one-line message when it cannot.

#[cfg(not(target_arch = "wasm32"))]
fn main() -> std::process::ExitCode {
    use std::path::PathBuf;
    use std::process::ExitCode;

    let mut args = std::env::args().skip(1);
    let dir = match (args.next().as_deref(), args.next()) {
        (Some("--one-file"), Some(dir)) => match args.next() {
            Some(out) => return one_file(&PathBuf::from(dir), &PathBuf::from(out)),
            None => return fail("usage: kubetriage-pages --one-file DIR OUT"),
        },
        (Some("--dir"), Some(dir)) => PathBuf::from(dir),
        (None, _) => match std::env::var_os("TRUNK_STAGING_DIR") {
            Some(dir) => PathBuf::from(dir),
            None => return fail("give --dir DIR, or run it from Trunk (TRUNK_STAGING_DIR)"),
        },
        _ => return fail("usage: kubetriage-pages [--dir DIR | --one-file DIR OUT]"),
    };
    let index = dir.join("index.html");
    let html = match std::fs::read_to_string(&index) {
        Ok(html) => html,
        Err(err) => return fail(&format!("cannot read {}: {err}", index.display())),
    };
    let worker = match rename_worker(&dir) {
        Ok(worker) => worker,
        Err(message) => return fail(&message),
    };
    let pages =
        match kubetriage::site::pages(&html, worker.as_ref().map(|w| w.loader.path.as_str())) {
            Ok(pages) => pages,
            Err(message) => return fail(&format!("{}: {message}", index.display())),
        };
    for page in pages.iter().chain(worker.iter().map(|w| &w.loader)) {
        let path = dir.join(&page.path);
        let written = path
            .parent()
            .map_or(Ok(()), std::fs::create_dir_all)
            .and_then(|()| std::fs::write(&path, &page.bytes));
        if let Err(err) = written {
            return fail(&format!("cannot write {}: {err}", path.display()));
        }
    }
    eprintln!("kubetriage-pages: wrote {} files in {}", pages.len(), dir.display());
    ExitCode::SUCCESS
}

/// Inlines the one-file build's `DIR/index.html` and the files it names into `out`.
#[cfg(not(target_arch = "wasm32"))]
fn one_file(dir: &std::path::Path, out: &std::path::Path) -> std::process::ExitCode {
    let index = dir.join("index.html");
    let html = match std::fs::read_to_string(&index) {
        Ok(html) => html,
        Err(err) => return fail(&format!("cannot read {}: {err}", index.display())),
    };
    let read = |name: &str| {
        let path = dir.join(name);
        std::fs::read(&path).map_err(|err| format!("cannot read {}: {err}", path.display()))
    };
    let page = match kubetriage::site::one_file::inline(&html, &read) {
        Ok(page) => page,
        Err(message) => return fail(&format!("{}: {message}", index.display())),
    };
    if let Err(err) = std::fs::write(out, &page) {
        return fail(&format!("cannot write {}: {err}", out.display()));
    }
    eprintln!("kubetriage-pages: wrote {} ({} KB)", out.display(), page.len().div_ceil(1024));
    std::process::ExitCode::SUCCESS
}

/// Renames the worker Trunk wrote by its content (see `kubetriage::site::worker_files`); none
/// when this build has no worker.
#[cfg(not(target_arch = "wasm32"))]
fn rename_worker(dir: &std::path::Path) -> Result<Option<kubetriage::site::WorkerFiles>, String> {
    let (js_path, wasm_path) =
        (dir.join("kubetriage-worker.js"), dir.join("kubetriage-worker_bg.wasm"));
    if !js_path.exists() {
        return Ok(None);
    }
    let read = |path: &std::path::Path| {
        std::fs::read(path).map_err(|err| format!("cannot read {}: {err}", path.display()))
    };
    let files = kubetriage::site::worker_files(&read(&js_path)?, &read(&wasm_path)?);
    for (from, to) in [(&js_path, &files.js), (&wasm_path, &files.wasm)] {
        std::fs::rename(from, dir.join(to))
            .map_err(|err| format!("cannot rename {}: {err}", from.display()))?;
    }
    Ok(Some(files))
}

#[cfg(not(target_arch = "wasm32"))]
fn fail(message: &str) -> std::process::ExitCode {
    eprintln!("kubetriage-pages: {message}");
    std::process::ExitCode::FAILURE
}

#[cfg(target_arch = "wasm32")]
fn main() {}
