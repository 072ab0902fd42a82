"""A small W3C WebDriver client for chromedriver, on the standard library only.

It speaks to a chromedriver that this module starts on 127.0.0.1 at a free port, and drives one
headless Chromium session with a throwaway profile. Everything it starts is stopped by `close()`.
"""

import json
import os
import shutil
import signal
import socket
import subprocess
import tempfile
import time
import urllib.error
import urllib.request

# The key under which W3C WebDriver returns an element reference.
ELEMENT_KEY = "element-6066-11e4-a52e-4f735466cecf"

# The WebDriver code points of the special keys the tests press.
KEY_TAB = "\ue004"
KEY_ENTER = "\ue007"
KEY_ESCAPE = "\ue00c"
KEY_UP = "\ue013"
KEY_DOWN = "\ue015"

CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-quic",
    "--window-size=1280,800",
]


class WebDriverError(Exception):
    """A WebDriver command answered with an error, or chromedriver could not be reached."""


def free_port():
    """A TCP port on 127.0.0.1 that was free a moment ago."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Browser:
    """One chromedriver process and one Chromium session."""

    def __init__(self, chromium, chromedriver, timeout=30.0):
        self.driver_proc = None
        self.session = None
        self.profile = tempfile.mkdtemp(prefix="kubetriage-chromium-")
        self.log_path = os.path.join(self.profile, "chromedriver.log")
        port = free_port()
        self.base = f"http://127.0.0.1:{port}"
        log = open(self.log_path, "wb")
        try:
            # A session of its own, so close() can stop chromedriver and the browsers it started.
            self.driver_proc = subprocess.Popen(
                [chromedriver, f"--port={port}", "--allowed-ips=127.0.0.1"],
                stdin=subprocess.DEVNULL,
                stdout=log,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )
        finally:
            log.close()
        try:
            self._wait_ready(timeout)
            self._start_session(chromium)
        except BaseException as err:
            tail = self.driver_log_tail()
            self.close()
            if isinstance(err, WebDriverError) and tail:
                raise WebDriverError(f"{err}; chromedriver log ends:\n{tail}") from None
            raise

    def _wait_ready(self, timeout):
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.driver_proc.poll() is not None:
                raise WebDriverError(f"chromedriver exited with {self.driver_proc.returncode}")
            try:
                if self._call("GET", "/status", timeout=2).get("ready"):
                    return
            except (WebDriverError, OSError):
                pass
            time.sleep(0.1)
        raise WebDriverError(f"chromedriver not ready after {timeout:.0f} s")

    def _start_session(self, chromium):
        args = CHROMIUM_ARGS + [f"--user-data-dir={os.path.join(self.profile, 'profile')}"]
        caps = {
            "browserName": "chrome",
            "pageLoadStrategy": "normal",
            "goog:chromeOptions": {"binary": chromium, "args": args},
            "goog:loggingPrefs": {"performance": "ALL", "browser": "ALL"},
        }
        value = self._call("POST", "/session", {"capabilities": {"alwaysMatch": caps}}, 60)
        self.session = value["sessionId"]
        self.command("POST", "/timeouts", {"script": 30000, "pageLoad": 30000})

    def _call(self, method, path, body=None, timeout=60):
        data = None if body is None else json.dumps(body).encode()
        req = urllib.request.Request(self.base + path, data=data, method=method)
        req.add_header("Content-Type", "application/json; charset=utf-8")
        try:
            with urllib.request.urlopen(req, timeout=timeout) as resp:
                payload = json.loads(resp.read() or b"{}")
        except urllib.error.HTTPError as err:
            try:
                payload = json.loads(err.read() or b"{}")
            except ValueError:
                payload = {}
            value = payload.get("value") or {}
            message = value.get("message", str(err)) if isinstance(value, dict) else str(err)
            raise WebDriverError(f"{method} {path}: {message.splitlines()[0]}") from None
        return payload.get("value")

    def command(self, method, path, body=None):
        """Sends one command of the current session, e.g. `command("POST", "/url", {...})`."""
        if self.session is None:
            raise WebDriverError("no session")
        return self._call(method, f"/session/{self.session}{path}", body)

    def get(self, url):
        """Navigates and waits for the load event."""
        self.command("POST", "/url", {"url": url})

    def script(self, source, *args):
        """Runs `source` as a function body in the page and returns its JSON result."""
        return self.command("POST", "/execute/sync", {"script": source, "args": list(args)})

    def elements(self, css):
        """Element references of every match of `css`, in document order."""
        return self.command("POST", "/elements", {"using": "css selector", "value": css}) or []

    def click(self, element):
        """A real pointer click on an element reference from `elements`."""
        self.command("POST", f"/element/{element[ELEMENT_KEY]}/click", {})

    def type_into(self, element, text):
        """Focuses an element reference and types `text` into it, key by key."""
        self.command("POST", f"/element/{element[ELEMENT_KEY]}/value", {"text": text})

    def press(self, *keys):
        """Presses and releases each key in turn wherever the focus is (`/`, KEY_DOWN, ...)."""
        actions = []
        for key in keys:
            actions += [{"type": "keyDown", "value": key}, {"type": "keyUp", "value": key}]
        body = {"actions": [{"type": "key", "id": "keyboard", "actions": actions}]}
        self.command("POST", "/actions", body)

    def switch_to_frame(self, element):
        """Makes the frame an element reference names the target of later commands."""
        self.command("POST", "/frame", {"id": element})

    def switch_to_parent(self):
        """Makes the page around the current frame the target of later commands."""
        self.command("POST", "/frame/parent", {})

    def cdp(self, cmd, params=None):
        """Sends a Chrome DevTools Protocol command through chromedriver, e.g. to emulate a
        media feature or a screen size."""
        return self.command("POST", "/goog/cdp/execute", {"cmd": cmd, "params": params or {}})

    def logs(self, kind):
        """Drains the browser's log of `kind` (`performance`, `browser`)."""
        try:
            return self.command("POST", "/se/log", {"type": kind}) or []
        except WebDriverError:
            return self.command("POST", "/log", {"type": kind}) or []

    def wait_for(self, source, *args, timeout=10.0, what="condition"):
        """Polls `source` (a function body) until it returns something truthy; returns that."""
        deadline = time.monotonic() + timeout
        while True:
            value = self.script(source, *args)
            if value:
                return value
            if time.monotonic() >= deadline:
                raise AssertionError(f"timed out after {timeout:.0f} s waiting for {what}")
            time.sleep(0.1)

    def wait_css(self, css, timeout=10.0):
        """Waits until `css` matches an element; returns the number of matches."""
        return self.wait_for(
            "return document.querySelectorAll(arguments[0]).length;",
            css,
            timeout=timeout,
            what=f"`{css}`",
        )

    def driver_log_tail(self, lines=15):
        """The last lines chromedriver wrote, for error messages."""
        try:
            with open(self.log_path, encoding="utf-8", errors="replace") as log:
                return "".join(log.readlines()[-lines:]).rstrip()
        except OSError:
            return ""

    def close(self):
        """Ends the session, stops chromedriver and its browsers, removes the profile."""
        if self.session is not None:
            try:
                self._call("DELETE", f"/session/{self.session}", timeout=10)
            except (WebDriverError, OSError):
                pass
            self.session = None
        proc = self.driver_proc
        if proc is not None and proc.poll() is None:
            try:
                os.killpg(proc.pid, signal.SIGTERM)
                proc.wait(timeout=5)
            except subprocess.TimeoutExpired:
                os.killpg(proc.pid, signal.SIGKILL)
                proc.wait(timeout=5)
            except ProcessLookupError:
                pass
        self.driver_proc = None
        shutil.rmtree(self.profile, ignore_errors=True)
