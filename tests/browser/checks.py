"""The browser tests: each is a function of an `App` that raises AssertionError on failure.

They rely only on the DOM contract the UI builds to: the hash routes, class names and `data-`
attributes it promises. Waits poll with a bounded timeout; nothing sleeps to assert.
"""

import contextlib
import json
import os
import re

import checks_site
from cases import BROWSER_CASES, Case
from embed_check import test_embed_script_frames_the_app_and_trusts_only_it
from webdriver import KEY_DOWN, KEY_ENTER, KEY_ESCAPE, KEY_TAB, KEY_UP, WebDriverError

TESTS_DIR = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
CONTENT = os.path.join(os.path.dirname(TESTS_DIR), "content")
RANKING = os.path.join(TESTS_DIR, "search_ranking.txt")

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

    def __init__(self, browser, server, cases, one_file=None):
        self.browser = browser
        self.server = server
        self.cases = cases
        # The one-file build's page, for checks_one_file.
        self.one_file = one_file
        self.resources = []
        self.requests = []
        self.console = []
        self.notes = []
        # The first tab shows Chromium's own start page; its requests are not the app's.
        self.browser.get("about:blank")
        self.browser.logs("performance")
        self.browser.logs("browser")

    @contextlib.contextmanager
    def phone(self, width, height=740):
        """Emulates a phone screen `width` px wide while the block runs."""
        self.browser.cdp(
            "Emulation.setDeviceMetricsOverride",
            {"width": width, "height": height, "deviceScaleFactor": 1, "mobile": True},
        )
        try:
            yield
        finally:
            self.browser.cdp("Emulation.clearDeviceMetricsOverride")

    def open(self, route):
        """Loads the app afresh at hash `route` (e.g. `/analyze`) and waits until the app has
        taken over the page the build pre-rendered (src/ui/takeover.rs)."""
        self.collect()
        self.browser.get("about:blank")
        self.browser.get(f"{self.server.origin}/#{route}")
        self.wait_for(
            "const app = document.getElementById('app');"
            "return !document.getElementById('prerendered') && !!app && app.childElementCount > 0;",
            what="the app to take the page over",
        )

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

    def first_cause(self, accepted, timeout=20.0):
        """The first finding's cause once it is one of `accepted`, or when `timeout` has passed:
        a result still on screen for the paste the tab kept (`sessionStorage`) gives way to the
        new paste's, which the worker answers a moment later."""
        read = "const f = document.querySelector('#result li.finding'); return f && f.dataset.cause;"
        try:
            self.wait_for(
                "const f = document.querySelector('#result li.finding');"
                " return !!f && arguments[0].includes(f.dataset.cause);",
                list(accepted),
                timeout=timeout,
                what=f"a finding of {sorted(accepted)}",
            )
        except AssertionError:
            pass
        return self.script(read)

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
    """Waits for the app's article `slug` with its sections (not the pre-rendered one it takes
    over) and returns it as READ_DOC describes."""
    app.wait_css(f'#app article.doc[data-slug="{slug}"] h2')
    return app.script(READ_DOC)


def _section_title(text):
    return re.sub(r"^[^A-Za-z0-9]+", "", text).lower()


def test_guide_renders(app):
    """A guide shows its sections, a copy button, heading anchors and the analyzer button."""
    app.open(f"/guides/{GUIDE}")
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
    page = app.script(
        "const h = document.querySelector('header.site-header');"
        "const a = document.querySelector('article.doc .doc-applies');"
        "const c = document.querySelector('.doc-related [data-list=\"causes\"] a[href^=\"#/causes/\"]');"
        "return {header: h && [...h.querySelectorAll('a')].map(a => a.getAttribute('href')),"
        " applies: a && a.textContent, cause: !!c};"
    )
    assert page["header"] is not None, "no `header.site-header`"
    for href in ("#/", "#/analyze"):
        assert href in page["header"], f"the site header has no link to `{href}` ({page['header']})"
    assert page["applies"] and "Applies to" in page["applies"], "no `.doc-applies` near the top"
    assert page["cause"], "the guide lists none of the causes it discusses"


