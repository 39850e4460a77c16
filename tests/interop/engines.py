"""Run SPARQL queries on real engines that no one here wrote: rdflib (Debian's
python3-rdflib, in this process), Oxigraph (npm oxigraph@0.5, one node
process) and Apache Jena ARQ (Debian's jars, one JVM driven by a Rhino
script).

Each engine takes a *batch* of jobs and answers them in one process, so a
JVM or a WebAssembly module starts once per batch, not once per query:

    job = Job(query="q.rq", data=["a.ttl"], named=["g.ttl"])
    for job, answer in run("jena", [job, ...]):
        answer.table       # rows.Table, or None when answer.error says why

`data` files make up the default graph; each `named` file is a named graph
whose name is the file's IRI (file:///abs/path), as the W3C test manifests
assume.  A relative IRI in a query resolves against the query file's IRI.
Datasets are loaded once per distinct (data, named) pair within a batch.

rdflib needs Debian's interpreter: run this with /usr/bin/python3.
"""

import json
import os
import pathlib
import subprocess
import tempfile
import time
import zipfile

import rows

HERE = pathlib.Path(__file__).resolve().parent
ROOT = HERE.parent.parent
ENGINES = ("rdflib", "oxigraph", "jena")

# What Jena ARQ needs from /usr/share/java, and nothing more: with every jar
# there, clashing SLF4J bindings stop it at start-up.
JENA_JARS = """jena-arq jena-base jena-cmds jena-core jena-iri jena-dboe-base
  jena-dboe-index jena-dboe-storage jena-dboe-trans-data jena-dboe-transaction
  jena-rdfconnection jena-tdb jena-tdb2 jena-shacl jena-shex commons-cli
  commons-codec commons-compress commons-csv commons-io commons-lang3
  dexx.collection gson guava jackson-annotations jackson-core jackson-databind
  jakarta.json-api jsonld-java titanium-json-ld httpclient httpcore thrift
  protobuf slf4j-api slf4j-nop""".split()
JAVA_DIR = pathlib.Path("/usr/share/java")
RHINO_JAR = JAVA_DIR / "js.jar"
# Short-lived JVM: the C1 compiler alone and the serial collector start
# fastest.
JAVA_FLAGS = ["-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xss8m"]

FORMATS = {
    ".ttl": ("turtle", "text/turtle"),
    ".nt": ("nt", "application/n-triples"),
    ".nq": ("nquads", "application/n-quads"),
    ".trig": ("trig", "application/trig"),
    ".rdf": ("xml", "application/rdf+xml"),
    ".owl": ("xml", "application/rdf+xml"),
}


class EngineError(Exception):
    """The engine could not run at all (not one job answered)."""


class Job:
    def __init__(self, query, data=(), named=()):
        self.query = str(pathlib.Path(query).resolve())
        self.data = [str(pathlib.Path(p).resolve()) for p in data]
        self.named = [str(pathlib.Path(p).resolve()) for p in named]

    def as_dict(self):
        return {
            "query": self.query,
            "query_iri": file_iri(self.query),
            "data": [{"path": p, "iri": file_iri(p), "format": media_type(p)}
                     for p in self.data],
            "named": [{"path": p, "iri": file_iri(p), "format": media_type(p)}
                      for p in self.named],
        }


class Answer:
    def __init__(self, table=None, error=None, load_ms=None, query_ms=None):
        self.table = table
        self.error = error
        self.load_ms = load_ms
        self.query_ms = query_ms


def file_iri(path):
    return pathlib.Path(path).resolve().as_uri()


def _format(path):
    suffix = pathlib.Path(path).suffix.lower()
    if suffix not in FORMATS:
        raise EngineError("%s: unknown RDF syntax (extension %r)" % (path, suffix))
    return FORMATS[suffix]


def media_type(path):
    return _format(path)[1]


