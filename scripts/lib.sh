# shellcheck shell=bash
# Shared set-up for scripts/serve and scripts/test: find the checkout, install what is missing.
#
# Sourced, not run. Every `ensure_*` function checks first and installs only what is absent or at
# the wrong version, so both commands are safe to re-run. They print what they do on stderr and
# return non-zero when an install fails.

KT_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
KT_TRUNK_VERSION="0.21.14"
KT_BINARYEN_VERSION="132"
KT_CHROMIUM="/usr/bin/chromium"
KT_CHROMEDRIVER="/usr/bin/chromedriver"
export DEBIAN_FRONTEND=noninteractive

# Tools installed by cargo and npm land here; make sure this shell sees them.
case ":$PATH:" in
    *":$HOME/.cargo/bin:"*) ;;
    *) PATH="$HOME/.cargo/bin:$PATH" ;;
esac
export PATH

# say MESSAGE...: a progress line on stderr.
say() {
    printf '==> %s\n' "$*" >&2
}

# as_root COMMAND...: runs a command as root, through sudo when not root already.
as_root() {
    if [ "$(id -u)" -eq 0 ]; then
        "$@"
    elif command -v sudo >/dev/null 2>&1; then
        if [ -t 0 ]; then sudo "$@"; else sudo -n "$@"; fi
    else
        say "error: \`$1\` needs root and sudo is not installed"
        return 1
    fi
}

KT_APT_UPDATED=""

# apt_install PACKAGE...: installs Debian packages, updating the package lists once per run.
apt_install() {
    if ! command -v apt-get >/dev/null 2>&1; then
        say "error: apt-get not found; install $* by hand"
        return 1
    fi
    if [ -z "$KT_APT_UPDATED" ]; then
        say "apt-get update"
        as_root apt-get update || return 1
        KT_APT_UPDATED=1
    fi
    say "apt-get install -y $*"
    as_root apt-get install -y "$@"
}

# wait_for_cargo_install CRATE: waits (up to an hour) while another `cargo install CRATE` runs,
# so two installs of one tool never race each other.
wait_for_cargo_install() {
    local crate="$1" waited=0
    command -v pgrep >/dev/null 2>&1 || return 0
    while pgrep -f -- "cargo install $crate( |\$)" >/dev/null 2>&1; do
        if [ $((waited % 60)) -eq 0 ]; then
            say "another \`cargo install $crate\` is running; waiting for it (${waited}s so far)"
        fi
        if [ "$waited" -ge 3600 ]; then
            say "error: the other \`cargo install $crate\` is still running after an hour"
            return 1
        fi
        sleep 5
        waited=$((waited + 5))
    done
}

# need_cargo: fails with a hint when there is no Rust toolchain at all.
need_cargo() {
    if ! command -v cargo >/dev/null 2>&1 || ! command -v rustup >/dev/null 2>&1; then
        say "error: cargo and rustup are needed; install Rust from https://rustup.rs first"
        return 1
    fi
}

# ensure_rust_components: rustfmt and clippy (a minimal rustup profile has neither).
ensure_rust_components() {
    need_cargo || return 1
    if cargo fmt --version >/dev/null 2>&1 && cargo clippy --version >/dev/null 2>&1; then
        return 0
    fi
    say "rustup component add rustfmt clippy"
    rustup component add rustfmt clippy
}

# ensure_wasm_target: the wasm32-unknown-unknown standard library.
ensure_wasm_target() {
    need_cargo || return 1
    if rustup target list --installed 2>/dev/null | grep -qx 'wasm32-unknown-unknown'; then
        return 0
    fi
    say "rustup target add wasm32-unknown-unknown"
    rustup target add wasm32-unknown-unknown
}

# ensure_trunk: Trunk at exactly KT_TRUNK_VERSION (newer releases need a newer rustc).
ensure_trunk() {
    local want="trunk $KT_TRUNK_VERSION"
    [ "$(trunk --version 2>/dev/null)" = "$want" ] && return 0
    wait_for_cargo_install trunk || return 1
    [ "$(trunk --version 2>/dev/null)" = "$want" ] && return 0
    say "cargo install trunk --version $KT_TRUNK_VERSION --locked (takes several minutes)"
    cargo install trunk --version "$KT_TRUNK_VERSION" --locked
}