def test_heading_anchor_url_scrolls_to_its_heading(app):
    """`#/guides/<slug>/<heading-id>` opens the guide scrolled to that heading."""
    app.open(f"/guides/{GUIDE}")
    doc = read_doc(app, GUIDE)
    below = [h for h in doc["h2"] if h["below"]]
    target = below[-1] if below else doc["h2"][-1]
    if not below:
        app.notes.append("the guide fits the window, so the anchor test cannot prove a scroll")
    anchor = app.script(
        "const a = document.querySelector(`#${arguments[0]} a.anchor`); return a && a.getAttribute('href');",
        target["id"],
    )
    assert anchor == f"#/guides/{GUIDE}/{target['id']}", f"the heading's anchor is {anchor!r}"
    app.open(f"/guides/{GUIDE}/{target['id']}")
    read_doc(app, GUIDE)
    app.wait_for(
        "const h = document.getElementById(arguments[0]); if (!h) return false;"
        "const r = h.getBoundingClientRect();"
        "return r.top >= -2 && r.top < window.innerHeight && r.bottom > 0;",
        target["id"],
        what=f"heading `#{target['id']}` to be scrolled into view",
    )


def _content_names(kind):
    """The slugs or ids of the documents in `content/<kind>/`."""
    folder = os.path.join(CONTENT, kind)
    return sorted(name[:-3] for name in os.listdir(folder) if name.endswith(".md"))


READ_HOME = """
const main = document.querySelector('main.home');
if (!main) return null;
return {
  groups: [...main.querySelectorAll('section.home-group')].map(s => ({
    group: s.dataset.group,
    title: (s.querySelector('h2') || {}).textContent || '',
    guides: [...s.querySelectorAll('article.guide-card')].map(c => ({
      slug: c.dataset.slug,
      href: (c.querySelector('h3 a') || {getAttribute: () => null}).getAttribute('href'),
      title: (c.querySelector('h3') || {}).textContent || '',
      summary: (c.querySelector('.guide-card-summary') || {}).textContent || '',
      seen: [...c.querySelectorAll('.guide-card-seen-item')].map(i => [
        (i.querySelector('.guide-card-where') || {}).textContent || '',
        (i.querySelector('code') || {}).textContent || '']),
      tags: [...c.querySelectorAll('.tag')].map(t => t.textContent),
    })),
  })),
  causes: [...main.querySelectorAll('.home-cause a')].map(a => a.getAttribute('href')),
  search: !!main.querySelector('input#home-search[type="search"]'),
};
"""


def test_home_lists_guides_and_causes(app):
    """`#/` lists every guide under its group with what the user sees, and every cause."""
    app.open("/")
    app.wait_css("main.home article.guide-card")
    home = app.script(READ_HOME)
    guides = [g for group in home["groups"] for g in group["guides"]]
    slugs = sorted(g["slug"] for g in guides)
    assert slugs == _content_names("guides"), f"the home page lists {slugs}"
    for group in home["groups"]:
        assert group["group"] and group["title"].strip(), f"a group without id or title: {group}"
        assert group["guides"], f"group `{group['group']}` is shown but empty"
    for guide in guides:
        assert guide["href"] == f"#/guides/{guide['slug']}", f"{guide['slug']}: link {guide['href']}"
        assert guide["title"].strip() and guide["summary"].strip(), f"{guide['slug']}: no title/summary"
        assert guide["seen"], f"{guide['slug']}: no seen_as strings"
        for where, text in guide["seen"]:
            assert where.strip() and text.strip(), f"{guide['slug']}: seen_as item {where!r} {text!r}"
    causes = sorted(href.removeprefix("#/causes/") for href in home["causes"])
    assert causes == _content_names("causes"), f"the home page lists the causes {causes}"
    assert home["search"], "no search box `input#home-search` on the home page"

    app.click(f'article.guide-card[data-slug="{GUIDE}"] h3 a')
    read_doc(app, GUIDE)
    app.open("/")
    app.click(f'.home-cause a[href="#/causes/{CAUSE}"]')
    app.wait_css(f'article.doc[data-slug="{CAUSE}"] h1')


