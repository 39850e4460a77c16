#!/usr/bin/python3
"""bench peer helper: the part of an N-Triples file a set of queries can read.

    subset.py SOURCE.nt OUTDIR QUERY.rq...

npm's Oxigraph is wasm32 and cannot hold the 1M-entity graph (4 GiB), so
bench/run gives it, at that size, only the triples its queries can match.
The choice is mechanical, from each query's algebra (rdflib's SPARQL
parser), never by hand:

- a triple pattern with an IRI, or a property path over IRIs, in predicate
  position keeps every triple with one of those predicates;
- a variable ?v with a pattern `?v rdf:predicate <R>` is a statement node of
  relation R: every pattern whose subject is ?v (plain IRI or alternative of
  IRIs as predicate) is covered by keeping ALL triples of the nodes that
  have `rdf:predicate <R>`, instead of all triples with that predicate.
  This relies on the query naming such a variable once per scope, as
  azkb's --sparql translation does; bench/run compares the answers with
  azkb's on the full graph, so a wrong subset fails the run.

A query with a variable predicate, a negated property set, or a zero-length
path between two variables could match any triple or node: it is refused.

Queries without statement nodes share one subset ("direct"); those with
them share another ("statements").  Each subset is written once, with a
stamp (source size and time, the predicate sets) beside it, and reused
while the stamp matches.  Prints one JSON object: {groups: [{name, file,
queries, triples, source_triples, predicates, statement_relations,
filter_s, cached}]}; filter_s is the time of the whole filter run.
"""
import json
import os
import sys
import time

from rdflib import BNode, URIRef, Variable
from rdflib.paths import (AlternativePath, InvPath, MulPath, NegatedPath,
                          SequencePath)
from rdflib.plugins.sparql import prepareQuery
from rdflib.plugins.sparql.parserutils import CompValue

RDF_PREDICATE = URIRef("http://www.w3.org/1999/02/22-rdf-syntax-ns#predicate")


class Refused(Exception):
    pass


def triple_patterns(node, out):
    """Every triple pattern anywhere in the algebra (BGPs, NOT EXISTS...)."""
    if isinstance(node, CompValue):
        if node.name in ("BGP", "TriplesBlock") and "triples" in node:
            for t in node["triples"]:
                t = list(t)  # a TriplesBlock holds s p o s p o ... flat
                for i in range(0, len(t), 3):
                    out.append(tuple(t[i:i + 3]))
        for v in node.values():
            triple_patterns(v, out)
    elif isinstance(node, (list, tuple, set)):
        for v in node:
            triple_patterns(v, out)
    return out


def is_var(t):
    return isinstance(t, (Variable, BNode))


def path_iris(p, s, o):
    """IRIs a predicate (IRI or path) can match; refuses what matches all."""
    if isinstance(p, URIRef):
        return {p}
    if is_var(p):
        raise Refused("a variable predicate can match any triple")
    if isinstance(p, NegatedPath):
        raise Refused("a negated property set can match any triple")
    if isinstance(p, InvPath):
        return path_iris(p.arg, o, s)
    if isinstance(p, (AlternativePath, SequencePath)):
        return set().union(*(path_iris(a, None, None) for a in p.args))
    if isinstance(p, MulPath):
        if p.mod in ("*", "?") and is_var(s) and is_var(o):
            raise Refused("a zero-length path between two variables "
                          "matches every node")
        return path_iris(p.path, None, None)
    raise Refused("unknown path %r" % (p,))


def plain(p):
    """An IRI, or an alternative of IRIs: each step starts at the subject."""
    if isinstance(p, URIRef):
        return True
    return isinstance(p, AlternativePath) and all(
        isinstance(a, URIRef) for a in p.args)


def analyse(text):
    """(direct predicates, statement relations) the query can read."""
    patterns = triple_patterns(prepareQuery(text).algebra, [])
    anchored = {}
    for s, p, o in patterns:
        if is_var(s) and p == RDF_PREDICATE and isinstance(o, URIRef):
            anchored.setdefault(s, set()).add(o)
    direct = set()
    for s, p, o in patterns:
        if s in anchored and plain(p):
            continue  # all triples of the statement nodes are kept
        direct |= path_iris(p, s, o)
    relations = set().union(*anchored.values()) if anchored else set()
    return direct, relations


