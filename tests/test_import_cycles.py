"""No import cycles among listlint's modules (read from the source with ast, nothing imported).

Every import counts: at module level, under `if TYPE_CHECKING:` and inside functions. A
cycle means two modules that each need the other, so neither can be understood, tested or
moved alone; break it by moving the shared piece to a lower module or by passing it in.
An import inside a function may close a cycle only when a comment on its line, or on the
line above, says why it must ("import cycle: ...").
"""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent / "src" / "listlint"


def _module_names(package: Path) -> dict[str, Path]:
    names = {}
    for path in package.rglob("*.py"):
        parts = path.relative_to(package.parent).with_suffix("").parts
        names[".".join(parts[:-1] if parts[-1] == "__init__" else parts)] = path
    return names


def _documented(lines: list[str], node: ast.stmt) -> bool:
    """A comment on the import's line or the line above it names the cycle it closes."""
    nearby = lines[max(0, node.lineno - 2) : node.lineno]
    return any("#" in line and "cycle" in line.split("#", 1)[1].lower() for line in nearby)


def _imports(tree: ast.AST) -> list[tuple[ast.stmt, bool]]:
    """Every import statement, with whether it lies inside a function."""
    found = []

    def visit(node: ast.AST, in_function: bool) -> None:
        for child in ast.iter_child_nodes(node):
            if isinstance(child, (ast.Import, ast.ImportFrom)):
                found.append((child, in_function))
            visit(child, in_function or isinstance(child, (ast.FunctionDef, ast.AsyncFunctionDef)))

    visit(tree, False)
    return found


def _targets(statement: ast.stmt, module: str, is_package: bool, names: dict[str, Path]) -> set[str]:
    """The listlint modules an import statement loads."""
    if isinstance(statement, ast.Import):
        return {alias.name for alias in statement.names if alias.name in names}
    assert isinstance(statement, ast.ImportFrom)
    if statement.level:
        package = module.split(".") if is_package else module.split(".")[:-1]
        base = ".".join(package[: len(package) - statement.level + 1] + ([statement.module] if statement.module else []))
    else:
        base = statement.module or ""
    targets = {base} if base in names else set()
    return targets | {f"{base}.{alias.name}" for alias in statement.names if f"{base}.{alias.name}" in names}


def import_graph(package: Path = PACKAGE) -> dict[str, set[str]]:
    """Each module of the package, and the package's modules it imports."""
    names = _module_names(package)
    graph: dict[str, set[str]] = {name: set() for name in names}
    for module, path in names.items():
        source = path.read_text("utf-8")
        lines = source.splitlines()
        for statement, in_function in _imports(ast.parse(source)):
            if in_function and _documented(lines, statement):
                continue
            graph[module] |= _targets(statement, module, path.name == "__init__.py", names) - {module}
    return graph


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """One cycle through each group of modules that import each other (depth-first search)."""
    found, done = [], set()
    for start in sorted(graph):
        if start in done:
            continue
        stack, path, on_path = [(start, iter(sorted(graph[start])))], [start], {start}
        while stack:
            module, following = stack[-1]
            step = next(following, None)
            if step is None:
                stack.pop()
                path.pop()
                on_path.discard(module)
                done.add(module)
            elif step in on_path:
                found.append(path[path.index(step) :] + [step])
            elif step not in done:
                stack.append((step, iter(sorted(graph[step]))))
                path.append(step)
                on_path.add(step)
    return found


def test_listlint_has_no_import_cycles():
    found = cycles(import_graph())
    assert not found, "import cycles:\n" + "\n".join(" -> ".join(cycle) for cycle in found)


def test_the_cycle_finder_sees_every_kind_of_import(tmp_path):
    package = tmp_path / "pkg"
    (package / "sub").mkdir(parents=True)
    sources = {
        "__init__.py": "",
        "low.py": "from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    from .high import High\n",
        "high.py": "from . import low\n\ndef later():\n    from .sub import leaf\n",
        "lazy.py": "def later():\n    # import cycle: leaf needs lazy at import time\n    from .sub import leaf\n",
        "sub/__init__.py": "",
        "sub/leaf.py": "import pkg.high\nfrom .. import lazy\n",
    }
    for name, text in sources.items():
        (package / name).write_text(text, "utf-8")
    graph = import_graph(package)
    # `from . import low` loads the package and its module low
    assert graph["pkg.low"] == {"pkg.high"} and graph["pkg.high"] == {"pkg", "pkg.low", "pkg.sub", "pkg.sub.leaf"}
    assert graph["pkg.lazy"] == set() and graph["pkg.sub.leaf"] == {"pkg", "pkg.high", "pkg.lazy"}
    assert sorted(cycles(graph)) == [["pkg.high", "pkg.low", "pkg.high"], ["pkg.high", "pkg.sub.leaf", "pkg.high"]]
