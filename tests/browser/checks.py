"""The browser tests: each is a function of an `App` that raises AssertionError on failure.

They rely only on the DOM contract the UI builds to: the hash routes, class names and `data-`
attributes it promises. Waits poll with a bounded timeout; nothing sleeps to assert.
"""

import json
import os
import re

from cases import BROWSER_CASES, Case
from webdriver import WebDriverError

GUIDE = "backoff-limit-exceeded"
GUIDE_SECTIONS = ["The exact error", "Why it is a symptom", "Resolve", "FAQ"]
CAUSE = "oom-killed"
HOSTILE = '<img src=x onerror="window.__xss=1"><script>window.__xss=2</script>'

# A placeholder the knowledge base forgot to fill in: `{job}`, `{{ namespace }}`, `{pod-name}`.
# JSONPath such as `{.status.failed}` or `{range .items[*]}` starts differently and is allowed.
# The native tests' fixtures, pasted here as a user would.
FIXTURES = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "fixtures")

PLACEHOLDER = re.compile(r"\{\{?\s*[A-Za-z_][A-Za-z0-9_-]*\s*\}\}?")
ANSI = re.compile(r"\x1b\[[0-9;?]*[ -/]*[@-~]")


class App:
    """The app under test: a browser, the server of `dist/`, and what the pages loaded."""

    def __init__(self, browser, server, cases):
        self.browser = browser
        self.server = server
        self.cases = cases
        self.resources = []
        self.requests = []
        self.console = []
        self.notes = []
        # The first tab shows Chromium's own start page; its requests are not the app's.
        self.browser.get("about:blank")
        self.browser.logs("performance")
        self.browser.logs("browser")

    def open(self, route):
        """Loads the app afresh at hash `route` (e.g. `/analyze`) and waits for the load event."""
        self.collect()
        self.browser.get("about:blank")
        self.browser.get(f"{self.server.origin}/#{route}")

    def collect(self):
        """Keeps the current page's resource entries and drains the browser's logs."""
        found = self.browser.script(
            "if (location.origin !== arguments[0]) return [];"
            "return performance.getEntriesByType('navigation')"
            ".concat(performance.getEntriesByType('resource')).map(e => e.name);",
            self.server.origin,
        )
        self.resources.extend(found or [])
        for entry in self.browser.logs("performance"):
            try:
                message = json.loads(entry.get("message", "{}")).get("message", {})
            except ValueError:
                continue
            if message.get("method") == "Network.requestWillBeSent":
                url = message.get("params", {}).get("request", {}).get("url", "")
                self.requests.append(url)
        self.drain_console()

    def drain_console(self):
        """Keeps the console's errors since the last call and returns them."""
        found = [
            e.get("message", "") for e in self.browser.logs("browser") if e.get("level") == "SEVERE"
        ]
        self.console.extend(found)
        return found

    def script(self, source, *args):
        """Runs a function body in the page."""
        return self.browser.script(source, *args)

    def wait_css(self, css, timeout=10.0):
        """Waits for `css` to match; fails naming the panic message if the app panicked."""
        try:
            return self.browser.wait_css(css, timeout)
        except AssertionError as err:
            raise AssertionError(f"{err}{self.panic_suffix()}") from None

    def wait_for(self, source, *args, timeout=10.0, what="condition"):
        """Polls a function body until it returns something truthy."""
        try:
            return self.browser.wait_for(source, *args, timeout=timeout, what=what)
        except AssertionError as err:
            raise AssertionError(f"{err}{self.panic_suffix()}") from None

    def panic_suffix(self):
        """`; the app panicked: ...` when `#panic` is shown, else empty."""
        try:
            text = self.script(
                "const p = document.getElementById('panic'); return p && p.textContent;"
            )
        except WebDriverError as err:
            return f"; the page cannot be read: {err}"
        return f"; the app panicked: {' '.join(text.split())}" if text else ""

    def paste(self, text):
        """Sets the textarea as a paste would and fires `input`."""
        self.wait_css("textarea#paste")
        self.script(
            "const ta = document.getElementById('paste');"
            "ta.value = arguments[0];"
            "ta.dispatchEvent(new Event('input', {bubbles: true}));",
            text,
        )

    def click(self, css):
        """Clicks the first match of `css` after scrolling it to the middle of the window at
        once: the page scrolls smoothly, and a WebDriver click does not wait for that."""
        found = self.script(
            "const e = document.querySelector(arguments[0]); if (!e) return false;"
            "e.scrollIntoView({block: 'center', behavior: 'instant'}); return true;",
            css,
        )
        assert found, f"nothing matches `{css}` to click"
        self.browser.click(self.browser.elements(css)[0])

    def load_case(self, name):
        """A case from the shared folder; fails (never skips) when the folder is missing."""
        folder = os.path.join(self.cases, name)
        if not os.path.isdir(self.cases):
            raise AssertionError(f"the shared cases folder `{self.cases}` is missing")
        if not os.path.isdir(folder):
            raise AssertionError(f"case `{name}` is missing from `{self.cases}`")
        return Case(folder)