def work_dir():
    """Where files made at test time go: the build directory."""
    base = os.environ.get("AZKB_INTEROP_WORK")
    if not base:
        build = os.environ.get("AZKB_BUILD_ROOT") or str(ROOT / "build")
        base = os.path.join(build, "interop")
    os.makedirs(base, exist_ok=True)
    return pathlib.Path(base)


def run(engine, jobs):
    """Answer every job on `engine`; yields (job, Answer) in job order."""
    jobs = list(jobs)
    if not jobs:
        return []
    if engine == "rdflib":
        answers = _run_rdflib(jobs)
    elif engine == "oxigraph":
        answers = _run_external(engine, _oxigraph_command(), jobs)
    elif engine == "jena":
        answers = _run_external(engine, _jena_command(), jobs)
    else:
        raise EngineError("unknown engine %r (one of %s)" % (engine, ", ".join(ENGINES)))
    return list(zip(jobs, answers))


def version(engine):
    """The engine's version, as it reports it."""
    if engine == "rdflib":
        import rdflib

        return "rdflib " + rdflib.__version__
    if engine == "oxigraph":
        pkg = HERE / "node_modules" / "oxigraph" / "package.json"
        with open(pkg, encoding="utf-8") as f:
            return "oxigraph " + json.load(f)["version"]
    if engine == "jena":
        with zipfile.ZipFile(JAVA_DIR / "jena-arq.jar") as jar:
            pom = jar.read("META-INF/maven/org.apache.jena/jena-arq/pom.properties")
        props = dict(line.split("=", 1) for line in pom.decode().splitlines()
                     if "=" in line and not line.startswith("#"))
        return "jena-arq " + props.get("version", "?")
    raise EngineError("unknown engine %r" % engine)


# --- rdflib: in this process ------------------------------------------------


def _rdflib_term(t):
    import rdflib

    if t is None:
        return None
    if isinstance(t, rdflib.URIRef):
        return rows.Term("iri", str(t))
    if isinstance(t, rdflib.BNode):
        return rows.Term("bnode", str(t))
    if isinstance(t, rdflib.Literal):
        dt = str(t.datatype) if t.datatype is not None else None
        return rows.Term("literal", str(t), t.language, dt)
    raise ValueError("unexpected rdflib term %r" % (t,))


def _rdflib_parse(graph, path):
    try:
        graph.parse(path, format=_format(path)[0], publicID=file_iri(path))
    except Exception as e:  # rdflib's parsers raise many kinds
        raise ValueError("%s: %s: %s" % (path, type(e).__name__, e)) from e


def _rdflib_dataset(job):
    import rdflib

    ds = rdflib.Dataset()
    for p in job.data:
        _rdflib_parse(ds.default_context, p)
    for p in job.named:
        _rdflib_parse(ds.graph(rdflib.URIRef(file_iri(p))), p)
    return ds


def _run_rdflib(jobs):
    try:
        import rdflib  # noqa: F401
    except ImportError as e:
        raise EngineError("rdflib is not importable (run with /usr/bin/python3 "
                          "and install python3-rdflib): %s" % e)
    datasets = {}
    answers = []
    for job in jobs:
        key = (tuple(job.data), tuple(job.named))
        load_ms = None
        try:
            if key not in datasets:
                t0 = time.perf_counter()
                datasets[key] = _rdflib_dataset(job)
                load_ms = (time.perf_counter() - t0) * 1000
            ds = datasets[key]
            with open(job.query, encoding="utf-8") as f:
                text = f.read()
            t0 = time.perf_counter()
            result = ds.query(text, base=file_iri(job.query))
            if result.type == "ASK":
                table = rows.Table(boolean=bool(result.askAnswer))
            elif result.type == "SELECT":
                # The bindings, not the iterator: iterating drops the one
                # empty solution of a query without variables.
                body = [tuple(_rdflib_term(b.get(v)) for v in result.vars)
                        for b in result.bindings]
                table = rows.Table([str(v) for v in result.vars], body)
            else:
                raise ValueError("only SELECT and ASK queries are compared")
            query_ms = (time.perf_counter() - t0) * 1000
            answers.append(Answer(table, load_ms=load_ms, query_ms=query_ms))
        except Exception as e:  # one failed job does not stop the batch
            answers.append(Answer(error="%s: %s" % (type(e).__name__, e)))
    return answers


