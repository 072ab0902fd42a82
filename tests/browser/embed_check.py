"""The embed script (`embed/embed.js`, copied into `dist/`) on a wiki page of another origin,
framing the real built app.

Three servers on 127.0.0.1, each on its own port and so its own origin:

- the app: a copy of the `dist/` under test at the sub-path `/tools/kubetriage/`, with the
  `embed.js` the build copied beside `index.html`;
- the wiki page (`embed/host.html`) with three embeds, one bad one, and a frame of
- a third origin (`embed/intruder.html`) that posts messages of the app's shape, which the embed
  script must ignore (as it must the wiki page's own forgery).

The frames must take the heights the app reports and follow them when the content grows; the
app's own messages are clamped. The test leaves the shared browser on `about:blank`, with the
performance log of its three origins drained, so that the app's own-assets check does not count
them.
"""

import os
import shutil
import tempfile

from static_server import RecordingServer

HERE = os.path.dirname(os.path.abspath(__file__))
PAGES = os.path.join(HERE, "embed")
SUB_PATH = "tools/kubetriage"

# What embed.js promises: the clamp of the height, and the height before any message.
MIN_HEIGHT, MAX_HEIGHT, START_HEIGHT = 200, 20000, 640

READ_FRAMES = """
return [...document.querySelectorAll('iframe.kubetriage-embed')].map(f => ({
  src: f.getAttribute('src'), title: f.title, loading: f.getAttribute('loading'),
  allow: f.getAttribute('allow'), height: parseInt(f.style.height, 10),
  width: getComputedStyle(f).width === getComputedStyle(document.body).width,
  minWidth: getComputedStyle(f).minWidth,
}));
"""

# What the framed app shows, read inside its frame.
READ_INSIDE = """
const d = document.documentElement;
return {hash: location.hash, embed: d.hasAttribute('data-embed'), theme: d.getAttribute('data-theme'),
  header: !!document.querySelector('header.site-header, .skip-link'),
  body: Math.ceil(document.body.getBoundingClientRect().height)};
"""


def _heights(app):
    return [f["height"] for f in app.script(READ_FRAMES)]


def test_embed_script_frames_the_app_and_trusts_only_it(app):
    app.collect()
    work = tempfile.mkdtemp(prefix="kubetriage-embed-")
    servers = []
    try:
        app_root = os.path.join(work, "app")
        shutil.copytree(app.server.root, os.path.join(app_root, SUB_PATH))
        app_server = RecordingServer(app_root).start()
        servers.append(app_server)
        third_root = os.path.join(work, "third")
        shutil.copytree(PAGES, third_root)
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
        _check_heights(app, third.origin)
        _check_growth_and_clamp(app)
    finally:
        try:
            app.browser.switch_to_parent()
        except Exception:  # noqa: BLE001 (already at the top, or the browser is gone)
            pass
        app.browser.get("about:blank")
        app.browser.logs("performance")
        app.browser.logs("browser")
        for server in servers:
            server.stop()
        shutil.rmtree(work, ignore_errors=True)


def _check_frames(app, app_origin):
    frames = app.script(READ_FRAMES)
    base = f"{app_origin}/{SUB_PATH}/index.html#/embed/"
    want = [
        base + "analyze?theme=dark",
        base + "guides/oomkilled?theme=auto",
        base + "causes/oom-killed?theme=light",
    ]
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
    assert left == "0/4", f"scripts left unprocessed / iframes on the page: {left}"


def _inside(app, index, source, *args):
    """Runs `source` in the app of frame `index` (0: the analyzer, 1: the guide, 2: the cause)."""
    frame = app.browser.elements("iframe.kubetriage-embed")[index]
    app.browser.switch_to_frame(frame)
    try:
        return app.browser.script(source, *args)
    finally:
        app.browser.switch_to_parent()


def _show(app, index):
    """Scrolls frame `index` into view: a browser may not lay out a frame out of view."""
    app.script(
        "document.querySelectorAll('iframe.kubetriage-embed')[arguments[0]]"
        ".scrollIntoView({block: 'start', behavior: 'instant'});",
        index,
    )


def _check_heights(app, third_origin):
    for index in (0, 1, 2):
        _show(app, index)
        app.wait_for(
            "return document.querySelectorAll('iframe.kubetriage-embed')[arguments[0]]"
            f".style.height !== '{START_HEIGHT}px';",
            index,
            timeout=20,
            what=f"frame {index} to take the app's height",
        )
    # The guide's page is long and the empty analyzer is not: the frames follow the content.
    app.wait_for(
        "const h = [...document.querySelectorAll('iframe.kubetriage-embed')]"
        ".map(f => parseInt(f.style.height, 10)); return h[1] > 3000 && h[0] < h[1];",
        timeout=20,
        what="the guide's frame to grow past the analyzer's",
    )
    analyzer = _inside(app, 0, READ_INSIDE)
    assert analyzer["embed"] and analyzer["theme"] == "dark", f"the analyzer frame: {analyzer}"
    assert not analyzer["header"], "the embedded analyzer shows the site's header"
    assert analyzer["hash"] == "#/embed/analyze?theme=dark", f"its address: {analyzer['hash']}"
    guide = _inside(app, 1, READ_INSIDE)
    assert guide["embed"] and guide["theme"] is None, f"theme=auto set a theme: {guide}"
    cause = _inside(app, 2, READ_INSIDE)
    assert cause["embed"] and cause["theme"] == "light", f"the cause entry's frame: {cause}"
    want = min(guide["body"], MAX_HEIGHT)
    assert abs(_heights(app)[1] - want) <= 1, f"frames {_heights(app)}, the guide's body {guide}"
    # The intruder's messages arrive, and move nothing; nor does the page's own forgery.
    app.wait_for(
        "return window.seen.filter(m => m.origin === arguments[0]).length >= 3;",
        third_origin,
        what="the third origin's messages to reach the page",
    )
    assert any(m["height"] == 4444 for m in app.script("return window.seen;")), "no forgery seen"
    forged = [h for h in _heights(app) if h in (4444, 5555)]
    assert not forged, f"a frame took a foreign height: {_heights(app)}"


def _check_growth_and_clamp(app):
    _show(app, 0)
    before = _heights(app)[0]
    case_like = "\n".join(
        ["Name:           migrate", "Namespace:      default", "Events:"]
        + [f"  Warning  BackOff  {n}m  kubelet  Back-off restarting failed container" for n in range(40)]
    )
    _inside(
        app,
        0,
        "const ta = document.getElementById('paste'); ta.value = arguments[0];"
        "ta.dispatchEvent(new Event('input', {bubbles: true}));",
        case_like,
    )
    app.wait_for(
        "return parseInt(document.querySelector('iframe.kubetriage-embed').style.height, 10)"
        " > arguments[0] + 200;",
        before,
        timeout=20,
        what=f"the analyzer's frame to grow from {before}px with its result",
    )
    # The app's own messages are clamped, and a height that is not a number is ignored.
    for sent, want in [(1e9, MAX_HEIGHT), (-5, MIN_HEIGHT), ("777", MIN_HEIGHT)]:
        _inside(
            app,
            0,
            "parent.postMessage({kubetriage: 1, type: 'height', height: arguments[0]}, '*');",
            sent,
        )
        app.wait_for(
            "return window.seen.some(m => m.height === arguments[0]);",
            sent,
            what=f"the page to get the height {sent!r}",
        )
        got = _heights(app)[0]
        assert got == want, f"after {sent!r} the analyzer's frame is {got}px, want {want}px"