# The page's doc article as data: kind, slug, title, sections and code blocks.
READ_DOC = """
const a = document.querySelector('article.doc');
if (!a) return null;
const h2 = [...a.querySelectorAll('h2')].map(h => ({
  id: h.id, text: h.textContent.replace(/\\s+/g, ' ').trim(),
  below: h.getBoundingClientRect().top > window.innerHeight,
}));
const h1 = a.querySelector('h1');
return {
  slug: a.dataset.slug, kind: a.dataset.kind, h1: h1 ? h1.textContent.trim() : '',
  h2: h2, copy: a.querySelectorAll('div.code > button.copy-button').length,
  code: a.querySelectorAll('div.code pre code').length,
  analyzer: document.querySelectorAll('a.open-analyzer[href="#/analyze"]').length,
};
"""


def read_doc(app, slug):
    """Waits for the article `slug` with its sections and returns it as READ_DOC describes."""
    app.wait_css(f'article.doc[data-slug="{slug}"] h2')
    return app.script(READ_DOC)


def _section_title(text):
    return re.sub(r"^[^A-Za-z0-9]+", "", text).lower()


def test_guide_renders_at_root(app):
    """`#/` shows the backoff-limit guide with its sections, a copy button and heading anchors."""
    app.open("/")
    doc = read_doc(app, GUIDE)
    assert doc["kind"] == "guide", f"data-kind is {doc['kind']!r}, want 'guide'"
    assert doc["h1"], "the guide has no <h1> text"
    titles = [_section_title(h["text"]) for h in doc["h2"]]
    for want in GUIDE_SECTIONS:
        if not any(t.startswith(want.lower()) for t in titles):
            raise AssertionError(f"no h2 `{want}`; the h2s are {[h['text'] for h in doc['h2']]}")
    missing = [h["text"] for h in doc["h2"] if not h["id"]]
    assert not missing, f"h2 without id: {missing}"
    assert doc["code"] > 0, "the guide has no `div.code pre code` block"
    assert doc["copy"] > 0, "no code block has a `button.copy-button`"
    assert doc["analyzer"] > 0, 'no `a.open-analyzer[href="#/analyze"]` on the guide'
    header = app.script(
        "const h = document.querySelector('header.site-header'); if (!h) return null;"
        "return [...h.querySelectorAll('a')].map(a => a.getAttribute('href'));"
    )
    assert header is not None, "no `header.site-header`"
    for href in ("#/", "#/analyze"):
        assert href in header, f"the site header has no link to `{href}` (links: {header})"

    below = [h for h in doc["h2"] if h["below"]]
    target = below[-1] if below else doc["h2"][-1]
    if not below:
        app.notes.append("the guide fits the window, so the anchor test cannot prove a scroll")
    app.open(f"/guides/{GUIDE}/{target['id']}")
    read_doc(app, GUIDE)
    app.wait_for(
        "const h = document.getElementById(arguments[0]); if (!h) return false;"
        "const r = h.getBoundingClientRect();"
        "return r.top >= -2 && r.top < window.innerHeight && r.bottom > 0;",
        target["id"],
        what=f"heading `#{target['id']}` to be scrolled into view",
    )


