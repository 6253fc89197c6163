"""The layers stay apart: no Qt below app/ui, and every module says what it holds."""

import ast
from pathlib import Path

APP = Path(__file__).resolve().parent.parent / "app"


def _imports(path: Path) -> set[str]:
    names = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
    return names


def test_models_and_services_never_import_qt():
    offenders = [
        str(path.relative_to(APP))
        for layer in ("models", "services")
        for path in (APP / layer).rglob("*.py")
        if any(name.split(".")[0] in {"PySide6", "shiboken6"} for name in _imports(path))
    ]
    assert offenders == []


def test_ui_never_imports_peewee():
    offenders = [
        str(path.relative_to(APP))
        for path in (APP / "ui").rglob("*.py")
        if any(name.split(".")[0] in {"peewee", "playhouse", "sqlite3"} for name in _imports(path))
    ]
    assert offenders == []


def test_every_module_has_a_docstring():
    missing = [
        str(path.relative_to(APP))
        for path in APP.rglob("*.py")
        if path.stat().st_size and ast.get_docstring(ast.parse(path.read_text(encoding="utf-8"))) is None
    ]
    assert missing == []
