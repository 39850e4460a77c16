#!/usr/bin/env python3
"""Measure the legibility of a diagram from the SVG that Graphviz rendered.

    diagram-check.py [--max-distance PT] [--quiet] FILE.svg...

For each file, one line of counts:

  label-overlaps    pairs of edge labels whose boxes overlap
  node-label        edge labels whose box overlaps a node (the legend too)
  misplaced         edge labels farther than --max-distance (default 16 pt)
                    from their own edge's line

An edge label is either the text of an edge, or a node of class
`edgelabel` that the edge runs through (azkb draws labels so, dot.c).
  membership        nodes drawn inside a cluster they do not belong to, or
                    outside one they do: azkb writes each node's containers
                    into its SVG class as `within-ID` (dot.c), and each
                    cluster's title is `cluster_ID`
  crossings         points where two edges' lines cross (away from the
                    nodes they share)
  shared            length in pt along which an edge runs within 2 pt of
                    another edge, more than 8 pt away from the nodes at its
                    ends: a trunk where edges cannot be told apart (a
                    fan-out merged into one line); counted on each edge
  size              the drawing's width x height in points, and its area

The exit status is 1 when a file has label overlaps, node-label overlaps,
misplaced labels or wrong memberships, else 0.  Only the standard library:
the SVG is read with xml.etree, Graphviz's cubic Bezier paths are sampled,
and text widths are estimated from Helvetica's metrics (Graphviz writes no
text widths into SVG), so a box may be off by a few per cent; overlaps
smaller than 1 pt are not counted.
"""

import argparse
import math
import re
import sys
import xml.etree.ElementTree as ET

SVG = "{http://www.w3.org/2000/svg}"

# Helvetica advance widths in thousandths of an em (the standard AFM).
_WIDTHS = {
    " ": 278, "!": 278, '"': 355, "#": 556, "$": 556, "%": 889, "&": 667,
    "'": 191, "(": 333, ")": 333, "*": 389, "+": 584, ",": 278, "-": 333,
    ".": 278, "/": 278, ":": 278, ";": 278, "<": 584, "=": 584, ">": 584,
    "?": 556, "@": 1015, "[": 278, "\\": 278, "]": 278, "^": 469, "_": 556,
    "`": 333, "{": 334, "|": 260, "}": 334, "~": 584,
    "A": 667, "B": 667, "C": 722, "D": 722, "E": 667, "F": 611, "G": 778,
    "H": 722, "I": 278, "J": 500, "K": 667, "L": 556, "M": 833, "N": 722,
    "O": 778, "P": 667, "Q": 778, "R": 722, "S": 667, "T": 611, "U": 722,
    "V": 667, "W": 944, "X": 667, "Y": 667, "Z": 611,
    "a": 556, "b": 556, "c": 500, "d": 556, "e": 556, "f": 278, "g": 556,
    "h": 556, "i": 222, "j": 222, "k": 500, "l": 222, "m": 833, "n": 556,
    "o": 556, "p": 556, "q": 556, "r": 333, "s": 500, "t": 278, "u": 556,
    "v": 500, "w": 722, "x": 500, "y": 500, "z": 500,
    "–": 556, "—": 1000, "…": 1000,
}


def text_width(text, size):
    return sum(_WIDTHS.get(c, 556 if c.isdigit() else 600) for c in text) * size / 1000


# ---- geometry ----

class Box:
    def __init__(self, x0, y0, x1, y1):
        self.x0, self.y0, self.x1, self.y1 = min(x0, x1), min(y0, y1), max(x0, x1), max(y0, y1)

    def union(self, other):
        return Box(min(self.x0, other.x0), min(self.y0, other.y0),
                   max(self.x1, other.x1), max(self.y1, other.y1))

    def overlap(self, other, slack=1.0):
        w = min(self.x1, other.x1) - max(self.x0, other.x0)
        h = min(self.y1, other.y1) - max(self.y0, other.y0)
        return w > slack and h > slack

    def contains_point(self, x, y):
        return self.x0 <= x <= self.x1 and self.y0 <= y <= self.y1

    def distance_to_point(self, x, y):
        dx = max(self.x0 - x, 0, x - self.x1)
        dy = max(self.y0 - y, 0, y - self.y1)
        return math.hypot(dx, dy)

    def area(self):
        return (self.x1 - self.x0) * (self.y1 - self.y0)