def test_guide_and_cause_routes(app):
    """`#/guides/<slug>` shows the same guide as `#/`; `#/causes/<id>` shows a cause entry."""
    app.open("/")
    home = read_doc(app, GUIDE)
    app.open(f"/guides/{GUIDE}")
    guide = read_doc(app, GUIDE)
    assert guide["h1"] == home["h1"], f"title {guide['h1']!r} differs from `#/`'s {home['h1']!r}"
    ids = [h["id"] for h in guide["h2"]]
    assert ids == [h["id"] for h in home["h2"]], "the sections differ from `#/`'s"

    app.open(f"/causes/{CAUSE}")
    app.wait_css(f'article.doc[data-slug="{CAUSE}"] h1')
    cause = app.script(READ_DOC)
    assert cause["kind"] == "cause", f"data-kind is {cause['kind']!r}, want 'cause'"
    assert cause["h1"], "the cause entry has no <h1> text"

    app.open("/no/such/page")
    app.wait_css('main.not-found a[href="#/"]')


def _analyzer_case(name):
    def test(app):
        case = app.load_case(name)
        app.open("/analyze")
        app.paste(case.text)
        app.wait_css("#result li.finding")
        app.wait_css("ol.paste-view li[data-line]")
        got = app.script(READ_RESULT)
        check_result(case, got)

    test.__name__ = f"test_analyzer_case[{name}]"
    test.__doc__ = f"the analyzer names the right cause for `{name}` and marks its evidence"
    return test


READ_RESULT = """
const findings = [...document.querySelectorAll('#result li.finding')].map(f => ({
  cause: f.dataset.cause,
  evidence: [...f.querySelectorAll('ul.evidence li[data-line]')].map(li => {
    const c = li.querySelector('code');
    return {line: li.dataset.line, code: c ? c.textContent : null};
  }),
}));
const marked = [...document.querySelectorAll('ol.paste-view li[data-line].evidence-line')]
  .map(li => li.dataset.line);
const commands = [...document.querySelectorAll('#result .step-command')].map(c => c.textContent);
return {findings: findings, marked: marked, commands: commands};
"""


def check_result(case, got):
    """Checks the analyzer's rendering of `case` as READ_RESULT reads it."""
    first = got["findings"][0]
    assert first["cause"] in case.accepted, (
        f"first finding is `{first['cause']}`, want one of {case.accepted}"
        f" (all: {[f['cause'] for f in got['findings']]})"
    )
    shown = []
    for ev in first["evidence"]:
        line = case.line(int(ev["line"])) if str(ev["line"]).isdigit() else None
        code = (ev["code"] or "").strip()
        if line is not None and code and code in ANSI.sub("", line):
            break
        shown.append(f"{ev['line']}: {code!r}")
    else:
        raise AssertionError(
            f"no evidence of `{first['cause']}` matches its input line; shown: {shown or 'none'}"
        )
    marked = set(got["marked"])
    for finding in got["findings"]:
        for ev in finding["evidence"]:
            if ev["line"] not in marked:
                raise AssertionError(
                    f"evidence line {ev['line']} of `{finding['cause']}` is not"
                    " `evidence-line` in the paste view"
                )
    assert got["commands"], "no `.step-command` in the result"
    for command in got["commands"]:
        hole = PLACEHOLDER.search(command)
        if hole:
            raise AssertionError(f"step command has placeholder `{hole.group(0)}`: {command!r}")


def test_example_button(app):
    """Clicking the busybox example fills the paste and gives a `migrate` step command."""
    app.open("/analyze")
    app.wait_css("div.examples button.example")
    buttons = app.script(
        "return [...document.querySelectorAll('div.examples button.example')]"
        ".map(b => [b.dataset.example || '', b.textContent.trim()]);"
    )
    mentions = re.compile("busybox|migrate", re.I)
    wanted = [i for i, pair in enumerate(buttons) if mentions.search(" ".join(pair))]
    if not wanted:
        app.notes.append(f"no busybox/migrate example among {buttons}; clicked the first")
    button = app.browser.elements("div.examples button.example")[wanted[0] if wanted else 0]
    app.browser.click(button)
    app.wait_css("#result li.finding")
    pasted = app.script("return document.getElementById('paste').value.length;")
    assert pasted, "the example did not fill the textarea"
    app.wait_for(
        "return [...document.querySelectorAll('#result .step-command')]"
        ".some(c => c.textContent.includes('migrate'));",
        what="a `.step-command` containing `migrate`",
    )


