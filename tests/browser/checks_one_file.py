"""Browser tests of the one-file build (`scripts/one-file`): one HTML file that works from disk
and over http, and asks for nothing but itself.

The file is `dist-one-file/kubetriage.html` unless `run.py --one-file PATH` names another. The
tests fail (never skip) when it is missing. They leave the shared browser on `about:blank` with
the performance log drained, so that the app's own-assets check does not count them.
"""

import json
import os
import shutil
import tempfile
import urllib.parse

from static_server import RecordingServer

CASE = "011-airflow-kpo-oomkilled"
TOKEN = "ghp_u8jzPde0IgxLd6GncfBAepfJBd0Kh8oOOL8d"


def _file(app):
    path = app.one_file
    if not os.path.isfile(path):
        raise AssertionError(f"`{path}` does not exist; run scripts/one-file first")
    return path


def _requests(app):
    """The URLs the browser asked for since the last call (the performance log, drained)."""
    urls = []
    for entry in app.browser.logs("performance"):
        try:
            message = json.loads(entry.get("message", "{}")).get("message", {})
        except ValueError:
            continue
        if message.get("method") == "Network.requestWillBeSent":
            urls.append(message.get("params", {}).get("request", {}).get("url", ""))
    return urls


def _use(app, page):
    """Opens `page` (a URL without its hash) at the analyzer and uses the app: a paste, a guide,
    a search and a share link, which it then opens. Returns the console's errors."""
    case = app.load_case(CASE)
    app.browser.get("about:blank")
    _requests(app)
    app.drain_console()
    app.browser.get(page + "#/analyze")
    policy = app.script(
        "const m = document.querySelector('meta[http-equiv=\"Content-Security-Policy\"]');"
        "return m && m.content;"
    )
    assert policy and "connect-src 'none'" in policy, f"the policy is {policy!r}"
    assert "'self'" not in policy and "unsafe-inline" not in policy, policy
    app.paste(f"{case.text}\nexport GITHUB_TOKEN={TOKEN}\n")
    app.wait_css("#result li.finding", timeout=30)
    cause = app.first_cause(case.accepted, timeout=30)
    assert cause in case.accepted, f"the one-file page said `{cause}`"

    app.script("location.hash = '#/guides/oomkilled';")
    app.wait_css('article.doc[data-slug="oomkilled"] .doc-body h2', timeout=20)
    app.script(
        "const s = document.getElementById('site-search'); s.focus();"
        "s.value = 'quitquitquit'; s.dispatchEvent(new Event('input', {bubbles: true}));"
    )
    app.wait_for(
        "return [...document.querySelectorAll('#site-search-results li.search-result')]"
        ".some(o => o.dataset.slug.startsWith('sidecar'));",
        what="a search result for a word of a guide's body",
    )

    app.script("location.hash = '#/analyze';")
    app.wait_css("#share-link")
    app.script(
        "window.__copied = [];"
        "navigator.clipboard.writeText = t => { window.__copied.push(t); return Promise.resolve(); };"
    )
    app.click("#share-link")
    app.wait_css("#share-preview button.share-preview-copy:not([disabled])", timeout=20)
    app.click("#share-preview button.share-preview-copy")
    link = app.wait_for("return window.__copied[0];", timeout=20, what="the share link")
    assert link.startswith(page + "#/share/v1."), f"the link is {link[:100]}"
    app.browser.get("about:blank")
    app.browser.get(link)
    app.wait_for(
        "return location.hash === '#/analyze' &&"
        # The textarea may not exist yet while the page starts: not yet, rather than an error.
        " (document.getElementById('paste')?.value || '').includes('[REDACTED-TOKEN-1]');",
        timeout=30,
        what="the share link to open in the one-file page",
    )
    return app.drain_console()


def _check_only_itself(app, page, errors):
    asked = {u.split("#")[0] for u in _requests(app)} - {"about:blank"}
    others = sorted(u for u in asked if u != page and not u.startswith("data:"))
    assert not others, f"the one-file page asked for {others}"
    blocked = [e for e in errors if "Content Security Policy" in e]
    assert not blocked, f"the policy blocked something: {blocked[:3]}"


def test_one_file_works_from_disk(app):
    """Opened as a file, the one-file page analyses, shows guides, searches and shares."""
    page = "file://" + urllib.parse.quote(os.path.abspath(_file(app)))
    try:
        errors = _use(app, page)
        _check_only_itself(app, page, errors)
    finally:
        app.browser.get("about:blank")
        app.browser.logs("performance")


def test_one_file_over_http_asks_for_nothing_else(app):
    """Served over http from a folder of its own, the page is the only request there is."""
    work = tempfile.mkdtemp(prefix="kubetriage-one-file-")
    server = None
    try:
        shutil.copy(_file(app), os.path.join(work, "kubetriage.html"))
        server = RecordingServer(work).start()
        page = f"{server.origin}/kubetriage.html"
        errors = _use(app, page)
        _check_only_itself(app, page, errors)
        assert set(server.seen()) == {"/kubetriage.html"}, f"the server saw {server.seen()}"
    finally:
        app.browser.get("about:blank")
        app.browser.logs("performance")
        if server is not None:
            server.stop()
        shutil.rmtree(work, ignore_errors=True)


TESTS = [test_one_file_works_from_disk, test_one_file_over_http_asks_for_nothing_else]
