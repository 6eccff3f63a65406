"""The spreadsheet modules talk to each other through public names only."""

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[2] / "municipalities" / "spreadsheets"
SHARED = ("municipalities.spreadsheets", "plus_portal.spreadsheets")


def _is_private(name: str) -> bool:
    return name.startswith("_") and not name.startswith("__")


def _from_the_package(node: ast.ImportFrom, name: str) -> bool:
    module = node.module or ""
    return node.level > 0 or module.startswith(SHARED) or f"{module}.{name}".startswith(SHARED)


def private_uses(source: str) -> list[str]:
    """``from .x import _name``, ``from municipalities.spreadsheets.x import _name`` and
    ``x._name`` where ``x`` is a module of the package imported by name."""
    tree = ast.parse(source)
    modules: set[str] = set()
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom):
            for alias in node.names:
                if not _from_the_package(node, alias.name):
                    continue
                if _is_private(alias.name):
                    found.append(f"line {node.lineno}: from {node.module} import {alias.name}")
                modules.add(alias.asname or alias.name)
        elif isinstance(node, ast.Import):
            for alias in node.names:
                if alias.name.startswith(SHARED):
                    modules.add(alias.asname or alias.name.split(".")[0])
    for node in ast.walk(tree):
        if (
            isinstance(node, ast.Attribute)
            and isinstance(node.value, ast.Name)
            and node.value.id in modules
            and _is_private(node.attr)
        ):
            found.append(f"line {node.lineno}: {node.value.id}.{node.attr}")
    return found


@pytest.mark.parametrize(
    "path", sorted(PACKAGE.rglob("*.py")), ids=lambda path: str(path.relative_to(PACKAGE))
)
def test_no_module_uses_another_modules_private_names(path):
    assert private_uses(path.read_text()) == []


@pytest.mark.parametrize(
    "source",
    [
        "from municipalities.spreadsheets.cells import _whole\n",
        "from .columns import Column, _range\n",
        "from municipalities.spreadsheets import cells\ncells._whole('1')\n",
        "from plus_portal import spreadsheets\nspreadsheets._ILLEGAL\n",
    ],
)
def test_the_scan_finds_private_names(source):
    assert private_uses(source)


def test_the_scan_leaves_own_private_names_alone():
    assert private_uses("def _own():\n    return 1\n\n_own()\nself._cache = {}\n") == []