def box_of_points(points):
    xs = [p[0] for p in points]
    ys = [p[1] for p in points]
    return Box(min(xs), min(ys), max(xs), max(ys)) if xs else None


_NUM = re.compile(r"-?\d+(?:\.\d+)?(?:e-?\d+)?")


def numbers(text):
    return [float(n) for n in _NUM.findall(text)]


def path_polyline(d):
    """Graphviz paths: `M x,y C x,y x,y x,y ...` (cubic Beziers in a row)."""
    nums = numbers(d)
    pts = list(zip(nums[0::2], nums[1::2]))
    if not pts:
        return []
    if "C" not in d and "c" not in d:
        return pts
    out = [pts[0]]
    for i in range(1, len(pts) - 2, 3):
        p0, p1, p2, p3 = out[-1], pts[i], pts[i + 1], pts[i + 2]
        for k in range(1, 9):
            t = k / 8
            u = 1 - t
            out.append((u**3 * p0[0] + 3 * u * u * t * p1[0] + 3 * u * t * t * p2[0] + t**3 * p3[0],
                        u**3 * p0[1] + 3 * u * u * t * p1[1] + 3 * u * t * t * p2[1] + t**3 * p3[1]))
    return out


def shape_points(g):
    """Points of the outlines drawn directly in @g (not its text)."""
    pts = []
    for el in g.iter():
        tag = el.tag.replace(SVG, "")
        if tag in ("polygon", "polyline"):
            nums = numbers(el.get("points", ""))
            pts += list(zip(nums[0::2], nums[1::2]))
        elif tag == "ellipse":
            cx, cy = float(el.get("cx")), float(el.get("cy"))
            rx, ry = float(el.get("rx")), float(el.get("ry"))
            pts += [(cx - rx, cy - ry), (cx + rx, cy + ry)]
        elif tag == "path":
            pts += path_polyline(el.get("d", ""))
    return pts


def text_box(el):
    size = float(el.get("font-size", "14"))
    x, y = float(el.get("x")), float(el.get("y"))
    w = text_width("".join(el.itertext()), size)
    anchor = el.get("text-anchor", "start")
    x0 = x - w / 2 if anchor == "middle" else x - w if anchor == "end" else x
    # y is the baseline: ascent about 0.8 em above, descent 0.2 em below.
    return Box(x0, y - 0.8 * size, x0 + w, y + 0.2 * size)


def point_segment_distance(p, a, b):
    (px, py), (ax, ay), (bx, by) = p, a, b
    dx, dy = bx - ax, by - ay
    if dx == 0 and dy == 0:
        return math.hypot(px - ax, py - ay)
    t = max(0, min(1, ((px - ax) * dx + (py - ay) * dy) / (dx * dx + dy * dy)))
    return math.hypot(px - (ax + t * dx), py - (ay + t * dy))


def box_polyline_distance(box, line):
    if any(box.contains_point(*p) for p in line):
        return 0.0
    corners = [(box.x0, box.y0), (box.x1, box.y0), (box.x1, box.y1), (box.x0, box.y1)]
    best = min((box.distance_to_point(*p) for p in line), default=math.inf)
    for a, b in zip(line, line[1:]):
        for c in corners:
            best = min(best, point_segment_distance(c, a, b))
        if segments_cross(a, b, corners[0], corners[2]) or segments_cross(a, b, corners[1], corners[3]):
            return 0.0
    return best


def segments_cross(a, b, c, d):
    def orient(p, q, r):
        return (q[0] - p[0]) * (r[1] - p[1]) - (q[1] - p[1]) * (r[0] - p[0])
    d1, d2 = orient(c, d, a), orient(c, d, b)
    d3, d4 = orient(a, b, c), orient(a, b, d)
    return d1 * d2 < 0 and d3 * d4 < 0