def test_routes(app):
    """Guide, cause and heading URLs keep working; a bad hash shows the not-found page."""
    app.open(f"/guides/{GUIDE}")
    guide = read_doc(app, GUIDE)
    app.open(f"/guides/{GUIDE}/")
    again = read_doc(app, GUIDE)
    assert again["h1"] == guide["h1"], "`#/guides/<slug>/` differs from `#/guides/<slug>`"

    app.open(f"/causes/{CAUSE}")
    app.wait_css(f'article.doc[data-slug="{CAUSE}"] h1')
    cause = app.script(READ_DOC)
    assert cause["kind"] == "cause", f"data-kind is {cause['kind']!r}, want 'cause'"
    assert cause["h1"], "the cause entry has no <h1> text"
    app.open(f"/causes/{CAUSE}/how-to-fix")
    app.wait_css(f'article.doc[data-slug="{CAUSE}"] h2#how-to-fix')

    app.open("/no/such/page")
    app.wait_css('main.not-found a[href="#/"]')


def ranking_rows():
    """`{query: route}` from the native tests' ranking table, so both agree on the answers."""
    rows = {}
    with open(RANKING, encoding="utf-8") as table:
        for line in table:
            line = line.rstrip("\n")
            if not line.strip() or line.startswith("#"):
                continue
            query, _, route = line.rpartition(" => ")
            rows[query.strip()] = route.strip()
    return rows


def expected_first(query):
    """The route the ranking table expects first for `query`; fails if the table lacks it."""
    rows = ranking_rows()
    if query not in rows:
        raise AssertionError(f"tests/search_ranking.txt has no row for {query!r}")
    return rows[query]


READ_SEARCH = """
const input = document.getElementById(arguments[0]);
if (!input) return null;
const list = document.getElementById(input.getAttribute('aria-controls'));
const options = list ? [...list.querySelectorAll('li.search-result')] : [];
return {
  value: input.value, expanded: input.getAttribute('aria-expanded'),
  active: input.getAttribute('aria-activedescendant'), focused: document.activeElement === input,
  options: options.map(o => ({id: o.id, href: o.dataset.href, selected: o.getAttribute('aria-selected')})),
};
"""


def read_search(app, field):
    return app.script(READ_SEARCH, field)


def wait_first_result(app, field, route):
    """Waits until the first result of search field `field` links to `route`."""
    try:
        app.wait_for(
            "const s = document.getElementById(arguments[0]);"
            "const l = s && document.getElementById(s.getAttribute('aria-controls'));"
            "const o = l && l.querySelector('li.search-result');"
            "return o && o.dataset.href === arguments[1];",
            field,
            route,
            what=f"the first result of `#{field}` to be {route}",
        )
    except AssertionError as err:
        shown = [o["href"] for o in (read_search(app, field) or {}).get("options", [])]
        raise AssertionError(f"{err}; the results are {shown}") from None


def wait_route(app, route):
    app.wait_for(
        "return location.hash === arguments[0] || location.hash.startsWith(arguments[0] + '/');",
        route,
        what=f"the page to go to {route}",
    )


def test_search_typing_shows_the_right_first_result_and_enter_opens_it(app):
    """Typed queries list the ranking table's answer first; Enter opens it."""
    for query in ("OOMKilled", "exec format error"):
        want = expected_first(query)
        app.open(f"/guides/{GUIDE}")
        app.wait_css("input#site-search")
        field = app.browser.elements("input#site-search")[0]
        app.browser.type_into(field, query)
        wait_first_result(app, "site-search", want)
        state = read_search(app, "site-search")
        assert state["expanded"] == "true", f"aria-expanded is {state['expanded']!r} with results"
        app.browser.press(KEY_ENTER)
        wait_route(app, want)
        slug = want.rsplit("/", 1)[-1]
        app.wait_css(f'article.doc[data-slug="{slug}"] h1')


