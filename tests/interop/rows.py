"""Normalized result rows: the one form in which answers from different
SPARQL engines (and from azkb) are compared.

A result table becomes text:

    ?x<TAB>?y                 header: the variables, in the query's order
    <http://ex/a><TAB>"1"^^<http://www.w3.org/2001/XMLSchema#integer>
    _:b0<TAB>UNDEF            one line per solution

Terms are written as in N-Triples (IRIs in <>, literals quoted with their
language tag or datatype, xsd:string left implicit), an unbound variable is
UNDEF, blank nodes are renamed _:b0, _:b1, ... in a fixed order (engines name
them arbitrarily), and rows are sorted unless the caller keeps the engine's
order (for ORDER BY).  Duplicate rows are kept: SPARQL answers are bags, and
whether a row comes once or twice is part of what is checked.  An ASK result
is the single line "true" or "false".  A query without variables has the
header "(no variables)", and each of its (empty) solutions is the line "()".

Inputs: SPARQL 1.1 Query Results JSON (.srj, what the engine runners
return) and XML (.srx, what the W3C test suites ship).  Standard library
only, so any python3 can use it.
"""

import json
import xml.etree.ElementTree as ET

XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"
RDF_LANGSTRING = "http://www.w3.org/1999/02/22-rdf-syntax-ns#langString"
SRX_NS = "{http://www.w3.org/2005/sparql-results#}"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
UNDEF = "UNDEF"
NO_VARIABLES = "(no variables)"
EMPTY_ROW = "()"


class Term:
    """One RDF term of a result: kind is 'iri', 'bnode' or 'literal'."""

    __slots__ = ("kind", "value", "lang", "datatype")

    def __init__(self, kind, value, lang=None, datatype=None):
        self.kind = kind
        self.value = value
        # Language tags are case-insensitive (BCP 47); engines differ in
        # whether they keep the case they read.
        self.lang = lang.lower() if lang else None
        if datatype in (XSD_STRING, RDF_LANGSTRING):
            datatype = None  # RDF 1.1: implicit for simple and tagged literals
        self.datatype = datatype


class Table:
    """A query answer: boolean for ASK, else variables and rows of terms
    (None where a variable is unbound)."""

    def __init__(self, variables=None, rows=None, boolean=None):
        self.variables = list(variables or [])
        self.rows = list(rows or [])
        self.boolean = boolean


def escape_string(s):
    out = []
    for ch in s:
        if ch == "\\":
            out.append("\\\\")
        elif ch == '"':
            out.append('\\"')
        elif ch == "\n":
            out.append("\\n")
        elif ch == "\r":
            out.append("\\r")
        elif ch == "\t":
            out.append("\\t")
        elif ord(ch) < 0x20 or ord(ch) == 0x7F:
            out.append("\\u%04X" % ord(ch))
        else:
            out.append(ch)
    return "".join(out)


def escape_iri(s):
    # N-Triples forbids these in IRIREF; \u escapes keep a line one line.
    bad = set('<>"{}|^`\\ ')
    return "".join(
        "\\u%04X" % ord(c) if c in bad or ord(c) <= 0x20 else c for c in s
    )


def term_text(term, bnode_names):
    if term is None:
        return UNDEF
    if term.kind == "iri":
        return "<" + escape_iri(term.value) + ">"
    if term.kind == "bnode":
        return bnode_names.get(term.value, "_:?")
    text = '"' + escape_string(term.value) + '"'
    if term.lang:
        return text + "@" + term.lang
    if term.datatype:
        return text + "^^<" + escape_iri(term.datatype) + ">"
    return text


def _row_text(row, names):
    return "\t".join(term_text(t, names) for t in row)


def _name_bnodes(rows):
    """Blank node labels are local to one answer; give them names that do not
    depend on the engine or on row order: each blank node is known by the
    rows it occurs in (written with itself as "_:self" and every other blank
    node masked), and the nodes are numbered in the order of those
    signatures.  Nodes with equal signatures are interchangeable in the
    answer, so which of them comes first does not change the rows."""
    rows_of = {}
    for i, row in enumerate(rows):
        for t in row:
            if t is not None and t.kind == "bnode":
                rows_of.setdefault(t.value, set()).add(i)
    if not rows_of:
        return {}
    masked = {b: "_:?" for b in rows_of}

    def signature(b):
        names = dict(masked)
        names[b] = "_:self"
        return sorted(_row_text(rows[i], names) for i in rows_of[b])

    order = sorted(rows_of, key=signature)
    return {b: "_:b%d" % n for n, b in enumerate(order)}


