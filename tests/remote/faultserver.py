"""A misbehaving HTTP server on 127.0.0.1, for the fault tests.

    with FaultServer("error500") as f:   # f.url: http://127.0.0.1:PORT/sparql
        ...

Modes: error500 (answers 500 with a message holding a control character),
slow (accepts, then says nothing for a minute), cut (sends headers and half
a body, then closes the connection), auth (always 401), endless (answers
a SELECT with one entity, and a CONSTRUCT with N-Triples that are one line
without end: 256 MiB of it), count (a store that is not Virtuoso: answers
any SELECT with a count of 0; `uploads` counts the PUTs and POSTs of
data)."""

import http.server
import socket
import threading
import time


class Handler(http.server.BaseHTTPRequestHandler):
    def log_message(self, *args):
        pass

    def _drain(self):
        n = int(self.headers.get("Content-Length") or 0)
        if n:
            self.rfile.read(n)

    def _json(self, body):
        """Answer 200 with SPARQL JSON results @body."""
        self.send_response(200)
        self.send_header("Content-Type", "application/sparql-results+json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def _answer(self):
        self._drain()
        mode = self.server.mode
        if mode == "error500":
            body = b"Internal trouble:\x1b[31m disk full\n"
            self.send_response(500)
            self.send_header("Content-Type", "text/plain")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)
        elif mode == "slow":
            time.sleep(60)
        elif mode == "cut":
            self.send_response(200)
            self.send_header("Content-Type",
                             "application/sparql-results+json")
            self.send_header("Content-Length", "1000")
            self.end_headers()
            self.wfile.write(b'{"head": {"vars": ["org"]}, "results": {"bin')
            self.wfile.flush()
            self.connection.shutdown(socket.SHUT_RDWR)
        elif mode == "endless" and "json" in (self.headers.get("Accept")
                                              or ""):
            self._json(b'{"head": {"vars": ["e"]}, "results": {"bindings": '
                       b'[{"e": {"type": "uri", "value": '
                       b'"http://azkb.example/id/UN"}}]}}')
        elif mode == "endless":
            self.send_response(200)
            self.send_header("Content-Type", "application/n-triples")
            self.end_headers()
            block = b"x" * (1 << 20)
            try:
                self.wfile.write(b"<urn:a> <urn:b> \"")
                for _ in range(256):
                    self.wfile.write(block)
            except OSError:
                pass  # the client stopped reading: what it should do
        elif mode == "count":
            if self.command != "GET" and "sparql" not in (
                    self.headers.get("Content-Type") or "") and \
                    "form-urlencoded" not in (self.headers.get(
                        "Content-Type") or ""):
                self.server.uploads += 1
            self._json(b'{"head": {"vars": ["n"]}, "results": {"bindings": '
                       b'[{"n": {"type": "literal", "value": "0"}}]}}')
        elif mode == "auth":
            self.send_response(401)
            self.send_header("WWW-Authenticate", 'Basic realm="azkb"')
            self.send_header("Content-Length", "0")
            self.end_headers()

    do_GET = do_POST = do_PUT = _answer


class FaultServer:
    def __init__(self, mode):
        self.httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0),
                                                     Handler)
        self.httpd.daemon_threads = True
        self.httpd.mode = mode
        self.httpd.uploads = 0
        self.thread = threading.Thread(target=self.httpd.serve_forever,
                                       daemon=True)
        self.thread.start()

    @property
    def url(self):
        return "http://127.0.0.1:%d/sparql" % self.httpd.server_address[1]

    def close(self):
        self.httpd.shutdown()
        self.httpd.server_close()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()
        return False
