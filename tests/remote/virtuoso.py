"""A real Virtuoso for the remote tests, on 127.0.0.1 only.

    with Virtuoso() as v:            # raises Unavailable when it cannot start
        v.sparql_url                 # http://127.0.0.1:PORT/sparql
        v.update_url                 # .../sparql-auth (digest, dba/dba)
        v.graph_store_url            # .../sparql-graph-crud-auth (digest)
        v.kill(); v.start()          # SIGKILL mid-work, then the same database

Debian's virtuoso-opensource-7-bin ships no ini and no database: each
instance gets a temporary folder holding a generated virtuoso.ini and the
database files, two free loopback ports (SQL and HTTP), and runs as
`virtuoso-t +foreground +configfile DIR/virtuoso.ini`, a child of this
process.  It is stopped and its folder removed whatever happens: on leaving
the `with` block (a failed assertion included), at exit, on SIGTERM, SIGINT
and SIGHUP (turned into an exit that runs the clean-up), and, should this
process die without any clean-up at all (SIGKILL), by the kernel: the server
is started with PR_SET_PDEATHSIG so it gets SIGKILL when its parent dies.
"""

import atexit
import ctypes
import os
import shutil
import signal
import socket
import subprocess
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request

VIRTUOSO = "virtuoso-t"
USER = "dba"
PASSWORD = "dba"  # a fresh Virtuoso database's administrator
START_TIMEOUT = 180.0  # seconds: about 2 s on an idle machine, a minute on a busy one

PR_SET_PDEATHSIG = 1


class Unavailable(Exception):
    """The server cannot run here (not installed, or it would not start)."""


def free_port():
    """A loopback TCP port nobody listens on (the kernel's choice)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _die_with_parent():
    # Runs in the child between fork and exec.
    libc = ctypes.CDLL(None, use_errno=True)
    libc.prctl(PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)


_live = set()


def _stop_all():
    for v in list(_live):
        v.close()


def _exit_on_signal(signum, frame):
    raise SystemExit(128 + signum)


atexit.register(_stop_all)
for _sig in (signal.SIGTERM, signal.SIGINT, signal.SIGHUP):
    if signal.getsignal(_sig) in (signal.SIG_DFL, signal.default_int_handler):
        signal.signal(_sig, _exit_on_signal)


INI = """\
[Database]
DatabaseFile = {d}/azkb.db
ErrorLogFile = {d}/azkb.log
LockFile = {d}/azkb.lck
TransactionFile = {d}/azkb.trx
xa_persistent_file = {d}/azkb.pxa
MaxCheckpointRemap = 2000

[TempDatabase]
DatabaseFile = {d}/azkb-temp.db
TransactionFile = {d}/azkb-temp.trx

[Parameters]
ServerPort = 127.0.0.1:{sql}
DirsAllowed = ., {d}
NumberOfBuffers = 20000
MaxDirtyBuffers = 15000
ServerThreads = 8
CheckpointInterval = 0
; A MOVE is one transaction, and Virtuoso aborts one whose roll-forward log
; passes this (SR325); its default, 50 MB, stops the MOVE of some 500,000
; triples.  The most it takes (a 32-bit number of bytes).
TransactionAfterImageLimit = {after_image_limit}

[HTTPServer]
ServerPort = 127.0.0.1:{http}
ServerRoot = {d}
ServerThreads = 8
MaxClientConnections = 8

