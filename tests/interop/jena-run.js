// Jena ARQ runner for engines.py, run by Rhino (Debian's librhino-java) in
// the same JVM as Jena: `arq.sparql` costs a JVM start (~1.5 s) per query,
// this answers a whole batch of jobs in one.
//
//   java -cp js.jar:FIX:JENA... org.mozilla.javascript.tools.shell.Main \
//     jena-run.js JOBS.json
//
// JOBS.json: see oxigraph-run.mjs.  Prints the same JSON list: one entry per
// job, {result: <SPARQL 1.1 results JSON as Jena writes it>, load_ms,
// query_ms} or {error}.  Queries are parsed as strict SPARQL 1.1 (not ARQ's
// extended syntax): the examples must run on any SPARQL 1.1 store.
var jena = Packages.org.apache.jena;
var System = java.lang.System;
var nio = java.nio;

jena.sys.JenaSystem.init();

function readText(path) {
  return String(nio.file.Files.readString(nio.file.Path.of(path)));
}

// Read one file into a model, naming it in any error.
function readInto(model, f) {
  try {
    jena.riot.RDFDataMgr.read(model, f.iri);
  } catch (e) {
    throw new Error(f.path + ": " + message(e));
  }
}

function loadDataset(job) {
  var ds = jena.query.DatasetFactory.create();
  var i;
  for (i = 0; i < job.data.length; i++) {
    readInto(ds.getDefaultModel(), job.data[i]);
  }
  for (i = 0; i < job.named.length; i++) {
    var m = jena.rdf.model.ModelFactory.createDefaultModel();
    readInto(m, job.named[i]);
    ds.addNamedModel(job.named[i].iri, m);
  }
  return ds;
}

function answer(ds, job) {
  var query = jena.query.QueryFactory.create(readText(job.query), job.query_iri,
                                             jena.query.Syntax.syntaxSPARQL_11);
  var out = new java.io.ByteArrayOutputStream();
  var qe = jena.query.QueryExecutionFactory.create(query, ds);
  try {
    if (query.isSelectType()) {
      jena.query.ResultSetFormatter.outputAsJSON(out, qe.execSelect());
    } else if (query.isAskType()) {
      var yes = qe.execAsk();
      out.write(new java.lang.String('{"head":{},"boolean":' + yes + "}").getBytes("UTF-8"));
    } else {
      throw new Error("only SELECT and ASK queries are compared");
    }
  } finally {
    qe.close();
  }
  return String(new java.lang.String(out.toByteArray(), "UTF-8"));
}

function message(e) {
  if (e && e.javaException) return String(e.javaException);
  return String(e && e.message ? e.message : e);
}

var jobs = JSON.parse(readText(arguments[0]));
var datasets = {};
var replies = [];
for (var n = 0; n < jobs.length; n++) {
  var job = jobs[n];
  var key = JSON.stringify([job.data, job.named]);
  try {
    var loadMs = null;
    if (!datasets.hasOwnProperty(key)) {
      var t0 = System.nanoTime();
      datasets[key] = loadDataset(job);
      loadMs = (System.nanoTime() - t0) / 1e6;
    }
    var t1 = System.nanoTime();
    var srj = answer(datasets[key], job);
    var queryMs = (System.nanoTime() - t1) / 1e6;
    replies.push('{"result":' + srj + ',"load_ms":' + JSON.stringify(loadMs) +
                 ',"query_ms":' + queryMs + "}");
  } catch (e) {
    replies.push(JSON.stringify({error: message(e)}));
  }
}
var stdout = new java.io.PrintStream(new java.io.FileOutputStream(java.io.FileDescriptor.out),
                                     true, "UTF-8");
stdout.print("[" + replies.join(",") + "]");
stdout.flush();