PASTE = """
const input = document.getElementById(arguments[0]);
input.focus();
const data = new DataTransfer();
data.setData('text/plain', arguments[1]);
input.dispatchEvent(new ClipboardEvent('paste', {clipboardData: data, bubbles: true, cancelable: true}));
return input.value;
"""


def test_search_paste_shows_the_right_first_result(app):
    """Pasted messages, names changed and lines broken, list the right document first."""
    app.open("/")
    app.wait_css("input#home-search")
    pastes = [
        (
            "Events:\n  Warning  BackoffLimitExceeded  91s  job-controller  "
            "Job has reached the specified backoff limit\n",
            expected_first("Job has reached the specified backoff limit"),
        ),
        ('secret "db-creds" not found', expected_first('secret "db-creds" not found')),
    ]
    for text, want in pastes:
        app.script("const i = document.getElementById('home-search'); i.value = '';"
                   "i.dispatchEvent(new Event('input', {bubbles: true}));")
        value = app.script(PASTE, "home-search", text)
        assert "\n" not in value, f"the pasted line breaks stayed in the field: {value!r}"
        assert value.strip() == " ".join(line for line in text.splitlines() if line).strip(), (
            f"the field holds {value!r}"
        )
        wait_first_result(app, "home-search", want)
    app.browser.press(KEY_ENTER)
    wait_route(app, pastes[-1][1])


def test_search_paste_stays_text(app):
    """Markup pasted into the search box is never made into elements."""
    app.open("/")
    app.wait_css("input#home-search")
    app.script(PASTE, "home-search", HOSTILE + " OOMKilled")
    app.wait_css("#home-search-results li.search-result")
    state = app.script(
        "return {xss: typeof window.__xss, img: document.querySelectorAll('img[src=\"x\"]').length,"
        " script: [...document.scripts].filter(s => s.textContent.includes('__xss')).length};"
    )
    assert state == {"xss": "undefined", "img": 0, "script": 0}, f"pasted markup ran: {state}"


def test_search_keyboard(app):
    """`/` focuses the search, arrows move, Escape closes then clears, Enter opens the active."""
    app.open(f"/guides/{GUIDE}")
    read_doc(app, GUIDE)
    app.browser.press("/")
    app.wait_for(
        "return document.activeElement && document.activeElement.id === 'site-search';",
        what="`/` to focus `#site-search`",
    )
    app.browser.press(*"exit code")
    app.wait_for(
        "return document.querySelectorAll('#site-search-results li.search-result').length >= 3;",
        what="three results for `exit code`",
    )
    state = read_search(app, "site-search")
    assert state["value"] == "exit code", f"`/` went into the field: {state['value']!r}"
    assert state["active"] is None, "a result is active before any arrow key"
    ids = [o["id"] for o in state["options"]]

    def selected():
        state = read_search(app, "site-search")
        chosen = [o["id"] for o in state["options"] if o["selected"] == "true"]
        return state["active"], chosen

    app.browser.press(KEY_DOWN)
    assert selected() == (ids[0], [ids[0]]), f"after ArrowDown: {selected()}"
    app.browser.press(KEY_DOWN, KEY_DOWN)
    assert selected() == (ids[2], [ids[2]]), f"after 3 ArrowDown: {selected()}"
    app.browser.press(KEY_UP)
    assert selected() == (ids[1], [ids[1]]), f"after ArrowUp: {selected()}"

    app.browser.press(KEY_ESCAPE)
    state = read_search(app, "site-search")
    assert state["expanded"] == "false" and not state["options"], "Escape left the list open"
    assert state["value"] == "exit code", "the first Escape cleared the field"
    app.browser.press(KEY_ESCAPE)
    assert read_search(app, "site-search")["value"] == "", "the second Escape kept the text"

    app.browser.press(*"exit code", KEY_DOWN, KEY_DOWN)
    second = read_search(app, "site-search")["options"][1]["href"]
    app.browser.press(KEY_ENTER)
    wait_route(app, second)

    app.open("/")
    app.wait_css("input#home-search")
    app.browser.press("/")
    app.wait_for(
        "return document.activeElement && document.activeElement.id === 'home-search';",
        what="`/` to focus the home page's `#home-search`",
    )


