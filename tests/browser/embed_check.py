"""The embed script (`embed/embed.js`) on a wiki page of another origin.

Three servers on 127.0.0.1, each on its own port and so its own origin:

- the app, at the sub-path `/tools/kubetriage/`: `embed.js` and, as `index.html`, a stub that
  posts its height like the real app's `#/embed/...` pages (`embed/stub-app.html`);
- the wiki page (`embed/host.html`) with two embeds, one bad one, and a frame of
- a third origin (`embed/intruder.html`) that posts messages of the app's shape.

To run it against a real build, set KUBETRIAGE_EMBED_APP to a folder that holds `index.html` and
`embed.js` side by side (a `dist/`); the exact stub heights are then not checked, only that the
frames follow the app.

The test needs nothing of the app under test and leaves the shared browser on `about:blank`,
with the performance log of its three origins drained, so that the app's own-assets check does
not count them.
"""

import os
import shutil
import tempfile

from static_server import RecordingServer

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(os.path.dirname(HERE))
PAGES = os.path.join(HERE, "embed")
SUB_PATH = "tools/kubetriage"

# What embed.js promises: the clamp of the height, and the height before any message.
MIN_HEIGHT, MAX_HEIGHT, START_HEIGHT = 200, 20000, 640

READ_FRAMES = """
return [...document.querySelectorAll('iframe.kubetriage-embed')].map(f => ({
  src: f.getAttribute('src'), title: f.title, loading: f.getAttribute('loading'),
  allow: f.getAttribute('allow'), height: f.style.height,
  width: getComputedStyle(f).width === getComputedStyle(document.body).width,
  minWidth: getComputedStyle(f).minWidth,
}));
"""


def _app_dir(work):
    """The folder to serve as the app's origin root, with the app under SUB_PATH."""
    real = os.environ.get("KUBETRIAGE_EMBED_APP")
    root = os.path.join(work, "app")
    app = os.path.join(root, SUB_PATH)
    if real:
        shutil.copytree(real, app)
    else:
        os.makedirs(app)
        shutil.copy(os.path.join(PAGES, "stub-app.html"), os.path.join(app, "index.html"))
        shutil.copy(os.path.join(REPO, "embed", "embed.js"), os.path.join(app, "embed.js"))
    return root, bool(real)


def _heights(app):
    return [f["height"] for f in app.script(READ_FRAMES)]


def test_embed_script_frames_the_app_and_trusts_only_it(app):
    app.collect()
    work = tempfile.mkdtemp(prefix="kubetriage-embed-")
    servers = []
    try:
        app_root, real = _app_dir(work)
        third_root = os.path.join(work, "third")
        shutil.copytree(PAGES, third_root)
        app_server = RecordingServer(app_root).start()
        servers.append(app_server)
        third = RecordingServer(third_root).start()
        servers.append(third)
        host_root = os.path.join(work, "host")
        os.makedirs(host_root)
        with open(os.path.join(PAGES, "host.html"), encoding="utf-8") as f:
            page = f.read().replace("APP_ORIGIN", app_server.origin)
        with open(os.path.join(host_root, "index.html"), "w", encoding="utf-8") as f:
            f.write(page.replace("THIRD_ORIGIN", third.origin))
        host = RecordingServer(host_root).start()
        servers.append(host)

        app.browser.get("about:blank")
        app.browser.get(f"{host.origin}/index.html")
        _check_frames(app, app_server.origin)
        _check_heights(app, third.origin, real)
    finally:
        app.browser.get("about:blank")
        app.browser.logs("performance")
        app.browser.logs("browser")
        for server in servers:
            server.stop()
        shutil.rmtree(work, ignore_errors=True)


def _check_frames(app, app_origin):
    frames = app.script(READ_FRAMES)
    base = f"{app_origin}/{SUB_PATH}/index.html#/embed/"
    want = [base + "analyze?theme=dark", base + "guides/oomkilled?theme=auto"]
    assert [f["src"] for f in frames] == want, f"iframe src {[f['src'] for f in frames]}"
    for f in frames:
        assert f["title"].startswith("kubetriage"), f"iframe title {f['title']!r}"
        assert f["loading"] == "lazy", f"loading={f['loading']!r}"
        assert f["allow"] is None, f"allow={f['allow']!r}"
        assert f["width"], "the iframe is not as wide as the page"
        assert f["minWidth"] == "320px", f"min-width {f['minWidth']}"
    left = app.script(
        "return document.querySelectorAll('script[data-kubetriage]:not([data-kubetriage-done])')"
        ".length + '/' + document.querySelectorAll('iframe').length;"
    )
    assert left == "0/3", f"scripts left unprocessed / iframes on the page: {left}"


def _check_heights(app, third_origin, real):
    if real:
        app.wait_for(
            "return [...document.querySelectorAll('iframe.kubetriage-embed')]"
            f".every(f => f.style.height !== '{START_HEIGHT}px');",
            timeout=20,
            what="both frames to take the app's height",
        )
    else:
        app.wait_for(
            "return document.querySelectorAll('iframe.kubetriage-embed')[1]"
            ".style.height === '1300px';",
            what="the guide frame to take the stub's 1300px",
        )
        assert _heights(app) == ["900px", "1300px"], f"heights {_heights(app)}"
    before = _heights(app)
    # The intruder's messages arrive, and change nothing; nor does the page's own forgery.
    app.wait_for(
        "return window.seen.filter(m => m.origin === arguments[0]).length >= 3;",
        third_origin,
        what="the third origin's messages to reach the page",
    )
    assert any(m["height"] == 4444 for m in app.script("return window.seen;")), "no forgery seen"
    assert _heights(app) == before, f"heights moved to {_heights(app)} on foreign messages"
    if real:
        return
    # The frame's own messages are clamped, and a height that is not a number is ignored.
    for ask, want in [("grow", MAX_HEIGHT), ("shrink", MIN_HEIGHT), ("text", MIN_HEIGHT)]:
        app.script(
            "document.querySelector('iframe.kubetriage-embed').contentWindow"
            ".postMessage(arguments[0], '*');",
            ask,
        )
        app.wait_for(
            "return window.seen.some(m => m.height === arguments[0]);",
            {"grow": 1e9, "shrink": -5, "text": "777"}[ask],
            what=f"the stub's answer to `{ask}`",
        )
        got = _heights(app)
        assert got == [f"{want}px", "1300px"], f"after `{ask}` the heights are {got}"