def test_hostile_paste_stays_text(app):
    """Markup in a paste is shown literally and never runs."""
    app.open("/analyze")
    app.paste(f"Events:\n  Warning  Failed  1m  kubelet  {HOSTILE}\n{HOSTILE}\n")
    app.wait_css("ol.paste-view li[data-line]")
    problems = []
    try:
        app.wait_for(
            "return [...document.querySelectorAll('ol.paste-view li[data-line]')]"
            ".some(li => li.textContent.includes(arguments[0]));",
            HOSTILE,
            what="the markup to appear literally in the paste view",
        )
    except AssertionError as err:
        problems.append(str(err))
    state = app.script(
        "return {xss: typeof window.__xss, img: document.querySelectorAll('img[src=\"x\"]').length,"
        " script: [...document.scripts].filter(s => s.textContent.includes('__xss')).length};"
    )
    if state["xss"] != "undefined":
        problems.append(f"window.__xss is set ({state['xss']})")
    if state["img"]:
        problems.append("the paste created an <img> element")
    if state["script"]:
        problems.append("the paste created a <script> element")
    assert not problems, "; ".join(problems)


def test_only_own_assets(app):
    """The pages asked only the test server, and only for files that exist in `dist/`."""
    app.collect()
    origin = app.server.origin
    problems = []
    if not app.server.seen():
        problems.append("the server saw no request at all")
    unknown = sorted(set(app.server.unknown_paths()))
    if unknown:
        problems.append(f"requests for paths not in dist/: {unknown}")
    foreign = sorted({r for r in app.resources if not r.startswith(origin + "/")})
    if foreign:
        problems.append(f"resource entries from another origin: {foreign}")
    if not app.requests:
        problems.append("the performance log recorded no request")
    allowed = (origin + "/", "data:", "blob:", "about:blank")
    elsewhere = sorted({u for u in app.requests if not u.startswith(allowed)})
    if elsewhere:
        problems.append(f"requests to another origin: {elsewhere}")
    assert not problems, "; ".join(problems)


def read_fixture(*parts):
    """The text of `tests/fixtures/<parts>`."""
    with open(os.path.join(FIXTURES, *parts), encoding="utf-8") as f:
        return f.read()


READ_TIMELINE = """
const s = document.querySelector('#result section.timeline');
if (!s) return null;
const svg = s.querySelector('svg.timeline-chart');
const box = svg ? svg.getBoundingClientRect() : null;
const xs = [...s.querySelectorAll('rect.timeline-bar')].map(r => Number(r.getAttribute('x')));
const deadline = s.querySelector('g.timeline-mark-deadline line');
return {
  summary: (s.querySelector('.timeline-summary') || {}).textContent || '',
  width: box ? box.width : 0, height: box ? box.height : 0,
  bars: xs,
  outcomes: [...s.querySelectorAll('rect.timeline-bar')].map(r => r.getAttribute('class')),
  gaps: [...s.querySelectorAll('g.timeline-gap text')].map(t => t.textContent),
  deadline: deadline ? Number(deadline.getAttribute('x1')) : null,
  items: [...s.querySelectorAll('ol.timeline-attempts li')].map(li => li.textContent),
  labels: [...s.querySelectorAll('text.timeline-label')].map(t => t.textContent),
  markup: svg ? svg.querySelectorAll('b, i, img, script').length : -1,
};
"""


def test_timeline_chart(app):
    """The attempts are drawn as bars in time order, with the back-off gaps and the deadline."""
    app.open("/analyze")
    app.paste(read_fixture("timeline", "pods-yaml.txt"))
    app.wait_css("#result section.timeline svg.timeline-chart rect.timeline-bar")
    got = app.script(READ_TIMELINE)
    assert got is not None, "no `section.timeline` in the result"
    assert got["width"] > 100 and got["height"] > 40, f"the chart is not drawn: {got}"
    assert len(got["bars"]) == 3, f"want 3 bars, got {got['bars']}"
    assert got["bars"] == sorted(got["bars"]), f"bars are not in time order: {got['bars']}"
    classes = " ".join(got["outcomes"])
    for outcome in ("timeline-bar-failed", "timeline-bar-succeeded"):
        assert outcome in classes, f"no `{outcome}` bar: {got['outcomes']}"
    assert got["gaps"] == ["13s", "23s"], f"back-off gaps are {got['gaps']}, want 13s and 23s"
    assert got["deadline"] is not None, "no `g.timeline-mark-deadline` line"
    assert got["deadline"] >= max(got["bars"]), "the deadline is drawn before the last attempt"
    assert len(got["items"]) == 3 and "sync-orders-h2xkq" in got["items"][0], got["items"]
    assert "completed after 2 failed attempts" in got["summary"], got["summary"]