# wasm_bindgen_version: the `wasm-bindgen` version in Cargo.lock (made first if missing).
wasm_bindgen_version() {
    local lock="$KT_ROOT/Cargo.lock"
    if [ ! -f "$lock" ]; then
        say "no Cargo.lock yet; cargo generate-lockfile"
        (cd "$KT_ROOT" && cargo generate-lockfile) || return 1
    fi
    awk '
        /^\[\[package\]\]/ { in_pkg = 0 }
        $0 == "name = \"wasm-bindgen\"" { in_pkg = 1 }
        in_pkg && /^version = / { gsub(/"/, "", $3); print $3; exit }
    ' "$lock"
}

# ensure_wasm_bindgen: wasm-bindgen-cli at the version the app links against.
ensure_wasm_bindgen() {
    local version
    version="$(wasm_bindgen_version)" || return 1
    if [ -z "$version" ]; then
        say "error: no \`wasm-bindgen\` package in Cargo.lock"
        return 1
    fi
    [ "$(wasm-bindgen --version 2>/dev/null)" = "wasm-bindgen $version" ] && return 0
    wait_for_cargo_install wasm-bindgen-cli || return 1
    [ "$(wasm-bindgen --version 2>/dev/null)" = "wasm-bindgen $version" ] && return 0
    # Not --locked: the CLI's own lock file pins crates that no longer build on current Rust.
    say "cargo install wasm-bindgen-cli --version $version (takes a few minutes)"
    cargo install wasm-bindgen-cli --version "$version"
}

# wasm_opt_version: the major version of the wasm-opt on PATH, or nothing.
wasm_opt_version() {
    wasm-opt --version 2>/dev/null | sed -n 's/.*version \([0-9][0-9]*\).*/\1/p' | head -n 1
}

# ensure_wasm_opt: binaryen's wasm-opt, version KT_BINARYEN_VERSION or newer (Debian's is older).
ensure_wasm_opt() {
    local have
    have="$(wasm_opt_version)"
    if [ -n "$have" ] && [ "$have" -ge "$KT_BINARYEN_VERSION" ]; then
        return 0
    fi
    if ! command -v npm >/dev/null 2>&1; then
        say "error: npm is needed to install wasm-opt (binaryen@$KT_BINARYEN_VERSION)"
        return 1
    fi
    say "npm install -g binaryen@$KT_BINARYEN_VERSION (wasm-opt ${have:-missing})"
    if [ -w "$(npm prefix -g)" ]; then
        npm install -g "binaryen@$KT_BINARYEN_VERSION" || return 1
    else
        as_root npm install -g "binaryen@$KT_BINARYEN_VERSION" || return 1
    fi
    hash -r
    have="$(wasm_opt_version)"
    if [ -z "$have" ] || [ "$have" -lt "$KT_BINARYEN_VERSION" ]; then
        say "error: wasm-opt on PATH is still ${have:-missing} ($(command -v wasm-opt))"
        return 1
    fi
}

# ensure_python: Python 3 for the static server and the browser tests (standard library only).
ensure_python() {
    command -v python3 >/dev/null 2>&1 && return 0
    apt_install python3
}

# ensure_chromium: Chromium and its matching driver from Debian.
ensure_chromium() {
    [ -x "$KT_CHROMIUM" ] && [ -x "$KT_CHROMEDRIVER" ] && return 0
    apt_install chromium chromium-driver || return 1
    if [ ! -x "$KT_CHROMIUM" ] || [ ! -x "$KT_CHROMEDRIVER" ]; then
        say "error: $KT_CHROMIUM or $KT_CHROMEDRIVER is still missing"
        return 1
    fi
}

# ensure_browser_tools: what the browser tests run on.
ensure_browser_tools() {
    ensure_python && ensure_chromium
}

# ensure_web_tools: everything `trunk build --release --offline` needs.
ensure_web_tools() {
    ensure_wasm_target && ensure_trunk && ensure_wasm_bindgen && ensure_wasm_opt
}

# trunk_build: the release build of the app into dist/ (never downloads tools).
trunk_build() {
    (cd "$KT_ROOT" && trunk build --release --offline)
}

# one_file_build [OUT]: the one-file build (Trunk.one-file.toml) into target/one-file/, inlined
# into OUT (default dist-one-file/kubetriage.html).
one_file_build() {
    local out="${1:-$KT_ROOT/dist-one-file/kubetriage.html}"
    (cd "$KT_ROOT" &&
        trunk build --release --offline --config Trunk.one-file.toml &&
        mkdir -p "$(dirname "$out")" &&
        cargo run --quiet --bin kubetriage-pages -- --one-file target/one-file "$out")
}
