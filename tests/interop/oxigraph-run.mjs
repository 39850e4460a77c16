// Oxigraph runner for engines.py: answers a batch of SPARQL jobs in one
// process with the npm package's in-memory Store.
//
//   node oxigraph-run.mjs JOBS.json
//
// JOBS.json is a list of {query, query_iri, data: [{path, iri, format}],
// named: [...]} (see engines.py).  Prints a JSON list, one entry per job:
// {result: <SPARQL 1.1 results JSON>, load_ms, query_ms} or {error}.
import { createRequire } from "node:module";
import { webcrypto } from "node:crypto";
import { readFileSync } from "node:fs";
import { performance } from "node:perf_hooks";

// Oxigraph 0.5's wasm draws its random numbers from
// globalThis.crypto.getRandomValues.  Node 19+ has that global; Node 18
// (Debian 12's nodejs) only under --experimental-global-webcrypto, and
// without it every query that needs one (aggregates, ORDER BY,
// sequence paths, ...) dies with a wasm "unreachable".  Give it Node's own
// Web Crypto.
if (globalThis.crypto === undefined) globalThis.crypto = webcrypto;

const require = createRequire(import.meta.url);
const oxigraph = require("oxigraph");

// Load one file, naming it in any error.
function loadFile(store, f, graph) {
  try {
    const options = { format: f.format, base_iri: f.iri };
    if (graph) options.to_graph_name = oxigraph.namedNode(f.iri);
    store.load(readFileSync(f.path, "utf8"), options);
  } catch (e) {
    throw new Error(`${f.path}: ${e && e.message ? e.message : e}`);
  }
}

function loadStore(job) {
  const store = new oxigraph.Store();
  for (const f of job.data) loadFile(store, f, false);
  for (const f of job.named) loadFile(store, f, true);
  return store;
}

const jobs = JSON.parse(readFileSync(process.argv[2], "utf8"));
const stores = new Map();
const replies = [];
for (const job of jobs) {
  const key = JSON.stringify([job.data, job.named]);
  try {
    let loadMs;
    if (!stores.has(key)) {
      const t0 = performance.now();
      stores.set(key, loadStore(job));
      loadMs = performance.now() - t0;
    }
    const text = readFileSync(job.query, "utf8");
    const t0 = performance.now();
    const out = stores.get(key).query(text, {
      base_iri: job.query_iri,
      results_format: "application/sparql-results+json",
    });
    const queryMs = performance.now() - t0;
    if (typeof out !== "string") throw new Error("only SELECT and ASK queries are compared");
    replies.push({ result: JSON.parse(out), load_ms: loadMs, query_ms: queryMs });
  } catch (e) {
    replies.push({ error: String(e && e.message ? e.message : e) });
  }
}
process.stdout.write(JSON.stringify(replies));
