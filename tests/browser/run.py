"""Runs the browser tests against a built `dist/` in headless Chromium.

    python3 tests/browser/run.py [--dist DIR] [--cases DIR] [--one-file PATH] [--only SUBSTRING]

Serves `dist/` on 127.0.0.1 at a free port, starts chromedriver on another, runs every test in
`checks.py`, prints `ok NAME` or `FAIL NAME: REASON` for each and ends with `N passed, N failed`.
The one-file build's tests open `--one-file` (by default `dist-one-file/kubetriage.html`, which
`scripts/one-file` writes). Exits 1 when a test failed. The server, chromedriver, Chromium and the temporary profile are
cleaned up on every exit path, including SIGTERM.
"""

import argparse
import os
import shutil
import signal
import sys
import traceback

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)

import cases  # noqa: E402
import checks  # noqa: E402
from static_server import RecordingServer  # noqa: E402
from webdriver import Browser, WebDriverError  # noqa: E402

REPO = os.path.dirname(os.path.dirname(HERE))


def _tool(env, name, fallback):
    return os.environ.get(env) or shutil.which(name) or fallback


def parse_args():
    parser = argparse.ArgumentParser(description="run kubetriage's browser tests")
    parser.add_argument("--dist", default=os.path.join(REPO, "dist"))
    parser.add_argument("--cases", default=cases.cases_dir(REPO))
    parser.add_argument(
        "--one-file", default=os.path.join(REPO, "dist-one-file", "kubetriage.html"),
        help="the one-file build's page (scripts/one-file)",
    )
    parser.add_argument("--only", default="", help="run tests whose name contains this")
    parser.add_argument("--chromium", default=_tool("CHROMIUM", "chromium", "/usr/bin/chromium"))
    parser.add_argument(
        "--chromedriver", default=_tool("CHROMEDRIVER", "chromedriver", "/usr/bin/chromedriver")
    )
    return parser.parse_args()


def test_name(test):
    return test.__name__.removeprefix("test_")


def _on_sigterm(signum, _frame):
    raise SystemExit(128 + signum)


def run(opts, tests):
    """Runs `tests`; returns (passed, failed)."""
    passed = failed = 0
    server = browser = None
    try:
        if not os.path.isfile(os.path.join(opts.dist, "index.html")):
            raise RuntimeError(f"`{opts.dist}/index.html` does not exist; run `trunk build` first")
        server = RecordingServer(opts.dist).start()
        browser = Browser(opts.chromium, opts.chromedriver)
    except (OSError, RuntimeError, WebDriverError) as err:
        reason = f"setup failed: {err}"
        for test in tests:
            print(f"FAIL {test_name(test)}: {reason}", flush=True)
        if server is not None:
            server.stop()
        return 0, len(tests)

    try:
        app = checks.App(browser, server, opts.cases, opts.one_file)
        for test in tests:
            console_from = len(app.console)
            notes_from = len(app.notes)
            try:
                test(app)
                panic = app.panic_suffix()
                if panic:
                    raise AssertionError(panic.removeprefix("; "))
            except AssertionError as err:
                failed += 1
                print(f"FAIL {test_name(test)}: {err}", flush=True)
                try:
                    app.drain_console()
                except WebDriverError:
                    pass
                for line in app.console[console_from:][:10]:
                    print(f"    console: {line}", flush=True)
            except Exception as err:  # a broken test or a dead browser: report, go on
                failed += 1
                where = traceback.extract_tb(err.__traceback__)[-1]
                print(
                    f"FAIL {test_name(test)}: {type(err).__name__}: {err}"
                    f" (at {os.path.basename(where.filename)}:{where.lineno})",
                    flush=True,
                )
            else:
                passed += 1
                print(f"ok {test_name(test)}", flush=True)
            for note in app.notes[notes_from:]:
                print(f"    note: {note}", flush=True)
    finally:
        browser.close()
        server.stop()
    return passed, failed


def main():
    opts = parse_args()
    signal.signal(signal.SIGTERM, _on_sigterm)
    tests = [t for t in checks.TESTS if opts.only in test_name(t)]
    passed, failed = run(opts, tests)
    print(f"{passed} passed, {failed} failed", flush=True)
    return 1 if failed or not tests else 0


if __name__ == "__main__":
    sys.exit(main())
