"""View modules take ids from outside only through the access helpers (each app's access.py).

A view that looks an object up itself (``get_object_or_404``, ``.objects.get(pk=…)``) can
skip the check of what the user may see; the helpers answer 404 for that, in one place.
"""

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
APPS = [
    "actionplans",
    "council",
    "execution",
    "monitoring",
    "municipalities",
    "plus_portal",
    "staffing",
    "surveys",
    "swot",
]
LOOKUPS = {"get_object_or_404", "get_list_or_404"}
MANAGERS = {"objects", "all_objects", "_default_manager", "_base_manager"}


def _view_modules() -> list[Path]:
    return sorted(
        path
        for app in APPS
        for path in (ROOT / app).rglob("*.py")
        if path.name == "views.py" or path.name.endswith("_views.py")
    )


def _name(func: ast.expr) -> str:
    return func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")


def _reaches_a_manager(node: ast.expr) -> bool:
    """Whether ``node`` is a chain that starts at a model's manager: ``X.objects…``."""
    while isinstance(node, ast.Attribute | ast.Call):
        if isinstance(node, ast.Attribute) and node.attr in MANAGERS:
            return True
        node = node.value if isinstance(node, ast.Attribute) else node.func
    return False


def _by_id(call: ast.Call) -> bool:
    return any(
        keyword.arg in {"pk", "id"} or (keyword.arg or "").endswith(("__pk", "_id"))
        for keyword in call.keywords
    )


def direct_lookups(source: str) -> list[str]:
    found = []
    for node in ast.walk(ast.parse(source)):
        if not isinstance(node, ast.Call):
            continue
        name = _name(node.func)
        if name in LOOKUPS:
            found.append(f"line {node.lineno}: {name}()")
        elif (
            name == "get"
            and isinstance(node.func, ast.Attribute)
            and _reaches_a_manager(node.func.value)
            and _by_id(node)
        ):
            found.append(f"line {node.lineno}: .objects….get(pk=…)")
    return found


@pytest.mark.parametrize("path", _view_modules(), ids=lambda path: str(path.relative_to(ROOT)))
def test_views_look_up_objects_only_through_access_helpers(path):
    assert direct_lookups(path.read_text()) == []


def test_the_check_finds_what_it_looks_for():
    source = """
def view(request, pk):
    a = get_object_or_404(Site.objects.all(), pk=pk)
    b = shortcuts.get_object_or_404(Site, pk=pk)
    c = Site.objects.get(pk=pk)
    d = Site.objects.select_related("school").get(pk=pk)
    e = Action.all_objects.filter(plan=plan).get(id=pk)
    f = form.cleaned_data.get("pk")
    g = settings.get(pk=1)
"""
    assert [line.split(":")[0] for line in direct_lookups(source)] == [
        "line 3",
        "line 4",
        "line 5",
        "line 6",
        "line 7",
    ]
