"""Browser tests of the embedded views (`#/embed/...?theme=...`) opened on their own: no site
chrome, the theme the address asks for (never stored), links that stay embedded, and no
sideways scroll from 320 px. `embed_check.py` frames them in another site's page.
"""

from checks import BACKGROUND, OVERFLOW, _prefer

GUIDE = "oomkilled"
CASE = "011-airflow-kpo-oomkilled"

READ_CHROME = """
return {header: document.querySelectorAll('header.site-header, .skip-link, .theme-toggle').length,
  embed: document.documentElement.hasAttribute('data-embed'), hash: location.hash};
"""


def test_embedded_views_have_no_chrome_and_take_their_theme(app):
    """The embedded analyzer and guide show no header, take `?theme=` over the saved and the
    system theme, and never store it."""
    app.open("/")
    app.wait_css("main.home")
    app.script("localStorage.setItem('kubetriage.theme', 'light');")
    try:
        _prefer(app, "light")
        for route, ready, dark in (
            ("/embed/analyze?theme=dark", "textarea#paste", True),
            (f"/embed/guides/{GUIDE}?theme=dark", f'article.doc[data-slug="{GUIDE}"] h2', True),
            ("/embed/analyze?theme=light", "textarea#paste", False),
        ):
            app.open(route)
            app.wait_css(ready, timeout=20)
            chrome = app.script(READ_CHROME)
            assert chrome["header"] == 0 and chrome["embed"], f"{route}: {chrome}"
            theme = app.script(BACKGROUND)
            assert theme["light"] != dark, f"{route}: {theme}"
            assert theme["saved"] == "light", f"{route} changed the saved theme: {theme}"
        # `auto` follows the system, not the saved choice.
        _prefer(app, "dark")
        app.open("/embed/analyze?theme=auto")
        app.wait_css("textarea#paste")
        theme = app.script(BACKGROUND)
        assert not theme["light"] and theme["attr"] is None, f"auto on a dark system: {theme}"
        assert theme["saved"] == "light", theme
    finally:
        app.script("localStorage.removeItem('kubetriage.theme');")
        _prefer(app, "")


def test_links_in_an_embedded_view_stay_embedded(app):
    """Following links inside an embedded guide keeps the embedding and its theme."""
    app.open(f"/embed/guides/{GUIDE}?theme=dark")
    app.wait_css(f'article.doc[data-slug="{GUIDE}"] .doc-body h2', timeout=20)
    app.click('.doc-related a[href^="#/causes/"]')
    app.wait_for(
        "return /^#\\/embed\\/causes\\/[a-z0-9-]+\\?theme=dark$/.test(location.hash) &&"
        " !!document.querySelector('article.doc[data-kind=\"cause\"] h1');",
        timeout=20,
        what="the cause entry to open embedded",
    )
    app.script("history.back();")
    app.wait_for(
        "return location.hash === arguments[0];",
        f"#/embed/guides/{GUIDE}?theme=dark",
        what="Back to return to the embedded guide",
    )
    app.wait_css(f'article.doc[data-slug="{GUIDE}"] a.open-analyzer')
    app.click("a.open-analyzer")
    app.wait_for(
        "return location.hash === '#/embed/analyze?theme=dark' &&"
        " !!document.getElementById('paste');",
        what="the analyzer to open embedded",
    )
    chrome = app.script(READ_CHROME)
    assert chrome["header"] == 0 and chrome["embed"], chrome


def test_embedded_views_fit_320_px(app):
    """At 320 px the embedded analyzer, with a result, and guide do not scroll sideways."""
    case = app.load_case(CASE)
    with app.phone(320, height=640):
        app.open("/embed/analyze?theme=auto")
        app.paste(case.text)
        app.wait_css("#result li.finding", timeout=20)
        cause = app.first_cause(case.accepted, timeout=20)
        assert cause in case.accepted, f"embedded, the analyzer said `{cause}`"
        for ready in ("#share-link", None):
            if ready is None:
                app.open(f"/embed/guides/{GUIDE}?theme=auto")
                ready = f'article.doc[data-slug="{GUIDE}"] .doc-body h2'
            app.wait_css(ready, timeout=20)
            found = app.script(OVERFLOW)
            assert found["width"] == 320, f"the emulated width is {found['width']}"
            assert found["scroll"] <= 320 and not found["wide"], f"at 320 px: {found}"


TESTS = [
    test_embedded_views_have_no_chrome_and_take_their_theme,
    test_links_in_an_embedded_view_stay_embedded,
    test_embedded_views_fit_320_px,
]
