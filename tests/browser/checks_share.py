"""Browser tests of sharing a paste: the redaction preview, Copy link and Copy report, opening a
share link, and what the page asks the network while it is used (nothing but its own files).

The clipboard is stubbed where a test reads what was copied: headless Chromium may refuse it,
and the page's fallback (the text selected) has a test of its own.
"""

import re

from webdriver import KEY_ENTER, KEY_ESCAPE, KEY_TAB

CASE = "011-airflow-kpo-oomkilled"
TOKEN = "ghp_u8jzPde0IgxLd6GncfBAepfJBd0Kh8oOOL8d"
PASSWORD = "hunter2-Prod!"
EMAIL = "ops@example.com"
SECRETS = f"\nexport GITHUB_TOKEN={TOKEN}\nDB_PASSWORD={PASSWORD}\nowner: {EMAIL}\n"
HOSTILE = '<img src=x onerror="window.__xss=1"><script>window.__xss=2</script>'

STUB_CLIPBOARD = """
window.__copied = [];
navigator.clipboard.writeText = t => { window.__copied.push(t); return Promise.resolve(); };
"""

REFUSE_CLIPBOARD = """
navigator.clipboard.writeText = () => Promise.reject(new DOMException('refused', 'NotAllowedError'));
"""

READ_PREVIEW = """
const p = document.getElementById('share-preview');
if (!p) return null;
return {
  focused: document.activeElement ? document.activeElement.id : null,
  kinds: [...p.querySelectorAll('input[type=checkbox][data-kind]')].map(c => [c.dataset.kind, c.checked]),
  findings: [...p.querySelectorAll('li.share-preview-finding')].map(li => ({kind: li.dataset.kind,
    line: li.dataset.line, text: li.textContent, kept: li.classList.contains('share-preview-kept')})),
  html: p.innerHTML,
  ready: !!p.querySelector('button.share-preview-copy:not([disabled])'),
};
"""

NO_MARKUP = """
return {xss: typeof window.__xss, img: document.querySelectorAll('img[src="x"]').length,
  script: [...document.scripts].filter(s => s.textContent.includes('__xss')).length};
"""


def _preview(app):
    """Waits for the preview to list what the engine found, and returns it."""
    return app.wait_for(
        "const r = (function () {" + READ_PREVIEW + "})(); return r && r.ready ? r : null;",
        timeout=20,
        what="the redaction preview with its findings",
    )


def _status(app, contains):
    """Waits for the share bar's status to say `contains`; returns it and its class. A timeout
    says what the share bar and the paste held instead."""
    try:
        return app.wait_for(
            "const s = document.querySelector('.share p.share-status');"
            "return s && s.textContent.includes(arguments[0]) ? [s.textContent, s.className] : null;",
            contains,
            timeout=20,
            what=f"the share status to say {contains!r}",
        )
    except AssertionError as err:
        seen = app.script(
            "const s = document.querySelector('.share p.share-status');"
            "const p = document.getElementById('share-preview');"
            "return {status: s && s.textContent, preview: p && p.textContent.slice(0, 200),"
            " paste: (document.getElementById('paste')?.value || '').length};"
        )
        raise AssertionError(f"{err}; instead: {seen}") from None


def _copied(app):
    return app.script("return window.__copied[window.__copied.length - 1];")


def _open_link(app, link):
    """Opens a copied share link afresh, as a reader would, after keeping what this page fetched
    and logged."""
    app.collect()
    app.browser.get("about:blank")
    app.browser.get(link)


def _open_analyzer_with(app, text):
    app.open("/analyze")
    app.paste(text)
    app.wait_css("#result li.finding", timeout=20)
    app.script(STUB_CLIPBOARD)


def _line_of(text, needle):
    return next(i + 1 for i, line in enumerate(text.split("\n")) if needle in line)