def test_timeline_names_stay_text(app):
    """Pod names from the paste are drawn as text, never as markup."""
    app.open("/analyze")
    app.paste(
        "NAME              READY   STATUS   RESTARTS   AGE\n"
        "<b>x-ab12c    0/1     Error    0          5m\n"
        "<b>x-cd34e    0/1     Error    0          4m\n"
    )
    app.wait_css("#result section.timeline text.timeline-label")
    got = app.script(READ_TIMELINE)
    assert got["markup"] == 0, "pod names became elements in the chart"
    assert any("<b>x-ab12c" in label for label in got["labels"]), got["labels"]


READ_LINT = """
const items = [...document.querySelectorAll('#result section.lint li.lint-item')];
return {
  items: items.map(li => ({id: li.dataset.id, line: li.dataset.line, field: li.dataset.field,
    message: (li.querySelector('.lint-message') || {}).textContent || ''})),
  findings: [...document.querySelectorAll('#result li.finding')].map(f => f.dataset.cause),
  after: (() => {
    const lint = document.querySelector('#result section.lint');
    const last = [...document.querySelectorAll('#result li.finding')].pop();
    return !!(lint && last && (last.compareDocumentPosition(lint) & Node.DOCUMENT_POSITION_FOLLOWING));
  })(),
};
"""


def test_lint_list(app):
    """Manifest lint lists each problem with its line and field, after the findings."""
    app.open("/analyze")
    app.paste(read_fixture("lint", "job-misplaced.txt"))
    app.wait_css("#result section.lint li.lint-item")
    got = app.script(READ_LINT)
    found = {(i["id"], i["line"], i["field"]) for i in got["items"]}
    for want in [
        ("ttl-zero", "7", "spec.ttlSecondsAfterFinished"),
        ("job-field-misplaced", "9", "spec.template.backoffLimit"),
        ("restart-always", "13", "spec.template.spec.restartPolicy"),
    ]:
        assert want in found, f"no lint item {want}; the items are {sorted(found)}"
    assert all(i["message"] for i in got["items"]), "a lint item has no message"
    lint_ids = {i["id"] for i in got["items"]}
    assert not lint_ids & set(got["findings"]), "a lint item became a finding"
    assert got["after"], "the lint list is not after the findings"
    app.click('#result li.lint-item[data-id="ttl-zero"] button.lint-line')
    app.wait_for(
        "const li = document.querySelector('ol.paste-view li[data-line=\"7\"]');"
        "return li && li.classList.contains('paste-view-flash');",
        what="paste line 7 to flash after clicking its lint item",
    )


def test_generated_fix_copy(app):
    """The OOM fix is shown as YAML with the user's container name, and its copy button works."""
    app.open("/analyze")
    app.paste(read_fixture("timeline", "onfailure-restarts.txt"))
    app.wait_css("#result li.finding-top div.finding-fix code.fix-yaml")
    yaml = app.script(
        "return document.querySelector('#result li.finding-top div.finding-fix code.fix-yaml')"
        ".textContent;"
    )
    for want in ("- name: report", "memory: 1Gi", "# was 512Mi"):
        assert want in yaml, f"the generated fix has no `{want}`: {yaml!r}"
    hole = PLACEHOLDER.search(yaml)
    assert not hole, f"the generated fix has a placeholder `{hole.group(0)}`"
    app.click("#result li.finding-top div.finding-fix button.copy-button")
    label = app.wait_for(
        "const b = document.querySelector('#result li.finding-top div.finding-fix "
        "button.copy-button'); const t = b && b.textContent.trim();"
        "return t === 'Copied' || t === 'Copy failed' ? t : null;",
        what="the copy button to report what it did",
    )
    if label == "Copy failed":
        selected = app.script("return String(window.getSelection());")
        assert "memory: 1Gi" in selected, "copy failed and the YAML was not selected instead"
        app.notes.append("the browser refused the clipboard; the YAML was selected instead")


TESTS = (
    [test_guide_renders_at_root, test_guide_and_cause_routes]
    + [_analyzer_case(name) for name in BROWSER_CASES]
    + [test_example_button, test_hostile_paste_stays_text]
    + [test_timeline_chart, test_timeline_names_stay_text, test_lint_list, test_generated_fix_copy]
    + [test_only_own_assets]
)
