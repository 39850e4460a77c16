"""A misbehaving HTTP server on 127.0.0.1, for the fault tests.

    with FaultServer("error500") as f:   # f.url: http://127.0.0.1:PORT/sparql
        ...

Modes: error500 (answers 500 with a message holding a control character),
slow (accepts, then says nothing for a minute), trickle (answers 200 and
the start of a SPARQL JSON answer, then one byte every 0.2 s for two
minutes: never without progress), cut (sends headers and half
a body, then closes the connection), auth (always 401), endless (answers
a SELECT with one entity, and a CONSTRUCT with N-Triples that are one line
without end: 256 MiB of it), count (a store that is not Virtuoso: answers
any SELECT with a count of 0; `uploads` counts the PUTs and POSTs of
data).

    with FaultServer("proxy", upstream=v.base) as f:
        ...  # f.base + "/sparql-auth": Virtuoso's, through f
        f.updates  # [(status, text)] of each SPARQL update, in order

Mode proxy: a recording proxy in front of a real server.  Each request is
forwarded as it came (method, path, body, headers: digest authentication
passes through untouched) and the answer sent back; the text of each
SPARQL update (a body of type application/sparql-update, or the update=
field of a form) is recorded with the server's status, in the order the
server answered them.  One request at a time goes to the server, so that
order is the order the server ran them in."""

import http.client
import http.server
import socket
import threading
import time
import urllib.parse

# Hop-by-hop headers (RFC 9110 7.6.1) and those the proxy sets itself.
HOP = {"connection", "keep-alive", "proxy-connection", "te", "trailer",
       "transfer-encoding", "upgrade", "host", "content-length"}


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

    def _body(self):
        n = int(self.headers.get("Content-Length") or 0)
        return self.rfile.read(n) if n else b""

    def _update_text(self, body):
        """The SPARQL update @body carries, or None."""
        ctype = (self.headers.get("Content-Type") or "").split(";")[0]
        if ctype.strip() == "application/sparql-update":
            return body.decode("utf-8")
        if ctype.strip() == "application/x-www-form-urlencoded":
            form = urllib.parse.parse_qs(body.decode("utf-8"))
            if "update" in form:
                return form["update"][0]
        return None

    def _proxy(self):
        body = self._body()
        up = urllib.parse.urlsplit(self.server.upstream)
        headers = {k: v for k, v in self.headers.items()
                   if k.lower() not in HOP}
        with self.server.lock:
            conn = http.client.HTTPConnection(up.hostname, up.port,
                                              timeout=600)
            try:
                conn.request(self.command, self.path, body=body,
                             headers=headers)
                reply = conn.getresponse()
                data = reply.read()
                status = reply.status
                reply_headers = reply.getheaders()
            finally:
                conn.close()
            text = self._update_text(body)
            if text is not None:
                self.server.updates.append((status, text))
        self.send_response(status)
        for k, v in reply_headers:
            if k.lower() not in HOP:
                self.send_header(k, v)
        self.send_header("Content-Length", str(len(data)))
        self.send_header("Connection", "close")
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(data)

    def _answer(self):
        if self.server.mode == "proxy":
            return self._proxy()
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
        elif mode == "trickle":
            self.send_response(200)
            self.send_header("Content-Type",
                             "application/sparql-results+json")
            self.end_headers()
            try:
                self.wfile.write(b'{"head": {"vars": ["org"]}, "results": '
                                 b'{"bindings": [')
                for _ in range(600):
                    self.wfile.flush()
                    time.sleep(0.2)
                    self.wfile.write(b" ")
            except OSError:
                pass  # the client gave up: what it should do
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

    do_GET = do_POST = do_PUT = do_DELETE = do_HEAD = _answer


class FaultServer:
    def __init__(self, mode, upstream=None):
        self.httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0),
                                                     Handler)
        self.httpd.daemon_threads = True
        self.httpd.mode = mode
        self.httpd.uploads = 0
        self.httpd.upstream = upstream
        self.httpd.updates = []
        self.httpd.lock = threading.Lock()
        self.thread = threading.Thread(target=self.httpd.serve_forever,
                                       daemon=True)
        self.thread.start()

    @property
    def base(self):
        return "http://127.0.0.1:%d" % self.httpd.server_address[1]

    @property
    def url(self):
        return self.base + "/sparql"

    @property
    def updates(self):
        """[(status, text)] of the SPARQL updates forwarded, in order."""
        return list(self.httpd.updates)

    def close(self):
        self.httpd.shutdown()
        self.httpd.server_close()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()
        return False
