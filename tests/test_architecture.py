"""The layout holds: the import-linter contracts in pyproject.toml, and no import circle anywhere.

The contracts say which wing of training/ and which room of app/ may import
which; the circle check looks at every module, so a circle inside one wing
(which a layers contract cannot see) fails too. Imports inside functions count.
"""

import subprocess
import sys
from pathlib import Path

import grimp

ROOT = Path(__file__).resolve().parents[1]


def test_import_linter_contracts_are_kept():
    lint_imports = Path(sys.executable).parent / "lint-imports"
    run = subprocess.run([str(lint_imports), "--no-cache"], cwd=ROOT, capture_output=True, text=True)
    assert run.returncode == 0, run.stdout[-3000:] + run.stderr[-2000:]
    assert "0 broken" in run.stdout


def circles(graph) -> list[list[str]]:
    """The strongly connected components of more than one module (Tarjan, without recursion)."""
    index, low, on_stack, stack, found = {}, {}, set(), [], []
    counter = 0
    for root in sorted(graph.modules):
        if root in index:
            continue
        work = [(root, iter(sorted(graph.find_modules_directly_imported_by(root))))]
        index[root] = low[root] = counter
        counter += 1
        stack.append(root)
        on_stack.add(root)
        while work:
            node, children = work[-1]
            child = next(children, None)
            if child is not None:
                if child not in index:
                    index[child] = low[child] = counter
                    counter += 1
                    stack.append(child)
                    on_stack.add(child)
                    work.append((child, iter(sorted(graph.find_modules_directly_imported_by(child)))))
                elif child in on_stack:
                    low[node] = min(low[node], index[child])
                continue
            work.pop()
            if work:
                low[work[-1][0]] = min(low[work[-1][0]], low[node])
            if low[node] == index[node]:
                component = []
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    component.append(member)
                    if member == node:
                        break
                if len(component) > 1:
                    found.append(sorted(component))
    return found


def test_no_import_circle_between_modules():
    sys.path.insert(0, str(ROOT))
    try:
        graph = grimp.build_graph("training", "app", cache_dir=None)
    finally:
        sys.path.remove(str(ROOT))
    assert len(graph.modules) > 60
    assert circles(graph) == []


def test_the_circle_check_finds_a_circle(tmp_path):
    for name, imports in {"a": "from pkg import b", "b": "import pkg.c", "c": "def f():\n    from pkg import a"}.items():
        (tmp_path / "pkg").mkdir(exist_ok=True)
        (tmp_path / "pkg" / "__init__.py").touch()
        (tmp_path / "pkg" / f"{name}.py").write_text(imports + "\n")
    sys.path.insert(0, str(tmp_path))
    try:
        graph = grimp.build_graph("pkg", cache_dir=None)
    finally:
        sys.path.remove(str(tmp_path))
    assert circles(graph) == [["pkg.a", "pkg.b", "pkg.c"]]