def test_copy_link_previews_masks_and_opens_again(app):
    """Copy link lists what looks secret with its line and mask (never the value), masks the
    kinds left checked, and the link opens the masked paste in the analyzer."""
    case = app.load_case(CASE)
    paste = case.text + SECRETS
    _open_analyzer_with(app, paste)
    app.click("#share-link")
    preview = _preview(app)
    assert preview["focused"] == "share-title", f"focus is on {preview['focused']!r}"
    kinds = dict(preview["kinds"])
    for kind in ("token", "password", "email"):
        assert kinds.get(kind) is True, f"`{kind}` is not masked by default: {kinds}"
    names = {k: v for k, v in kinds.items() if k in ("namespace", "name", "node", "host")}
    assert names and not any(names.values()), f"names are found and off by default: {kinds}"
    for secret in (TOKEN, PASSWORD, EMAIL):
        assert secret not in preview["html"], f"the preview shows `{secret}`"
    token = [f for f in preview["findings"] if f["kind"] == "token"]
    assert token and token[0]["line"] == str(_line_of(paste, TOKEN)), f"{token}"
    assert "[REDACTED-TOKEN-1]" in token[0]["text"], token[0]["text"]

    app.click('#share-preview input[data-kind="email"]')
    app.wait_for(
        "return [...document.querySelectorAll('#share-preview li[data-kind=\"email\"]')]"
        ".every(li => li.classList.contains('share-preview-kept'));",
        what="the email address to be kept once its box is unchecked",
    )
    app.click("#share-preview button.share-preview-copy")
    status, _ = _status(app, "Link copied")
    assert re.search(r"\(\d+ characters\)", status), status
    focused = app.script("return document.activeElement.id;")
    assert focused == "share-link", f"focus went to {focused!r}, not back to the button"
    assert not app.script("return !!document.getElementById('share-preview');"), "still open"
    link = _copied(app)
    assert link.startswith(f"{app.server.origin}/index.html#/share/v1."), link[:80]

    _open_link(app, link)
    app.wait_for(
        "return location.hash === '#/analyze' &&"
        # The textarea may not exist yet while the page starts: not yet, rather than an error.
        " (document.getElementById('paste')?.value || '').includes('[REDACTED-TOKEN-1]');",
        timeout=20,
        what="the share link to open its paste in the analyzer",
    )
    value = app.script("return document.getElementById('paste').value;")
    assert TOKEN not in value and PASSWORD not in value, "a masked secret came back"
    assert EMAIL in value, "the email address was masked though its box was unchecked"
    assert value.count("\n") == paste.count("\n"), "masking moved lines"
    app.wait_css("#result li.finding", timeout=20)
    cause = app.first_cause(case.accepted, timeout=20)
    assert cause in case.accepted, f"the shared paste gives `{cause}`"


def test_a_new_paste_closes_the_preview_of_the_old_one(app):
    """The preview lists what the paste held when it opened, and Copy shares that paste: a
    different paste closes it, so the link copied is never of a paste the user replaced."""
    case = app.load_case(CASE)
    _open_analyzer_with(app, case.text + SECRETS)
    app.click("#share-link")
    _preview(app)
    app.paste("$ kubectl logs other-job-x7k2p\nError: the ledger does not balance\n")
    app.wait_for(
        "return !document.getElementById('share-preview');",
        timeout=10,
        what="the preview of the replaced paste to close",
    )
    app.click("#share-link")
    preview = _preview(app)
    assert TOKEN not in preview["html"] and "REDACTED-TOKEN" not in preview["html"], (
        "the new preview lists the old paste's token"
    )
    app.click("#share-preview button.share-preview-copy")
    _status(app, "Link copied")
    _open_link(app, _copied(app))
    app.wait_for(
        "return (document.getElementById('paste')?.value || '').includes('ledger does not balance');",
        timeout=20,
        what="the link to open the new paste, not the one it replaced",
    )


def test_copy_report_is_markdown_of_the_masked_paste(app):
    """Copy report copies the Markdown of the masked paste, with a link back and to the guide."""
    case = app.load_case(CASE)
    _open_analyzer_with(app, case.text + SECRETS)
    cause = app.script("return document.querySelector('#result li.finding').dataset.cause;")
    app.click("#share-report")
    _preview(app)
    app.click("#share-preview button.share-preview-copy")
    _status(app, "Report copied")
    markdown = _copied(app)
    assert markdown.startswith("## kubetriage: "), markdown[:80]
    for secret in (TOKEN, PASSWORD, EMAIL):
        assert secret not in markdown, f"the report holds `{secret}`"
    origin = app.server.origin
    assert f"<{origin}/#/causes/{cause}>" in markdown, "no link to the cause's guide"
    assert f"[Open this triage in kubetriage](<{origin}/index.html#/share/v1." in markdown