def test_skip_link_and_focus_ring(app):
    """Tab first reaches the skip link, which moves focus to the page; focus is visible."""
    app.open("/")
    app.wait_css("main.home")
    app.browser.press(KEY_TAB)
    first = app.script(
        "const a = document.activeElement;"
        "const s = getComputedStyle(a);"
        "return {cls: a.className, outline: s.outlineStyle, width: s.outlineWidth,"
        " top: a.getBoundingClientRect().top};"
    )
    assert first["cls"] == "skip-link", f"Tab first focused {first['cls']!r}"
    assert first["top"] >= 0, "the focused skip link is off screen"
    assert first["outline"] != "none" and first["width"] != "0px", f"no focus ring: {first}"
    app.browser.press(KEY_ENTER)
    app.wait_for(
        "return document.activeElement && document.activeElement.id === 'main';",
        what="the skip link to focus `main#main`",
    )
    assert app.script("return location.hash;") in ("", "#/"), "the skip link changed the route"


BACKGROUND = """
const c = getComputedStyle(document.body).backgroundColor.match(/\d+(\.\d+)?/g).map(Number);
return {light: (0.2126 * c[0] + 0.7152 * c[1] + 0.0722 * c[2]) > 128,
        attr: document.documentElement.getAttribute('data-theme'),
        saved: localStorage.getItem('kubetriage.theme')};
"""


def _prefer(app, scheme):
    app.browser.cdp(
        "Emulation.setEmulatedMedia",
        {"media": "", "features": [{"name": "prefers-color-scheme", "value": scheme}]},
    )


def test_theme_follows_the_system_and_the_toggle_persists(app):
    """Without a choice the theme follows prefers-color-scheme; the toggle's choice survives a
    reload and overrides the system."""
    app.open("/")
    app.wait_css("button.theme-toggle")
    app.script("localStorage.removeItem('kubetriage.theme');")
    try:
        for scheme in ("dark", "light"):
            _prefer(app, scheme)
            app.open("/")
            app.wait_css("button.theme-toggle")
            theme = app.script(BACKGROUND)
            assert theme["light"] == (scheme == "light"), f"system {scheme}: {theme}"
            assert theme["attr"] is None, f"a theme is set without a choice: {theme}"
        # The system says light; the user picks dark.
        app.click("button.theme-toggle")
        theme = app.script(BACKGROUND)
        assert not theme["light"] and theme["attr"] == "dark", f"after the toggle: {theme}"
        assert theme["saved"] == "dark", f"the choice is not remembered: {theme}"
        app.open(f"/guides/{GUIDE}")
        app.wait_css("button.theme-toggle")
        theme = app.script(BACKGROUND)
        assert not theme["light"] and theme["attr"] == "dark", f"after a reload: {theme}"
        # And back, now against a dark system.
        _prefer(app, "dark")
        app.click("button.theme-toggle")
        app.open("/")
        app.wait_css("button.theme-toggle")
        theme = app.script(BACKGROUND)
        assert theme["light"] and theme["attr"] == "light", f"light over a dark system: {theme}"
    finally:
        app.script("localStorage.removeItem('kubetriage.theme');")
        _prefer(app, "")


OVERFLOW = """
const d = document.documentElement;
return {scroll: d.scrollWidth, width: window.innerWidth,
  wide: [...document.querySelectorAll('body *')].filter(e => e.getBoundingClientRect().right > window.innerWidth + 1
    && !e.closest('pre, table, .paste-view')).slice(0, 5).map(e => e.tagName + '.' + e.className)};
"""