def normalize(table, keep_order=False):
    """The normalized lines of a Table (a list of str, without newlines)."""
    if table.boolean is not None:
        return ["true" if table.boolean else "false"]
    names = _name_bnodes(table.rows)
    # A solution that binds nothing still counts: it must show as a line.
    lines = [_row_text(row, names) if row else EMPTY_ROW for row in table.rows]
    if not keep_order:
        lines.sort()
    header = "\t".join("?" + v for v in table.variables) or NO_VARIABLES
    return [header] + lines


def to_text(lines):
    return "".join(line + "\n" for line in lines)


# --- SPARQL results JSON ----------------------------------------------------


def _json_term(b):
    kind = b.get("type")
    if kind == "uri":
        return Term("iri", b["value"])
    if kind == "bnode":
        return Term("bnode", b["value"])
    if kind in ("literal", "typed-literal"):
        return Term("literal", b["value"], b.get("xml:lang"), b.get("datatype"))
    raise ValueError("unknown term type in SPARQL JSON results: %r" % kind)


def table_from_json(obj):
    """A Table from parsed SPARQL 1.1 Query Results JSON."""
    if "boolean" in obj:
        return Table(boolean=bool(obj["boolean"]))
    variables = obj.get("head", {}).get("vars", [])
    rows = []
    for binding in obj.get("results", {}).get("bindings", []):
        unknown = set(binding) - set(variables)
        if unknown:
            raise ValueError("binding of undeclared variable(s) %s" % sorted(unknown))
        rows.append(
            tuple(_json_term(binding[v]) if v in binding else None for v in variables)
        )
    return Table(variables, rows)


# --- SPARQL results XML -----------------------------------------------------


def _xml_term(el):
    tag = el.tag[len(SRX_NS):] if el.tag.startswith(SRX_NS) else el.tag
    text = el.text or ""
    if tag == "uri":
        return Term("iri", text.strip())
    if tag == "bnode":
        return Term("bnode", text.strip())
    if tag == "literal":
        return Term("literal", text, el.get(XML_LANG), el.get("datatype"))
    raise ValueError("unknown term element <%s> in SPARQL XML results" % tag)


def table_from_xml(source):
    """A Table from SPARQL Query Results XML (a path or a file object)."""
    root = ET.parse(source).getroot()
    head = root.find(SRX_NS + "head")
    variables = [] if head is None else [
        v.get("name") for v in head.findall(SRX_NS + "variable")
    ]
    boolean = root.find(SRX_NS + "boolean")
    if boolean is not None:
        return Table(boolean=(boolean.text or "").strip() == "true")
    rows = []
    results = root.find(SRX_NS + "results")
    for result in [] if results is None else results.findall(SRX_NS + "result"):
        bound = {}
        for b in result.findall(SRX_NS + "binding"):
            name = b.get("name")
            if name not in variables:
                raise ValueError("binding of undeclared variable %r" % name)
            bound[name] = _xml_term(list(b)[0])
        rows.append(tuple(bound.get(v) for v in variables))
    return Table(variables, rows)


def table_from_file(path):
    """A Table from a .srx/.xml or .srj/.json results file."""
    if path.endswith((".srj", ".json")):
        with open(path, encoding="utf-8") as f:
            return table_from_json(json.load(f))
    return table_from_xml(path)


# --- comparing ---------------------------------------------------------------


def parse_lines(text):
    """Lines of a normalized-rows text (as written by to_text)."""
    return [line for line in text.split("\n") if line != ""] if text else []


def align(table, variables):
    """The same Table with its columns in the order of `variables` (SELECT *
    leaves the order to the engine), or None when the variable sets differ.
    Align before normalizing, so blank nodes are named the same way."""
    if table.boolean is not None:
        return table
    if sorted(table.variables) != sorted(variables):
        return None
    index = [table.variables.index(v) for v in variables]
    rows = [tuple(row[i] for i in index) for row in table.rows]
    return Table(variables, rows)


def diff(expected, actual):
    """Human-readable differences between two lists of normalized lines, as
    multisets ('-' missing, '+' unexpected); empty when they agree."""
    from collections import Counter

    e, a = Counter(expected), Counter(actual)
    out = []
    for line in sorted(set(e) | set(a)):
        if e[line] > a[line]:
            out += ["- " + line] * (e[line] - a[line])
        elif a[line] > e[line]:
            out += ["+ " + line] * (a[line] - e[line])
    return out