def test_share_preview_by_keyboard(app):
    """The preview opens from the keyboard, its boxes take Tab and Space, Escape closes it and
    focus goes back to its button."""
    _open_analyzer_with(app, SECRETS)
    app.script("document.getElementById('share-report').focus();")
    app.browser.press(KEY_ENTER)
    _preview(app)
    assert app.script("return document.activeElement.id;") == "share-title"
    assert app.script("return document.getElementById('share-report').ariaExpanded;") == "true"
    app.browser.press(KEY_TAB)
    first = app.script("const a = document.activeElement; return [a.type, a.dataset.kind, a.checked];")
    assert first == ["checkbox", "token", True], f"Tab went to {first}"
    app.browser.press(" ")
    assert app.script("return document.activeElement.checked;") is False, "Space did not uncheck"
    app.browser.press(KEY_ESCAPE)
    app.wait_for(
        "return !document.getElementById('share-preview') &&"
        " document.activeElement.id === 'share-report';",
        what="Escape to close the preview and focus its button",
    )


def test_a_refused_clipboard_selects_the_link(app):
    """When the browser will not copy, the link is shown selected for a copy by hand."""
    _open_analyzer_with(app, SECRETS)
    app.script(REFUSE_CLIPBOARD)
    app.click("#share-link")
    _preview(app)
    app.click("#share-preview button.share-preview-copy")
    # The field appears first; the refusal of the copy comes back later, and only then is the
    # field focused and selected: wait for that, not for the field alone.
    field = app.wait_for(
        "const t = document.getElementById('share-text');"
        "return t && document.activeElement === t && {focused: true, start: t.selectionStart,"
        " end: t.selectionEnd, length: t.value.length, value: t.value, readonly: t.readOnly};",
        timeout=20,
        what="the link to be shown in `#share-text`, focused",
    )
    assert field["value"].startswith(f"{app.server.origin}/index.html#/share/v1."), field
    assert field["focused"] and field["readonly"], field
    assert (field["start"], field["end"]) == (0, field["length"]), f"not all selected: {field}"
    app.click("#share-preview button.share-preview-cancel")
    assert app.script("return document.activeElement.id;") == "share-link"


def test_a_damaged_link_says_why_and_keeps_the_paste(app):
    """A share link that cannot be read says why, and the paste the user had is still there."""
    mine = "Events:\n  Warning  BackOff  1m  kubelet  Back-off restarting failed container\n"
    app.open("/analyze")
    app.paste(mine)
    app.wait_css("#result li.finding")
    for token, says in (("v1.AB*CD", "“*” at character 3"), ("v9.abc", "“v9”")):
        app.script("location.hash = '#/share/' + arguments[0];", token)
        shown = app.wait_for(
            "const p = document.querySelector('main.share-open p.share-open-failed[role=\"alert\"]');"
            "return p && p.textContent;",
            timeout=20,
            what=f"the page to say why `{token}` cannot be opened",
        )
        assert "cannot be opened" in shown and says in shown, shown
        app.click('main.share-open a[href="#/analyze"]')
        app.wait_css("textarea#paste")
        value = app.script("return document.getElementById('paste').value;")
        assert value == mine, f"the paste changed to {value[:80]!r}"


def test_shared_markup_stays_text(app):
    """Markup in a shared paste stays text in the preview and in the analyzer that opens it."""
    _open_analyzer_with(app, f"Events:\n  Warning  Failed  1m  kubelet  {HOSTILE}\n{HOSTILE}{SECRETS}")
    app.click("#share-link")
    _preview(app)
    assert app.script(NO_MARKUP) == {"xss": "undefined", "img": 0, "script": 0}
    app.click("#share-preview button.share-preview-copy")
    _status(app, "Link copied")
    _open_link(app, _copied(app))
    app.wait_for(
        "return [...document.querySelectorAll('ol.paste-view li[data-line]')]"
        ".some(li => li.textContent.includes(arguments[0]));",
        HOSTILE,
        timeout=20,
        what="the shared markup to show literally in the paste view",
    )
    assert app.script(NO_MARKUP) == {"xss": "undefined", "img": 0, "script": 0}


