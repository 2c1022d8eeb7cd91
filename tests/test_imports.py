"""The import lint: the package's layers, no cycles, and an extractor free of I/O.

A small AST walk over attrition/ (every import, including those inside functions):

- no module imports another in a circle;
- a module imports only from its own sub-package and the layers below it, lowest
  first: errors, extract, corpus.read, corpus.store, corpus.official, corpus.check,
  corpus.scale, corpus.ingest, corpus.update, corpus.web, cli;
- nothing in attrition/extract/ imports a module that does I/O (databases,
  network, processes, files beyond its own packaged reference data) or the corpus.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "attrition"

LAYERS = (
    "attrition.errors", "attrition.extract", "attrition.corpus.read", "attrition.corpus.store",
    "attrition.corpus.official", "attrition.corpus.check", "attrition.corpus.scale",
    "attrition.corpus.ingest", "attrition.corpus.update", "attrition.corpus.web", "attrition.cli",
)

IO_MODULES = (
    "sqlite3", "sqlite_utils", "socket", "http", "urllib.request", "urllib.error", "ftplib", "requests",
    "feedparser", "trafilatura", "lxml", "openpyxl", "click", "datasette", "uvicorn", "fcntl",
    "subprocess", "multiprocessing", "concurrent", "distributed", "dask", "shutil", "tempfile",
    "selenium", "attrition.corpus", "attrition.cli",
)


def module_name(path: Path) -> str:
    parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


MODULES = {module_name(p): p for p in sorted(PACKAGE.rglob("*.py"))}


def imported(path: Path) -> set[str]:
    """Return every module `path` imports (absolute names; `from X import Y` gives X.Y when Y is a module)."""
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.add(node.module)
            found.update(f"{node.module}.{alias.name}" for alias in node.names
                         if f"{node.module}.{alias.name}" in MODULES)
    return found


def graph() -> dict[str, set[str]]:
    """{module: the attrition modules it imports}."""
    return {name: {m for m in imported(path) if m in MODULES and m != name} for name, path in MODULES.items()}


def layer(module: str) -> int | None:
    """Return the index in LAYERS of the layer `module` belongs to (None: the bare packages)."""
    for index, prefix in enumerate(LAYERS):
        if module == prefix or module.startswith(prefix + "."):
            return index
    return None


def find_cycle(edges: dict[str, set[str]]) -> list[str] | None:
    """Return one import cycle (a list of modules, first = last), or None."""
    state: dict[str, int] = {}
    stack: list[str] = []

    def visit(node: str) -> list[str] | None:
        state[node] = 1
        stack.append(node)
        for nxt in sorted(edges.get(node, ())):
            if state.get(nxt) == 1:
                return stack[stack.index(nxt):] + [nxt]
            if nxt not in state:
                found = visit(nxt)
                if found:
                    return found
        stack.pop()
        state[node] = 2
        return None

    for start in sorted(edges):
        if start not in state:
            found = visit(start)
            if found:
                return found
    return None


def upward_imports(edges: dict[str, set[str]]) -> list[str]:
    """Return 'a -> b' for each import of a higher layer than the importer's own."""
    bad = []
    for source, targets in edges.items():
        for target in targets:
            mine, theirs = layer(source), layer(target)
            if mine is not None and theirs is not None and theirs > mine:
                bad.append(f"{source} -> {target}")
    return sorted(bad)


def test_the_lint_sees_every_module_and_its_imports():
    edges = graph()
    assert "attrition.corpus.store.articles" in edges and "attrition.cli.main" in edges
    assert "attrition.corpus.store.connection" in edges["attrition.corpus.store.articles"]
    assert all(layer(m) is not None for m in MODULES if m not in ("attrition", "attrition.corpus")), \
        [m for m in MODULES if layer(m) is None]


def test_the_lint_finds_a_cycle_and_an_upward_import():
    assert find_cycle({"a": {"b"}, "b": {"c"}, "c": {"a"}}) == ["a", "b", "c", "a"]
    assert find_cycle({"a": {"b"}, "b": set()}) is None
    assert upward_imports({"attrition.corpus.store.query": {"attrition.corpus.check.run"}}) == [
        "attrition.corpus.store.query -> attrition.corpus.check.run"]


def test_no_import_cycles():
    assert find_cycle(graph()) is None


def test_imports_point_down_the_layers():
    assert upward_imports(graph()) == []


@pytest.mark.parametrize("module", sorted(m for m in MODULES if m.startswith("attrition.extract")))
def test_the_extractor_does_no_io(module):
    bad = sorted(m for m in imported(MODULES[module])
                 if any(m == io or m.startswith(io + ".") for io in IO_MODULES))
    assert bad == [], f"{module} imports {bad}"
