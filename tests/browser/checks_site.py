"""Browser tests of the static site the build writes beside the app (src/site.rs): the pages
that read without JavaScript, the app taking them over, and the app working on with the network
gone once it has loaded.
"""

GUIDE = "oomkilled"
CAUSE = "oom-killed"


def _get(app, path):
    """Loads `path` (relative to the app's folder) afresh, as a visitor following a link."""
    app.collect()
    app.browser.get("about:blank")
    app.browser.get(f"{app.server.origin}/{path}")


def test_static_guide_page_reads_without_javascript(app):
    """A guide's own page shows its text and links to other pages with scripts turned off."""
    app.browser.cdp("Emulation.setScriptExecutionDisabled", {"value": True})
    try:
        _get(app, f"guides/{GUIDE}.html")
        # Scripts are off for the page, not for the driver's own calls.
        found = app.browser.wait_for(
            "const a = document.querySelector('article.doc[data-slug=\"' + arguments[0] + '\"]');"
            "if (!a) return null;"
            "return {h2: a.querySelectorAll('h2').length, text: a.textContent.length,"
            " app: !!document.getElementById('app'),"
            " cause: !!document.querySelector('a[href=\"../causes/' + arguments[1] + '.html\"]'),"
            " toc: document.querySelectorAll('nav.toc a[href^=\"#\"]').length};",
            GUIDE,
            CAUSE,
            what=f"the static page of `{GUIDE}`",
        )
        assert found["h2"] >= 8 and found["text"] > 5000, f"the page is thin: {found}"
        assert not found["app"], "the app ran with scripts turned off"
        assert found["cause"], f"no static link to the `{CAUSE}` entry"
        assert found["toc"] >= 8, f"the table of contents has {found['toc']} anchors"
        app.click(f'a[href="../causes/{CAUSE}.html"]')
        app.browser.wait_for(
            "return location.pathname.endsWith('/causes/' + arguments[0] + '.html') &&"
            " !!document.querySelector('article.doc[data-slug=\"' + arguments[0] + '\"] h2');",
            CAUSE,
            what=f"the static page of `{CAUSE}` after following its link",
        )
    finally:
        app.browser.cdp("Emulation.setScriptExecutionDisabled", {"value": False})


def test_static_page_is_taken_over_by_the_app(app):
    """The app takes a guide's page over: same text, its own address, the pre-render gone."""
    _get(app, f"guides/{GUIDE}.html#diagnose")
    state = app.wait_for(
        "if (document.getElementById('prerendered')) return null;"
        "const a = document.querySelector('#app article.doc[data-slug=\"' + arguments[0] + '\"]');"
        "const h = document.getElementById('diagnose');"
        "if (!a || !h) return null;"
        "return {href: location.href, top: h.getBoundingClientRect().top,"
        " search: !!document.querySelector('#site-search[role=\"combobox\"]'),"
        " links: [...a.querySelectorAll('.doc-body a[href]')].map(l => l.getAttribute('href'))};",
        GUIDE,
        what="the app to take the page over",
    )
    want = f"/index.html#/guides/{GUIDE}/diagnose"
    assert state["href"].endswith(want), f"the address is {state['href']}, want …{want}"
    assert state["search"], "the app's search box is not there"
    static = [link for link in state["links"] if link.endswith(".html") or ".html#" in link]
    assert not static, f"links still point at static pages: {static[:5]}"
    app.wait_for(
        "const h = document.getElementById('diagnose'); const r = h.getBoundingClientRect();"
        "return r.top >= -2 && r.top < window.innerHeight;",
        what="the `diagnose` heading to be in view",
    )


def _wait_for_prefetch(app):
    """Waits until the page has fetched the bundle of bodies, the search index and the worker."""
    app.wait_for(
        "const names = performance.getEntriesByType('resource').map(e => e.name);"
        "return ['/docs-', '/search-', '-loader.js', 'kubetriage-worker-']"
        ".every(part => names.some(n => n.includes(part)));",
        timeout=20,
        what="the bodies, the search index and the worker to be fetched after start",
    )


def test_everything_works_offline_once_loaded(app):
    """After the first load, guides, search and the analyzer work with the network gone."""
    case = app.load_case("011-airflow-kpo-oomkilled")
    app.open("/")
    app.wait_css("main.home")
    _wait_for_prefetch(app)
    app.browser.cdp("Network.enable")
    offline = {"offline": True, "latency": 0, "downloadThroughput": -1, "uploadThroughput": -1}
    app.browser.cdp("Network.emulateNetworkConditions", offline)
    try:
        app.script("location.hash = '#/guides/failed-mount';")
        app.wait_css('article.doc[data-slug="failed-mount"] .doc-body h2')
        failed = app.script("return !!document.querySelector('.doc-failed');")
        assert not failed, "a guide body failed to load offline"

        # A word only the bodies have: the search must have its body index.
        app.script(
            "const s = document.getElementById('site-search'); s.focus();"
            "s.value = 'quitquitquit'; s.dispatchEvent(new Event('input', {bubbles: true}));"
        )
        # Only the bodies of the sidecar guide and cause entry use this word.
        app.wait_for(
            "return [...document.querySelectorAll('#site-search-results li.search-result')]"
            ".some(o => o.dataset.slug.startsWith('sidecar'));",
            what="a search result for a word of a guide's body, offline",
        )

        app.script("location.hash = '#/analyze';")
        app.paste(case.text)
        app.wait_css("#result li.finding", timeout=15)
        cause = app.first_cause(case.accepted, timeout=15)
        assert cause in case.accepted, f"offline the analyzer said `{cause}`"
    finally:
        online = {"offline": False, "latency": 0, "downloadThroughput": -1, "uploadThroughput": -1}
        app.browser.cdp("Network.emulateNetworkConditions", online)


