"""A threaded static file server for `dist/` on 127.0.0.1 that records every request path.

The browser tests use it to serve the built app and to check afterwards that the page asked for
nothing but its own files. `scripts/serve` runs it directly:

    python3 tests/browser/static_server.py --dir dist --port 8080 --name kubetriage
"""

import argparse
import http.server
import os
import sys
import threading
import urllib.parse


class RecordingServer(http.server.ThreadingHTTPServer):
    """Serves one folder and keeps the path of every request it received, in arrival order."""

    daemon_threads = True

    def __init__(self, root, port=0, quiet=True):
        self.root = os.path.realpath(root)
        self.quiet = quiet
        self.paths = []
        self._lock = threading.Lock()
        self._thread = None
        super().__init__(("127.0.0.1", port), _Handler)

    @property
    def origin(self):
        """`http://127.0.0.1:PORT`, without a trailing slash."""
        return f"http://127.0.0.1:{self.server_address[1]}"

    def record(self, path):
        with self._lock:
            self.paths.append(path)

    def seen(self):
        """A copy of the request paths so far, decoded, without query or fragment."""
        with self._lock:
            return list(self.paths)

    def start(self):
        """Serves on a background thread; returns self."""
        self._thread = threading.Thread(target=self.serve_forever, daemon=True)
        self._thread.start()
        return self

    def stop(self):
        """Stops serving and closes the socket."""
        if self._thread is not None:
            self.shutdown()
            self._thread.join(timeout=5)
            self._thread = None
        self.server_close()

    def unknown_paths(self):
        """Requested paths that are neither `/` nor a file inside the served folder."""
        return [path for path in self.seen() if not self.is_own_file(path)]

    def is_own_file(self, path):
        """Whether a request path names `/` or an existing file inside the served folder."""
        if path == "/":
            return True
        full = os.path.realpath(os.path.join(self.root, path.lstrip("/")))
        inside = full == self.root or full.startswith(self.root + os.sep)
        return inside and os.path.isfile(full)


class _Handler(http.server.SimpleHTTPRequestHandler):
    extensions_map = {
        **http.server.SimpleHTTPRequestHandler.extensions_map,
        ".wasm": "application/wasm",
        ".js": "text/javascript",
        ".mjs": "text/javascript",
        ".css": "text/css",
        ".svg": "image/svg+xml",
        ".json": "application/json",
    }

    def __init__(self, request, client_address, server):
        super().__init__(request, client_address, server, directory=server.root)

    def parse_request(self):
        ok = super().parse_request()
        if ok:
            raw = urllib.parse.urlsplit(self.path).path
            self.server.record(urllib.parse.unquote(raw))
        return ok

    def end_headers(self):
        # The tests and `scripts/serve` always want the build that is on disk now.
        self.send_header("Cache-Control", "no-store")
        super().end_headers()

    def log_message(self, format, *args):  # noqa: A002 (the base class names it so)
        if not self.server.quiet:
            sys.stderr.write("%s %s\n" % (self.log_date_time_string(), format % args))


def main():
    parser = argparse.ArgumentParser(description="serve a folder on 127.0.0.1")
    parser.add_argument("--dir", default="dist", help="folder to serve (default: dist)")
    parser.add_argument("--port", type=int, default=8080, help="port (default: 8080)")
    parser.add_argument("--name", default="the site", help="what to call it in the banner")
    parser.add_argument("--log", action="store_true", help="log every request to stderr")
    opts = parser.parse_args()
    if not os.path.isfile(os.path.join(opts.dir, "index.html")):
        sys.exit(f"error: `{opts.dir}/index.html` does not exist; build first")
    try:
        server = RecordingServer(opts.dir, opts.port, quiet=not opts.log)
    except OSError as err:
        sys.exit(f"error: cannot listen on 127.0.0.1:{opts.port}: {err.strerror}")
    print(f"{opts.name} is at {server.origin}/", flush=True)
    print("press Ctrl-C to stop", flush=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()


if __name__ == "__main__":
    main()
