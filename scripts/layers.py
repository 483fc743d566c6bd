#!/usr/bin/env python3
# Copied from the workplace tool library (shared/tools/layers.py) so that the layering test runs on a clean clone.
"""The import structure of a Python package: circles, imports that go against a layer order, and imports of
a module's private names from another module. Reads the code only (ast); runs nothing.

    python ../shared/tools/layers.py src/policybot                 # circles + private imports
    python ../shared/tools/layers.py src/policybot --order text documents catalogue index answering \
        workspace serving evaluation cli                           # + imports against that order

With --order, each name is a subpackage (or a module) of the package, lowest first; a module may import its
own layer and the layers below it. Modules not named in the order are listed. Exit status 1 when anything
is found, so it can stand in a test or CI.
"""
from __future__ import annotations

import argparse
import ast
import sys
from pathlib import Path


def modules(root: Path) -> dict[str, Path]:
    pkg = root.name
    out = {}
    for p in sorted(root.rglob("*.py")):
        rel = p.relative_to(root.parent).with_suffix("")
        parts = list(rel.parts)
        if parts[-1] == "__init__":
            parts = parts[:-1]
        out[".".join(parts)] = p
    assert any(m == pkg for m in out) or out, f"no modules under {root}"
    return out


def imports(name: str, path: Path, known: set[str]) -> list[tuple[str, list[str], int, bool]]:
    """(imported module, names taken, line, inside a function) for every import of a known module."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    is_pkg = path.name == "__init__.py"
    here = name.split(".") if is_pkg else name.split(".")[:-1]
    found = []

    def visit(node, in_func):
        for child in ast.iter_child_nodes(node):
            f = in_func or isinstance(child, (ast.FunctionDef, ast.AsyncFunctionDef))
            if isinstance(child, ast.Import):
                for a in child.names:
                    if a.name in known:
                        found.append((a.name, [], child.lineno, f))
            elif isinstance(child, ast.ImportFrom):
                if child.level:
                    base = here[: len(here) - (child.level - 1)] if child.level > 1 else here
                    target = ".".join(base + ([child.module] if child.module else []))
                else:
                    target = child.module or ""
                names = [a.name for a in child.names]
                if target in known:
                    subs = [n for n in names if f"{target}.{n}" in known]
                    for s in subs:
                        found.append((f"{target}.{s}", [], child.lineno, f))
                    rest = [n for n in names if n not in subs]
                    if rest:
                        found.append((target, rest, child.lineno, f))
            visit(child, f)

    visit(tree, False)
    return found


def circles(graph: dict[str, set[str]]) -> list[list[str]]:
    index, low, stack, on, out, n = {}, {}, [], set(), [], [0]

    def strong(v):
        index[v] = low[v] = n[0]; n[0] += 1
        stack.append(v); on.add(v)
        for w in graph.get(v, ()):
            if w not in index:
                strong(w); low[v] = min(low[v], low[w])
            elif w in on:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            comp = []
            while True:
                w = stack.pop(); on.discard(w); comp.append(w)
                if w == v:
                    break
            if len(comp) > 1:
                out.append(sorted(comp))

    sys.setrecursionlimit(10000)
    for v in graph:
        if v not in index:
            strong(v)
    return out


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("package", type=Path)
    ap.add_argument("--order", nargs="+", help="layers, lowest first (subpackages or modules of the package)")
    a = ap.parse_args()
    root = a.package.resolve()
    mods = modules(root)
    known = set(mods)
    edges = {m: imports(m, p, known) for m, p in mods.items()}
    graph = {m: {t for t, _, _, _ in es if t != m and not (mods[t].name == "__init__.py" and m.startswith(t + "."))}
             for m, es in edges.items()}
    problems = 0

    cs = circles(graph)
    print(f"{len(mods)} modules, {sum(len(v) for v in graph.values())} import edges, {len(cs)} circles")
    for c in cs:
        problems += 1
        print("  circle: " + " -> ".join(c))
        for m in c:
            for t, names, line, _ in edges[m]:
                if t in c:
                    print(f"    {mods[m].relative_to(root.parent)}:{line} imports {t} {', '.join(names)}".rstrip())

    private = [(m, t, n, line) for m, es in edges.items() for t, names, line, _ in es for n in names
               if n.startswith("_") and not n.startswith("__") and t != m]
    print(f"{len(private)} imports of another module's private names")
    for m, t, n, line in private:
        problems += 1
        print(f"  {mods[m].relative_to(root.parent)}:{line} takes {n} from {t}")

    inner = [(m, t, line) for m, es in edges.items() for t, _, line, f in es if f]
    print(f"{len(inner)} imports of the package's own modules inside functions (fine for a heavy optional "
          f"dependency, a sign of a circle otherwise)")

    if a.order:
        pkg = root.name
        layer_of = {}
        for m in mods:
            rest = m[len(pkg) + 1:] if m.startswith(pkg + ".") else ""
            head = rest.split(".")[0] if rest else ""
            if head in a.order:
                layer_of[m] = a.order.index(head)
        loose = sorted(m for m in mods if m not in layer_of and m != pkg)
        if loose:
            print(f"{len(loose)} modules in no layer: " + ", ".join(loose))
        against = [(m, t, line) for m, es in edges.items() for t, _, line, _ in es
                   if m in layer_of and t in layer_of and layer_of[t] > layer_of[m]]
        print(f"{len(against)} imports against the order {' < '.join(a.order)}")
        for m, t, line in against:
            problems += 1
            print(f"  {mods[m].relative_to(root.parent)}:{line} imports {t}")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