def test_phone_width_has_no_horizontal_scroll(app):
    """At 360 px (and 320 px) no page scrolls sideways, and the table of contents is folded."""
    for width in (360, 320):
        with app.phone(width):
            for route, ready in (
                ("/", "main.home article.guide-card"),
                (f"/guides/{GUIDE}", f'article.doc[data-slug="{GUIDE}"] h2'),
                (f"/causes/{CAUSE}", f'article.doc[data-slug="{CAUSE}"] h2'),
                ("/analyze", "textarea#paste"),
            ):
                app.open(route)
                app.wait_css(ready)
                found = app.script(OVERFLOW)
                assert found["width"] == width, f"the emulated width is {found['width']}"
                assert found["scroll"] <= width and not found["wide"], f"{route} at {width} px: {found}"
    with app.phone(320):
        toc = "return getComputedStyle(document.querySelector('.toc-list')).display;"
        app.open(f"/guides/{GUIDE}")
        read_doc(app, GUIDE)
        assert app.script(toc) == "none", "the table of contents is not folded on a phone"
        app.click("button.toc-toggle")
        assert app.script(toc) != "none", "the table of contents does not unfold"


def test_print_hides_the_controls(app):
    """The print stylesheet drops the header, contents and buttons, wraps code, and prints on
    white even when the screen is dark."""
    app.open(f"/guides/{GUIDE}")
    read_doc(app, GUIDE)
    try:
        dark = [{"name": "prefers-color-scheme", "value": "dark"}]
        app.browser.cdp("Emulation.setEmulatedMedia", {"media": "print", "features": dark})
        shown = app.script(
            "const d = s => { const e = document.querySelector(s); return e && getComputedStyle(e).display; };"
            "return {header: d('header.site-header'), toc: d('nav.toc'), copy: d('.copy-button'),"
            " analyzer: d('a.open-analyzer'), skip: d('.skip-link'),"
            " pre: getComputedStyle(document.querySelector('.doc pre')).whiteSpace};"
        )
        pre = shown.pop("pre")
        hidden = {k: v for k, v in shown.items() if v != "none"}
        assert not hidden, f"printed anyway: {hidden}"
        assert pre == "pre-wrap", f"code blocks print with white-space {pre}"
        theme = app.script(BACKGROUND)
        assert theme["light"], f"a dark screen prints dark: {theme}"
    finally:
        app.browser.cdp("Emulation.setEmulatedMedia", {"media": "", "features": []})


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
  paragraphs: [...f.querySelectorAll(':scope > p')].map(p => p.textContent.trim()),
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
    # A card says each thing once: no paragraph of it repeats inside another.
    for finding in got["findings"]:
        paragraphs = [p for p in finding["paragraphs"] if p]
        for i, p in enumerate(paragraphs):
            for j, q in enumerate(paragraphs):
                assert i == j or p not in q, (
                    f"`{finding['cause']}` card says {p!r} twice (again in {q!r})"
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
    # Each evidence line is a button (announced as one, reached by Tab) that flashes its line.
    line = app.script(
        "const b = document.querySelector('#result ul.evidence li[data-line] > button.evidence-show');"
        "return b && b.parentElement.dataset.line;"
    )
    assert line, "the first evidence line is not a `button.evidence-show`"
    app.click(f'#result ul.evidence li[data-line="{line}"] > button.evidence-show')
    app.wait_for(
        "const li = document.querySelector(`ol.paste-view li[data-line=\"${arguments[0]}\"]`);"
        "return li && li.classList.contains('paste-view-flash');",
        line,
        what=f"paste line {line} to flash after clicking its evidence",
    )


# For each command shown, the options split across two lines: a line that ends in the hyphen
# that begins an option (`-n`), measured character by character as the browser laid them out.
SPLIT_OPTIONS = """
const split = [];
for (const code of document.querySelectorAll('#result .step-command, #result .next-command')) {
  const walker = document.createTreeWalker(code, NodeFilter.SHOW_TEXT);
  const chars = [];
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    for (let i = 0; i < node.length; i++) chars.push([node, i]);
  }
  const top = ([node, i]) => {
    const r = document.createRange();
    r.setStart(node, i);
    r.setEnd(node, i + 1);
    const rects = r.getClientRects();
    return rects.length ? rects[0].top : null;
  };
  const text = chars.map(([node, i]) => node.data[i]).join('');
  for (let k = 1; k + 1 < chars.length; k++) {
    if (text[k] !== '-' || !/\\s/.test(text[k - 1]) || /\\s/.test(text[k + 1])) continue;
    if (top(chars[k + 1]) > top(chars[k]) + 1) split.push(text.slice(Math.max(0, k - 20), k + 12));
  }
}
return {split: split, commands: document.querySelectorAll('#result .step-command').length};
"""


def test_commands_keep_their_options_whole_on_a_phone(app):
    """At 320 px the fix commands wrap, but never between an option's hyphen and its name."""
    case = app.load_case("011-airflow-kpo-oomkilled")
    with app.phone(320):
        app.open("/analyze")
        app.paste(case.text)
        app.wait_css("#result li.finding .step-command")
        got = app.script(SPLIT_OPTIONS)
        assert got["commands"], "no `.step-command` in the result"
        assert not got["split"], f"options split across lines: {got['split']}"


# For the paste view: how many of its lines wrap onto more than one row, whether it scrolls
# sideways, and the state of its "Wrap lines" button.
PASTE_VIEW_WRAP = """
const view = document.querySelector('ol.paste-view');
const lines = [...view.querySelectorAll('li[data-line]')];
const row = parseFloat(getComputedStyle(lines[0]).lineHeight);
const button = document.querySelector('button.paste-view-wrap');
const widths = lines.map(li => Math.round(li.getBoundingClientRect().width));
return {wrapped: lines.filter(li => li.getBoundingClientRect().height > row * 1.5).length,
        sideways: view.scrollWidth > view.clientWidth + 1,
        short: widths.filter(w => w < Math.max(...widths)).length,
        pressed: button && button.getAttribute('aria-pressed')};
"""


def test_paste_view_unwraps_tables_on_request(app):
    """At 360 px a wide table wraps in the paste view; "Wrap lines" turns that off, so each line
    keeps one row and the view scrolls sideways, and turns it back on."""
    case = app.load_case("014-evicted-disk-pressure-custom-columns")
    with app.phone(360):
        app.open("/analyze")
        app.paste(case.text)
        app.wait_css("ol.paste-view li[data-line]")
        wrapped = app.script(PASTE_VIEW_WRAP)
        assert wrapped["pressed"] == "true", f"the wrap button starts as {wrapped['pressed']}"
        assert wrapped["wrapped"] and not wrapped["sideways"], f"wrapped: {wrapped}"
        app.click("button.paste-view-wrap")
        app.wait_for(
            "return document.querySelector('button.paste-view-wrap')"
            ".getAttribute('aria-pressed') === 'false';",
            what="the wrap button to turn off",
        )
        unwrapped = app.script(PASTE_VIEW_WRAP)
        assert not unwrapped["wrapped"], f"lines still wrap: {unwrapped}"
        assert unwrapped["sideways"], f"the view does not scroll sideways: {unwrapped}"
        # Every line, and so its mark, runs the whole width the view scrolls over.
        assert not unwrapped["short"], f"lines narrower than the widest: {unwrapped}"
        # Showing an evidence line brings its start (and number) back into view.
        app.script("document.querySelector('ol.paste-view').scrollLeft = 400;")
        app.click("#result ul.evidence li[data-line] > button.evidence-show")
        app.wait_for(
            "return document.querySelector('ol.paste-view').scrollLeft === 0;",
            what="the paste view to scroll back to the start of the line",
        )
        page = app.script("return document.documentElement.scrollWidth - window.innerWidth;")
        assert page <= 0, f"the page itself scrolls sideways by {page} px"
        app.click("button.paste-view-wrap")
        app.wait_for(
            "return document.querySelector('ol.paste-view-nowrap') === null;",
            what="the lines to wrap again",
        )
        again = app.script(PASTE_VIEW_WRAP)
        assert again["wrapped"] and not again["sideways"], f"wrapped again: {again}"


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


def test_large_paste_is_read_with_a_notice_and_shown_as_an_excerpt(app):
    """A 20 MB paste says it is being read, then gets its finding; the view stays an excerpt."""
    case = app.load_case("011-airflow-kpo-oomkilled")
    app.open("/analyze")
    app.wait_css("textarea#paste")
    # An empty box first: a paste another test left in the tab comes back on load, and a paste
    # event adds to what the box holds.
    app.paste("")
    # Built in the page and pasted as a clipboard event: sending 20 MB through the driver would
    # measure the driver, not us.
    app.script(
        "const line = '2024-05-28T20:13:24Z INFO worker processed a batch of rows\\n';"
        "const data = new DataTransfer();"
        "data.setData('text/plain',"
        " arguments[0] + '\\n' + line.repeat(Math.ceil((20 << 20) / line.length)));"
        "const ta = document.getElementById('paste'); ta.focus();"
        "ta.dispatchEvent(new ClipboardEvent('paste',"
        " {clipboardData: data, bubbles: true, cancelable: true}));",
        case.text,
    )
    app.wait_css("#result .result-pending", timeout=5)
    app.wait_css(".paste-box-held", timeout=5)
    app.wait_css("#result li.finding", timeout=60)
    got = app.script(READ_RESULT)
    check_result(case, got)
    shown = app.script(
        "return {items: document.querySelectorAll('ol.paste-view li[data-line]').length,"
        " gaps: [...document.querySelectorAll('ol.paste-view li.paste-view-gap')]"
        ".map(g => g.textContent)};"
    )
    assert shown["items"] < 1000, f"the paste view drew {shown['items']} lines"
    assert shown["gaps"], "a 20 MB paste is shown without a `paste-view-gap`"
    held = app.script("return document.getElementById('paste').value.length;")
    assert held == 0, f"the textarea holds {held} characters of a 20 MB paste"
    # Typing into the empty box must not replace the held paste.
    app.browser.type_into(app.browser.elements("textarea#paste")[0], "x\ue007\ue003")
    still = app.script(
        "const h = document.querySelector('.paste-box-held');"
        "return {held: h ? h.textContent : '', box: document.getElementById('paste').value,"
        " findings: document.querySelectorAll('#result li.finding').length};"
    )
    assert "20.0 MB" in still["held"], f"typing replaced the held paste: {still}"
    app.wait_css('.paste-box-kept[data-kept="false"]')
    assert still["box"] == "" and still["findings"], f"typing reached the held paste: {still}"


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


# Imported here, not at the top: they use this module's helpers.
import checks_embed  # noqa: E402
import checks_one_file  # noqa: E402
import checks_share  # noqa: E402

TESTS = (
    [
        test_home_lists_guides_and_causes,
        test_guide_renders,
        test_heading_anchor_url_scrolls_to_its_heading,
        test_routes,
        test_search_typing_shows_the_right_first_result_and_enter_opens_it,
        test_search_paste_shows_the_right_first_result,
        test_search_paste_stays_text,
        test_search_keyboard,
        test_skip_link_and_focus_ring,
        test_theme_follows_the_system_and_the_toggle_persists,
        test_phone_width_has_no_horizontal_scroll,
        test_print_hides_the_controls,
    ]
    + [_analyzer_case(name) for name in BROWSER_CASES]
    + [test_example_button, test_commands_keep_their_options_whole_on_a_phone]
    + [test_paste_view_unwraps_tables_on_request]
    + [test_hostile_paste_stays_text]
    + [test_large_paste_is_read_with_a_notice_and_shown_as_an_excerpt]
    + [test_timeline_chart, test_timeline_names_stay_text, test_lint_list, test_generated_fix_copy]
    + checks_site.TESTS
    + checks_share.TESTS
    + checks_embed.TESTS
    + [test_only_own_assets]
    # Serve pages on ports of their own or from disk, and drain the logs they leave.
    + [test_embed_script_frames_the_app_and_trusts_only_it]
    + checks_one_file.TESTS
)