def crossing_point(a, b, c, d):
    den = (a[0] - b[0]) * (c[1] - d[1]) - (a[1] - b[1]) * (c[0] - d[0])
    t = ((a[0] - c[0]) * (c[1] - d[1]) - (a[1] - c[1]) * (c[0] - d[0])) / den
    return (a[0] + t * (b[0] - a[0]), a[1] + t * (b[1] - a[1]))


# ---- reading the SVG ----

def title_of(g):
    t = g.find(SVG + "title")
    return t.text if t is not None and t.text else ""


def classes_of(g):
    return (g.get("class") or "").split()


def read(path):
    root = ET.parse(path).getroot()
    width = float(re.sub("[a-z]+$", "", root.get("width", "0")))
    height = float(re.sub("[a-z]+$", "", root.get("height", "0")))
    nodes, edges, clusters = {}, [], {}
    for g in root.iter(SVG + "g"):
        cls = classes_of(g)
        if "node" in cls:
            box = box_of_points(shape_points(g))
            if box is None:  # a plain-shape node (the legend): its text
                texts = [text_box(t) for t in g.iter(SVG + "text")]
                box = texts[0] if texts else None
                for t in texts[1:]:
                    box = box.union(t)
            nodes[title_of(g)] = {
                "box": box,
                "label": "edgelabel" in cls,
                "within": {c[len("within-"):] for c in cls if c.startswith("within-")},
            }
        elif "edge" in cls:
            line = []
            for p in g.iter(SVG + "path"):
                line += path_polyline(p.get("d", ""))
            label = None
            for t in g.iter(SVG + "text"):
                b = text_box(t)
                label = b if label is None else label.union(b)
            ends = title_of(g).replace("->", "\x00").replace("--", "\x00").split("\x00")
            edges.append({"line": line, "label": label, "ends": ends, "title": title_of(g)})
        elif "cluster" in cls:
            name = title_of(g)
            if name.startswith("cluster_"):
                clusters[name[len("cluster_"):]] = box_of_points(shape_points(g))
    return width, height, nodes, edges, clusters


# ---- measures ----

def label_boxes(edges, nodes):
    """(box, lines of its edge) for every edge label, text or node."""
    out = [(e["label"], e["line"]) for e in edges if e["label"] is not None]
    for name, n in nodes.items():
        if n["label"] and n["box"] is not None:
            lines = [p for e in edges if name in e["ends"] for p in e["line"]]
            out.append((n["box"], lines))
    return out


def label_overlaps(edges, nodes):
    labels = [b for b, _ in label_boxes(edges, nodes)]
    return sum(1 for i in range(len(labels)) for j in range(i + 1, len(labels))
               if labels[i].overlap(labels[j]))


def node_label_overlaps(edges, nodes):
    return sum(1 for b, _ in label_boxes(edges, nodes)
               for n in nodes.values()
               if not n["label"] and n["box"] is not None and b.overlap(n["box"]))


def misplaced(edges, nodes, limit):
    return ["%.0f,%.0f" % (b.x0, b.y0) for b, line in label_boxes(edges, nodes)
            if line and box_polyline_distance(b, line) > limit]


def wrong_membership(nodes, clusters):
    wrong = []
    for name, n in nodes.items():
        if n["box"] is None:
            continue
        cx, cy = (n["box"].x0 + n["box"].x1) / 2, (n["box"].y0 + n["box"].y1) / 2
        inside = {c for c, box in clusters.items() if box is not None and box.contains_point(cx, cy)}
        if inside != n["within"]:
            wrong.append(name)
    return wrong


