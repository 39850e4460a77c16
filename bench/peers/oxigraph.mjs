// bench peer: load an RDF file into Oxigraph's in-memory store (npm
// oxigraph, the JS/WASM bindings) and time SPARQL queries in-process.
//
//   node oxigraph.mjs [--budget SECONDS] FILE FORMAT REPEATS OUTDIR QUERY.rq...
//
// Prints one JSON object: {load_ms, triples, repeats, budget_s, queries:
// {name: [ms...]}} and writes each query's rows to OUTDIR/NAME.tsv
// (N-Triples terms, tab separated, sorted) for bench/run to compare with
// azkb's answers.  A file that starts `#closure-from` is a time-filtered
// closure, driven one level a query (closure() below).  A query is repeated REPEATS times, but no more once its
// runs add up to the budget (default 30 s): Oxigraph takes minutes on some
// of them, so the list of times can be shorter than REPEATS.
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { webcrypto } from 'node:crypto';

// Oxigraph 0.5's wasm draws its random numbers from
// globalThis.crypto.getRandomValues, a global only from Node 19 (Debian
// 12's Node 18 needs --experimental-global-webcrypto): without it queries
// die with a wasm "unreachable".  Give it Node's own Web Crypto.
if (globalThis.crypto === undefined) globalThis.crypto = webcrypto;

const require = createRequire(import.meta.url);
const oxigraph = require('oxigraph');

const args = process.argv.slice(2);
let budgetMs = 30e3;
if (args[0] === '--budget') {
  budgetMs = Number(args[1]) * 1e3;
  args.splice(0, 2);
}
const [file, format, repeatsArg, outdir, ...queries] = args;
const mime = { turtle: 'text/turtle', ntriples: 'application/n-triples' }[format];
if (!mime || !queries.length || !(budgetMs >= 0)) {
  console.error('usage: node oxigraph.mjs [--budget SECONDS] FILE turtle|ntriples REPEATS OUTDIR QUERY.rq...');
  process.exit(2);
}

// The file is fed in chunks: a 1M-entity export is larger than a JS string.
function* chunks(name) {
  const fd = fs.openSync(name, 'r');
  try {
    for (;;) {
      const buf = Buffer.allocUnsafe(16 << 20);
      const n = fs.readSync(fd, buf, 0, buf.length, null);
      if (n === 0) return;
      yield buf.subarray(0, n);
    }
  } finally {
    fs.closeSync(fd);
  }
}

function term(t) {
  if (t === undefined) return '';
  switch (t.termType) {
    case 'NamedNode': return `<${t.value}>`;
    case 'BlankNode': return `_:${t.value}`;
    case 'Literal': return t.toString();
    default: return t.toString();
  }
}

const store = new oxigraph.Store();
let t0 = process.hrtime.bigint();
store.load(chunks(file), { format: mime, no_transaction: true });
const loadMs = Number(process.hrtime.bigint() - t0) / 1e6;

const result = {
  load_ms: loadMs, triples: store.size, repeats: Number(repeatsArg),
  budget_s: budgetMs / 1e3, queries: {},
};
// A closure with a time filter on every hop is not a SPARQL 1.1 property
// path (a path cannot test each hop's statement node), so an Oxigraph user
// drives it from the host language: the one-hop query from each node
// reached, until no new node comes.  The file's first line
// `#closure-from <IRI>` says so; %NODE% in the query is the node asked
// from.  (One query a level with the frontier in VALUES was tried first:
// Oxigraph did not push the VALUES into the pattern and scanned every
// statement each level, minutes for 139 rows.)  The answer holds the
// start (zero hops).
function closure(text) {
  const [head, start] = text.match(/^#closure-from (<[^>]*>)\n/);
  const query = text.slice(head.length);
  const seen = new Set([start]);
  const todo = [start];
  while (todo.length > 0) {
    const node = todo.pop();
    for (const b of store.query(query.replaceAll('%NODE%', node))) {
      const x = term(b.get('x'));
      if (!seen.has(x)) {
        seen.add(x);
        todo.push(x);
      }
    }
  }
  return [...seen];
}

for (const q of queries) {
  const name = path.basename(q, '.rq');
  const text = fs.readFileSync(q, 'utf8');
  const driven = text.startsWith('#closure-from ');
  const times = [];
  let rows;
  let spent = 0;
  for (let i = 0; i < Number(repeatsArg) && spent <= budgetMs; i++) {
    t0 = process.hrtime.bigint();
    const r = driven ? closure(text) : store.query(text);
    times.push(Number(process.hrtime.bigint() - t0) / 1e6);
    spent += times[times.length - 1];
    rows = r;
  }
  let lines;
  if (driven) {
    lines = [...rows].sort();
  } else if (typeof rows === 'boolean') {
    lines = [String(rows)];
  } else {
    const vars = text.match(/SELECT\s+(DISTINCT\s+)?([^{]*?)\s*WHERE/i)[2]
      .split(/\s+/).filter((v) => v.startsWith('?'))
      // `(COUNT(*) AS ?count)` names ?count: drop the closing parenthesis.
      .map((v) => v.slice(1).replace(/\W+$/, ''));
    lines = rows.map((b) => vars.map((v) => term(b.get(v))).join('\t'));
    lines.sort();
  }
  fs.writeFileSync(path.join(outdir, `${name}.tsv`), lines.map((l) => l + '\n').join(''));
  result.queries[name] = times;
}
console.log(JSON.stringify(result));