[SPARQL]
ResultSetMaxRows = 10000000
MaxQueryExecutionTime = {max_query_time}
MaxQueryCostEstimationTime = 0
"""


class Virtuoso:
    def __init__(self, after_image_limit=2147483647, max_query_time=120):
        if shutil.which(VIRTUOSO) is None:
            raise Unavailable(
                "%s is not installed (Debian package virtuoso-opensource-7-bin;"
                " scripts/deps.sh test installs it)" % VIRTUOSO)
        self.dir = tempfile.mkdtemp(prefix="azkb-virtuoso-")
        self.proc = None
        self.sql_port = free_port()
        self.http_port = free_port()
        with open(os.path.join(self.dir, "virtuoso.ini"), "w") as f:
            f.write(INI.format(d=self.dir, sql=self.sql_port,
                               http=self.http_port,
                               after_image_limit=after_image_limit,
                               max_query_time=max_query_time))
        _live.add(self)
        try:
            self.start()
        except BaseException:
            self.close()
            raise

    # ---- addresses ----

    @property
    def base(self):
        return "http://127.0.0.1:%d" % self.http_port

    @property
    def sparql_url(self):
        return self.base + "/sparql"

    @property
    def update_url(self):
        return self.base + "/sparql-auth"

    @property
    def graph_store_url(self):
        return self.base + "/sparql-graph-crud-auth"

    # ---- life ----

    def start(self):
        """Start the server on this instance's database; wait until it
        answers `ASK {}`."""
        log = open(os.path.join(self.dir, "server.out"), "ab")
        self.proc = subprocess.Popen(
            [VIRTUOSO, "+foreground", "+configfile",
             os.path.join(self.dir, "virtuoso.ini")],
            cwd=self.dir, stdin=subprocess.DEVNULL, stdout=log,
            stderr=subprocess.STDOUT, preexec_fn=_die_with_parent)
        log.close()
        deadline = time.monotonic() + START_TIMEOUT
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise Unavailable("%s exited with status %d at start-up:\n%s"
                                  % (VIRTUOSO, self.proc.returncode,
                                     self.log_tail()))
            if self.answers():
                return
            time.sleep(0.2)
        raise Unavailable("%s did not answer within %g s:\n%s"
                          % (VIRTUOSO, START_TIMEOUT, self.log_tail()))

    def answers(self):
        url = self.sparql_url + "?" + urllib.parse.urlencode(
            {"query": "ASK {}"})
        try:
            with urllib.request.urlopen(url, timeout=2) as r:
                return r.status == 200
        except (urllib.error.URLError, OSError):
            return False

    def checkpoint(self):
        """Write everything to the database file (SQL `checkpoint` through
        isql-vt, from the same package).  Virtuoso 7.2.5 rolls a MOVE or
        an ADD forward only in part after a crash (a graph of 78,852
        triples came back with 43,010), so a test that kills the server
        checkpoints first: what it checks is azkb, not that."""
        subprocess.run(["isql-vt", "127.0.0.1:%d" % self.sql_port, USER,
                        PASSWORD, "exec=checkpoint;"], check=True,
                       stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                       timeout=120)

    def stopped(self):
        """SIGSTOP the server until the `with` block ends (SIGCONT): it
        keeps its connections but answers nothing, so a client is caught
        in the middle of whatever it was doing."""
        server = self

        class Frozen:
            def __enter__(self):
                os.kill(server.proc.pid, signal.SIGSTOP)

            def __exit__(self, *exc):
                if server.proc is not None and server.proc.poll() is None:
                    os.kill(server.proc.pid, signal.SIGCONT)
                return False
        return Frozen()

    def kill(self):
        """SIGKILL the server (a crash: no checkpoint, no goodbye)."""
        if self.proc is not None and self.proc.poll() is None:
            self.proc.kill()
            self.proc.wait()
        self.proc = None

    def stop(self):
        """Stop the server gracefully (SIGTERM), or kill it after 20 s."""
        if self.proc is not None and self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
        self.proc = None

    def close(self):
        """Stop the server and remove its folder; safe to call twice."""
        self.kill()
        if self.dir is not None:
            shutil.rmtree(self.dir, ignore_errors=True)
            self.dir = None
        _live.discard(self)

    def log_tail(self, lines=20):
        try:
            with open(os.path.join(self.dir, "server.out"), "rb") as f:
                text = f.read().decode("utf-8", "replace")
        except OSError:
            return "(no log)"
        return "\n".join(text.splitlines()[-lines:])

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()
        return False

    # ---- direct access, for checking what azkb did ----

    def select(self, query):
        """Rows of a SELECT as lists of strings (values as the TSV results
        write them), through the anonymous endpoint."""
        url = self.sparql_url + "?" + urllib.parse.urlencode({"query": query})
        req = urllib.request.Request(
            url, headers={"Accept": "text/tab-separated-values"})
        with urllib.request.urlopen(req, timeout=60) as r:
            text = r.read().decode("utf-8")
        lines = text.splitlines()
        return [line.split("\t") for line in lines[1:]]

    def update(self, update):
        """Run a SPARQL update as dba (digest auth)."""
        mgr = urllib.request.HTTPPasswordMgrWithDefaultRealm()
        mgr.add_password(None, self.base, USER, PASSWORD)
        opener = urllib.request.build_opener(
            urllib.request.HTTPDigestAuthHandler(mgr))
        req = urllib.request.Request(
            self.update_url, data=update.encode("utf-8"),
            headers={"Content-Type": "application/sparql-update"})
        with opener.open(req, timeout=60) as r:
            r.read()

    def count(self, graph):
        """Triples in named graph @graph."""
        rows = self.select("SELECT (COUNT(*) AS ?n) WHERE { GRAPH <%s> "
                           "{ ?s ?p ?o } }" % graph)
        return int(rows[0][0])

    def graphs(self, prefix):
        """Named graphs whose IRI starts with @prefix."""
        rows = self.select("SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o }"
                           " FILTER(STRSTARTS(STR(?g), \"%s\")) }" % prefix)
        return sorted(r[0].strip('"<>') for r in rows)