def test_paste_survives_a_reload_and_clear_forgets_it(app):
    """The paste is kept in the tab: a reload brings it back, analysed; Clear forgets it."""
    case = app.load_case("005-secret-created-after-job")
    app.open("/analyze")
    app.paste(case.text)
    app.wait_css('#result li.finding')
    app.wait_css('.paste-box-kept[data-kept="true"]')
    app.script("location.reload();")
    app.wait_css("#result li.finding", timeout=15)
    back = app.script(
        "return {text: document.getElementById('paste').value,"
        " cause: document.querySelector('#result li.finding').dataset.cause};"
    )
    assert back["text"] == case.text.replace("\r\n", "\n"), "the paste did not come back"
    assert back["cause"] in case.accepted, f"after the reload the cause is `{back['cause']}`"
    app.click("button.paste-box-clear")
    app.wait_for("return !document.querySelector('.paste-box-kept');", what="the note to go")
    app.script("location.reload();")
    app.wait_css("textarea#paste")
    app.wait_css("#result .result-hint, #result.result-empty")
    left = app.script("return document.getElementById('paste').value;")
    assert left == "", f"Clear did not forget the paste: {left[:60]!r}"


def test_undo_brings_back_a_paste_an_example_or_clear_replaced(app):
    """An example or Clear replaces the paste, and Undo brings the user's own paste back."""
    case = app.load_case("005-secret-created-after-job")
    app.open("/analyze")
    app.paste(case.text)
    app.wait_css("#result li.finding")
    own = case.text.replace("\r\n", "\n")
    value = "return document.getElementById('paste').value;"
    assert not app.script("return !!document.querySelector('button.paste-box-undo');"), (
        "Undo is offered before anything was replaced"
    )
    for replace in ("div.examples button.example", "button.paste-box-clear"):
        app.click(replace)
        app.wait_for(
            "return document.getElementById('paste').value !== arguments[0];",
            own,
            what=f"{replace} to replace the paste",
        )
        app.click("button.paste-box-undo")
        app.wait_for(
            "return document.getElementById('paste').value === arguments[0];",
            own,
            what=f"Undo to bring the paste back after {replace}",
        )
        gone = app.script("return !document.querySelector('button.paste-box-undo');")
        assert gone, f"Undo is still offered after it brought the paste back ({replace})"
    assert app.script(value) == own


DROP = """
const [parts, name] = arguments;
const data = new DataTransfer();
for (const [text, bytes, repeat] of parts) {
  const body = bytes ? Array(repeat).fill(new Uint8Array(bytes)) : [text.repeat(repeat)];
  data.items.add(new File(body, name, {type: 'text/plain'}));
}
const ta = document.getElementById('paste');
ta.dispatchEvent(new DragEvent('drop', {dataTransfer: data, bubbles: true, cancelable: true}));
"""


def test_dropped_files_are_read_and_added(app):
    """A 20 MB log and a binary file dropped on the box are analysed; a huge one is refused."""
    case = app.load_case("011-airflow-kpo-oomkilled")
    app.open("/analyze")
    app.wait_css("textarea#paste")
    log = "2024-05-28T20:13:24Z INFO worker processed a batch of rows\n"
    # Not starting with FF FE: a browser reads a file with that mark as UTF-16.
    binary = [0x00, 0x9C, 0xC3, 0x28, 0x0A, 0xFF, 0xFE]
    parts = [[case.text, None, 1], ["", binary, 64], [log, None, (20 << 20) // len(log)]]
    app.script(DROP, parts, "dropped.log")
    app.wait_css(".paste-box-held", timeout=20)
    app.wait_css("#result li.finding", timeout=60)
    got = app.script(READ)
    assert got["cause"] in case.accepted, f"the dropped files gave `{got['cause']}`"
    assert any("binary" in n for n in got["notices"]), f"no notice of binary data: {got}"
    app.script(DROP, [["x", None, 65 << 20]], "huge.log")
    app.wait_css(".paste-box-refused")
    refused = app.script("return document.querySelector('.paste-box-refused').textContent;")
    assert "huge.log" in refused and "64 MB" in refused, refused
    still = app.script(READ)
    assert still["cause"] == got["cause"], "the refused file changed the paste"


READ = """
const f = document.querySelector('#result li.finding');
return {cause: f ? f.dataset.cause : null,
        notices: [...document.querySelectorAll('#result .notice')].map(n => n.textContent)};
"""


TESTS = [
    test_static_guide_page_reads_without_javascript,
    test_static_page_is_taken_over_by_the_app,
    test_everything_works_offline_once_loaded,
    test_paste_survives_a_reload_and_clear_forgets_it,
    test_undo_brings_back_a_paste_an_example_or_clear_replaced,
    test_dropped_files_are_read_and_added,
]