def nt(iri):
    return ("<%s>" % iri).encode()


def stamp_of(source, direct, relations):
    st = os.stat(source)
    return {"source": os.path.abspath(source), "size": st.st_size,
            "mtime": st.st_mtime,
            # plain strings: an rdflib URIRef never equals a str
            "predicates": sorted(map(str, direct)),
            "statement_relations": sorted(map(str, relations))}


def lines(source):
    with open(source, "rb") as f:
        for line in f:
            if line[:1] in (b"#", b"\n", b""):
                continue
            yield line


def split(line):
    s, p, rest = line.split(b" ", 2)
    return s, p, rest


def write_subsets(source, todo):
    """One pass per subset kind: direct predicates need one pass, statement
    nodes two (find the nodes, then keep their triples)."""
    nodes = set()
    want_nodes = set()
    for g in todo:
        want_nodes |= {nt(r) for r in g["statement_relations"]}
        g["out"] = open(g["file"] + ".tmp", "wb")
        g["triples"] = 0
        g["preds"] = {nt(p) for p in g["predicates"]}
    rdf_predicate = nt(RDF_PREDICATE)
    first = [g for g in todo if not g["statement_relations"]]
    second = [g for g in todo if g["statement_relations"]]
    total = 0
    for line in lines(source):
        total += 1
        s, p, rest = split(line)
        for g in first:
            if p in g["preds"]:
                g["out"].write(line)
                g["triples"] += 1
        if p == rdf_predicate and want_nodes:
            if rest.rsplit(b" .", 1)[0].strip() in want_nodes:
                nodes.add(s)
    if second:
        for line in lines(source):
            s, p, _ = split(line)
            for g in second:
                if p in g["preds"] or s in nodes:
                    g["out"].write(line)
                    g["triples"] += 1
    for g in todo:
        g["out"].close()
        os.rename(g["file"] + ".tmp", g["file"])
        del g["out"], g["preds"]
        g["source_triples"] = total


def main():
    if len(sys.argv) < 4:
        sys.exit("usage: subset.py SOURCE.nt OUTDIR QUERY.rq...")
    source, outdir, queries = sys.argv[1], sys.argv[2], sys.argv[3:]
    os.makedirs(outdir, exist_ok=True)
    groups = {}
    for q in queries:
        try:
            direct, relations = analyse(open(q).read())
        except Refused as e:
            sys.exit("subset.py: %s: %s" % (q, e))
        name = "statements" if relations else "direct"
        g = groups.setdefault(name, {"name": name, "queries": [],
                                     "predicates": set(),
                                     "statement_relations": set()})
        g["queries"].append(q)
        g["predicates"] |= direct
        g["statement_relations"] |= relations
    todo = []
    for g in groups.values():
        g["file"] = os.path.join(outdir, g["name"] + ".nt")
        stamp = stamp_of(source, g["predicates"], g["statement_relations"])
        g["predicates"] = stamp["predicates"]
        g["statement_relations"] = stamp["statement_relations"]
        stamp_file = g["file"] + ".stamp"
        try:
            old = json.load(open(stamp_file))
        except (OSError, ValueError):
            old = {}
        g["cached"] = (os.path.exists(g["file"]) and
                       {k: old.get(k) for k in stamp} == stamp)
        if g["cached"]:
            for k in ("triples", "source_triples", "filter_s"):
                g[k] = old[k]
        else:
            g["stamp"] = stamp
            todo.append(g)
    if todo:
        t0 = time.perf_counter()
        write_subsets(source, todo)
        took = time.perf_counter() - t0
        for g in todo:
            g["filter_s"] = took
            stamp = g.pop("stamp")
            stamp.update(triples=g["triples"], filter_s=took,
                         source_triples=g["source_triples"])
            with open(g["file"] + ".stamp.tmp", "w") as f:
                json.dump(stamp, f)
            os.rename(g["file"] + ".stamp.tmp", g["file"] + ".stamp")
    print(json.dumps({"groups": list(groups.values())}))


if __name__ == "__main__":
    main()
