"""The W3C SPARQL 1.1 test manifests (mf:QueryEvaluationTest entries) as
plain records, and checking an answer against a test's expected results.

Conventions the tests assume: qt:data is the default graph; each
qt:graphData file is a named graph whose name is the file's IRI; a relative
IRI in the query resolves against the query file's IRI; results compare as
multisets (bag semantics), ORDER BY not checked.  Reused by the query
helper's tests to check azkb against the same cases.
"""

import os

import rows

MF = "http://www.w3.org/2001/sw/DataAccess/tests/test-manifest#"
QT = "http://www.w3.org/2001/sw/DataAccess/tests/test-query#"


class Case:
    def __init__(self, name, title, query, data, named, result):
        self.name = name  # the fragment of the test IRI, e.g. "pp01"
        self.title = title
        self.query = query  # absolute paths
        self.data = data
        self.named = named
        self.result = result

    def expected(self):
        return rows.table_from_file(self.result)


def _local_path(iri, base_dir):
    from urllib.parse import unquote, urlparse

    return os.path.join(base_dir, os.path.basename(unquote(urlparse(str(iri)).path)))


def read_manifest(path):
    """The query evaluation tests of a manifest, in mf:entries order."""
    import rdflib
    from rdflib.collection import Collection

    path = os.path.abspath(path)
    base_dir = os.path.dirname(path)
    g = rdflib.Graph()
    g.parse(path, format="turtle", publicID=rdflib.URIRef("file://" + path))
    mf = rdflib.Namespace(MF)
    qt = rdflib.Namespace(QT)
    cases = []
    for manifest in g.subjects(rdflib.RDF.type, mf.Manifest):
        for lst in g.objects(manifest, mf.entries):
            for test in Collection(g, lst):
                if (test, rdflib.RDF.type, mf.QueryEvaluationTest) not in g:
                    continue
                action = g.value(test, mf.action)
                cases.append(Case(
                    name=str(test).rsplit("#", 1)[-1],
                    title=str(g.value(test, mf.name)),
                    query=_local_path(g.value(action, qt.query), base_dir),
                    data=[_local_path(d, base_dir) for d in g.objects(action, qt.data)],
                    named=sorted(_local_path(d, base_dir)
                                 for d in g.objects(action, qt.graphData)),
                    result=_local_path(g.value(test, mf.result), base_dir)))
    return cases


def compare(expected, actual):
    """Differences between two Tables as a list of lines ('-' missing,
    '+' unexpected); empty when they agree as multisets."""
    if expected.boolean is not None or actual.boolean is not None:
        if expected.boolean == actual.boolean:
            return []
        return ["- %s" % rows.normalize(expected)[0], "+ %s" % rows.normalize(actual)[0]]
    aligned = rows.align(actual, expected.variables)
    if aligned is None:
        return ["- variables %s" % " ".join(expected.variables),
                "+ variables %s" % " ".join(actual.variables)]
    return rows.diff(rows.normalize(expected)[1:], rows.normalize(aligned)[1:])