# --- Oxigraph and Jena: one child process per batch ---------------------------


def _oxigraph_command():
    if not (HERE / "node_modules" / "oxigraph").is_dir():
        raise EngineError("oxigraph is not installed: npm ci --prefix tests/interop")
    return ["node", str(HERE / "oxigraph-run.mjs")]


def _jena_xerces_fix():
    """Debian's jena-core moved its shaded Xerces classes to package xerces.*
    but left their message bundles under org/apache/jena/ext/xerces/, so
    XSDDatatype's initialiser dies.  A folder holding those bundles under
    xerces/, first on the class path, fixes it.  Made once in the build
    directory (atomically: parallel tests may race)."""
    target = work_dir() / "jena-xerces-fix"
    if (target / "xerces").is_dir():
        return target
    prefix = "org/apache/jena/ext/xerces/"
    tmp = pathlib.Path(tempfile.mkdtemp(prefix="jena-xerces-fix.", dir=work_dir()))
    with zipfile.ZipFile(JAVA_DIR / "jena-core.jar") as jar:
        for name in jar.namelist():
            if name.startswith(prefix) and name.endswith(".properties"):
                out = tmp / "xerces" / name[len(prefix):]
                out.parent.mkdir(parents=True, exist_ok=True)
                out.write_bytes(jar.read(name))
    try:
        os.rename(tmp, target)
    except OSError:  # another process made it first
        import shutil

        shutil.rmtree(tmp, ignore_errors=True)
    return target


def jena_classpath():
    missing = [j for j in JENA_JARS if not (JAVA_DIR / (j + ".jar")).exists()]
    if missing:
        raise EngineError("Jena jars missing from %s: %s (apt-get install "
                          "libapache-jena-java)" % (JAVA_DIR, " ".join(missing)))
    parts = [str(_jena_xerces_fix())]
    parts += [str(JAVA_DIR / (j + ".jar")) for j in JENA_JARS]
    return ":".join(parts)


def _jena_command():
    if not RHINO_JAR.exists():
        raise EngineError("%s missing (apt-get install librhino-java)" % RHINO_JAR)
    cp = str(RHINO_JAR) + ":" + jena_classpath()
    return (["java"] + JAVA_FLAGS +
            ["-cp", cp, "org.mozilla.javascript.tools.shell.Main",
             str(HERE / "jena-run.js")])


def _run_external(engine, command, jobs):
    with tempfile.NamedTemporaryFile("w", suffix=".json", encoding="utf-8",
                                     dir=work_dir(), delete=False) as f:
        json.dump([j.as_dict() for j in jobs], f)
        jobs_file = f.name
    try:
        proc = subprocess.run(command + [jobs_file], capture_output=True)
    finally:
        os.unlink(jobs_file)
    if proc.returncode != 0:
        raise EngineError("%s runner failed (exit %d): %s" % (
            engine, proc.returncode, proc.stderr.decode("utf-8", "replace").strip()))
    try:
        replies = json.loads(proc.stdout.decode("utf-8"))
    except ValueError as e:
        raise EngineError("%s runner wrote no JSON (%s); stderr: %s" % (
            engine, e, proc.stderr.decode("utf-8", "replace").strip()))
    if len(replies) != len(jobs):
        raise EngineError("%s runner answered %d of %d jobs" % (
            engine, len(replies), len(jobs)))
    answers = []
    for reply in replies:
        if "error" in reply:
            answers.append(Answer(error=reply["error"]))
            continue
        try:
            table = rows.table_from_json(reply["result"])
        except (ValueError, KeyError) as e:
            answers.append(Answer(error="bad results JSON: %s" % e))
            continue
        answers.append(Answer(table, load_ms=reply.get("load_ms"),
                              query_ms=reply.get("query_ms")))
    return answers
