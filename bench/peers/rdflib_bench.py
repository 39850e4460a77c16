#!/usr/bin/python3
"""bench peer: load an RDF file into rdflib (Debian's python3-rdflib) and
time SPARQL queries in-process.

    /usr/bin/python3 rdflib_bench.py FILE FORMAT REPEATS OUTDIR QUERY.rq...

Prints one JSON object like peers/oxigraph.mjs and writes each query's rows
to OUTDIR/NAME.tsv (N-Triples terms, tab separated, sorted).
"""
import json
import os
import sys
import time

import rdflib


def main():
    path, fmt, repeats, outdir, *queries = sys.argv[1:]
    graph = rdflib.Graph()
    t0 = time.perf_counter()
    graph.parse(path, format={"turtle": "turtle", "ntriples": "nt"}[fmt])
    result = {"load_ms": (time.perf_counter() - t0) * 1000,
              "triples": len(graph), "queries": {}}
    for q in queries:
        name = os.path.splitext(os.path.basename(q))[0]
        with open(q, encoding="utf-8") as f:
            text = f.read()
        times = []
        for _ in range(int(repeats)):
            t0 = time.perf_counter()
            res = graph.query(text)
            rows = list(res) if res.type == "SELECT" else [res.askAnswer]
            times.append((time.perf_counter() - t0) * 1000)
        if res.type == "SELECT":
            lines = sorted("\t".join(v.n3() if v is not None else ""
                                     for v in row) for row in rows)
        else:
            lines = [str(rows[0]).lower()]
        with open(os.path.join(outdir, name + ".tsv"), "w",
                  encoding="utf-8") as f:
            f.writelines(line + "\n" for line in lines)
        result["queries"][name] = times
    print(json.dumps(result))


if __name__ == "__main__":
    main()