def test_long_links_are_flagged_and_too_large_ones_refused(app):
    """A link past 8,000 characters is copied with a warning; a paste past 2 MB gets share's
    refusal instead of a link, before any preview."""
    noise = "\n".join(f"{n:08x} {(n * 2654435761) % 2**32:08x}" for n in range(4000))
    _open_analyzer_with(app, "Events:\n  Warning  BackOff  1m  kubelet  Back-off\n" + noise)
    app.click("#share-link")
    _preview(app)
    app.click("#share-preview button.share-preview-copy")
    status, _ = _status(app, "longer than some chats")
    assert "8000 characters" in status and len(_copied(app)) > 8000, status

    app.open("/analyze")
    app.wait_css("textarea#paste")
    app.script(
        "const data = new DataTransfer();"
        "data.setData('text/plain', 'Events:\\n' + '0123456789abcdef'.repeat((2 << 20) / 16 + 4096));"
        "const ta = document.getElementById('paste'); ta.focus();"
        "ta.dispatchEvent(new ClipboardEvent('paste', {clipboardData: data, bubbles: true, cancelable: true}));"
    )
    app.wait_css("#share-link", timeout=20)
    app.script(STUB_CLIPBOARD)
    app.click("#share-link")
    # Refused at once: no preview to work through first.
    status, classes = _status(app, "links carry at most 2048 KB")
    assert "share-status-failed" in classes, classes
    assert not app.script("return !!document.getElementById('share-preview');"), "a preview opened"
    assert not app.script("return window.__copied.length;"), "something was copied"


def test_working_the_app_requests_nothing_but_its_own_files(app):
    """Once the page has loaded, analysing a paste, opening guides, searching and copying a link
    ask no other origin and nothing but files of the build (the performance log, filtered)."""
    app.open("/")
    app.wait_css("main.home article.guide-card")
    policy = app.script(
        "return document.querySelector('meta[http-equiv=\"Content-Security-Policy\"]').content;"
    )
    for part in ("connect-src 'self'", "script-src 'self' 'wasm-unsafe-eval'"):
        assert part in policy, f"the policy lacks `{part}`: {policy}"
    inline = app.script(
        "return [...document.scripts].filter(s => !s.src && s.textContent.trim()).length;"
    )
    assert inline == 0, f"the page has {inline} inline script(s)"
    app.collect()
    seen_from = len(app.server.seen())
    requests_from = len(app.requests)

    case = app.load_case(CASE)
    app.script("location.hash = '#/analyze';")
    app.paste(case.text + SECRETS)
    app.wait_css("#result li.finding", timeout=20)
    app.script("location.hash = '#/guides/oomkilled';")
    app.wait_css('article.doc[data-slug="oomkilled"] .doc-body h2', timeout=20)
    app.click('.doc-related a[href^="#/causes/"]')
    app.wait_css('article.doc[data-kind="cause"] .doc-body h2', timeout=20)
    app.script(
        "const s = document.getElementById('site-search'); s.focus();"
        "s.value = 'exit code 137'; s.dispatchEvent(new Event('input', {bubbles: true}));"
    )
    app.wait_css("#site-search-results li.search-result", timeout=20)
    app.script("location.hash = '#/analyze';")
    app.wait_css("#share-link")
    app.script(STUB_CLIPBOARD)
    app.click("#share-link")
    _preview(app)
    app.click("#share-preview button.share-preview-copy")
    _status(app, "Link copied")

    app.collect()
    origin = app.server.origin
    urls = [u for u in app.requests[requests_from:] if not u.startswith(("data:", "blob:"))]
    foreign = sorted({u for u in urls if not u.startswith(origin + "/")})
    assert not foreign, f"requests to another origin: {foreign}"
    paths = app.server.seen()[seen_from:]
    strange = sorted({p for p in paths if p == "/" or not app.server.is_own_file(p)})
    assert not strange, f"requests for what is not a file of the build: {strange}"
    pages = sorted({p for p in paths if p.endswith(".html")})
    assert not pages, f"pages loaded while working in the app: {pages}"


TESTS = [
    test_copy_link_previews_masks_and_opens_again,
    test_a_new_paste_closes_the_preview_of_the_old_one,
    test_copy_report_is_markdown_of_the_masked_paste,
    test_share_preview_by_keyboard,
    test_a_refused_clipboard_selects_the_link,
    test_a_damaged_link_says_why_and_keeps_the_paste,
    test_shared_markup_stays_text,
    test_long_links_are_flagged_and_too_large_ones_refused,
    test_working_the_app_requests_nothing_but_its_own_files,
]