def crossings(edges, nodes):
    def near_end(p, e):
        for end in e["ends"]:
            n = nodes.get(end)
            if n is not None and n["box"] is not None and n["box"].distance_to_point(*p) < 4:
                return True
        return False

    count = 0
    segs = [list(zip(e["line"], e["line"][1:])) for e in edges]
    boxes = [box_of_points(e["line"]) if e["line"] else None for e in edges]
    for i in range(len(edges)):
        for j in range(i + 1, len(edges)):
            if boxes[i] is None or boxes[j] is None or not boxes[i].overlap(boxes[j], 0):
                continue
            points = []
            for a, b in segs[i]:
                for c, d in segs[j]:
                    if segments_cross(a, b, c, d):
                        p = crossing_point(a, b, c, d)
                        if near_end(p, edges[i]) or near_end(p, edges[j]):
                            continue
                        if all(math.hypot(p[0] - q[0], p[1] - q[1]) > 2 for q in points):
                            points.append(p)
            count += len(points)
    return count


def resample(line, step):
    """Points every @step pt along the polyline @line."""
    out = []
    for a, b in zip(line, line[1:]):
        d = math.hypot(b[0] - a[0], b[1] - a[1])
        n = max(1, int(d / step))
        for k in range(n):
            t = k / n
            out.append((a[0] + t * (b[0] - a[0]), a[1] + t * (b[1] - a[1])))
    if line:
        out.append(line[-1])
    return out


def shared_length(edges, nodes, step=3.0, near=2.0, away=8.0):
    cell = 4.0
    grid = {}
    samples = []
    for i, e in enumerate(edges):
        pts = resample(e["line"], step)
        ends = [nodes[n]["box"] for n in e["ends"] if n in nodes and nodes[n]["box"] is not None]
        pts = [p for p in pts if all(b.distance_to_point(*p) > away for b in ends)]
        samples.append(pts)
        for p in pts:
            grid.setdefault((int(p[0] // cell), int(p[1] // cell)), []).append((i, p))
    total = 0.0
    for i, pts in enumerate(samples):
        for p in pts:
            cx, cy = int(p[0] // cell), int(p[1] // cell)
            hit = False
            for dx in (-1, 0, 1):
                for dy in (-1, 0, 1):
                    for j, q in grid.get((cx + dx, cy + dy), ()):
                        if j != i and math.hypot(p[0] - q[0], p[1] - q[1]) <= near:
                            hit = True
                            break
                    if hit:
                        break
                if hit:
                    break
            if hit:
                total += step
    return total


def check(path, limit):
    width, height, nodes, edges, clusters = read(path)
    far = misplaced(edges, nodes, limit)
    wrong = wrong_membership(nodes, clusters)
    result = {
        "file": path,
        "nodes": sum(1 for n in nodes.values() if not n["label"]),
        "edges": len(edges),
        "label-overlaps": label_overlaps(edges, nodes),
        "node-label": node_label_overlaps(edges, nodes),
        "misplaced": len(far),
        "membership": len(wrong),
        "crossings": crossings(edges, nodes),
        "shared": round(shared_length(edges, nodes)),
        "width": round(width),
        "height": round(height),
        "area": round(width * height),
        "details": {"misplaced": far, "membership": wrong},
    }
    return result


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--max-distance", type=float, default=16.0)
    ap.add_argument("--quiet", action="store_true", help="no details")
    ap.add_argument("files", nargs="+")
    args = ap.parse_args()
    bad = False
    for path in args.files:
        r = check(path, args.max_distance)
        print("%s: nodes %d, edges %d, label-overlaps %d, node-label %d, misplaced %d, "
              "membership %d, crossings %d, shared %d pt, size %dx%d pt (%d pt²)"
              % (r["file"], r["nodes"], r["edges"], r["label-overlaps"], r["node-label"],
                 r["misplaced"], r["membership"], r["crossings"], r["shared"], r["width"],
                 r["height"], r["area"]))
        if not args.quiet:
            for kind, names in r["details"].items():
                if names:
                    print("  %s: %s" % (kind, ", ".join(names[:12])))
        if r["label-overlaps"] or r["node-label"] or r["misplaced"] or r["membership"]:
            bad = True
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
