"""The layers and the domains stay apart: no Qt below app/ui, no peewee above the services, domains meet only
through each other's public modules, and every module says what it holds."""

import ast
import importlib
from pathlib import Path

APP = Path(__file__).resolve().parent.parent / "app"
SERVICES = APP / "services"
PLUMBING = {"core", "io"}  # every domain may use these; they use no domain
DOMAINS = sorted(p.name for p in SERVICES.iterdir() if (p / "__init__.py").is_file())


def _imports(path: Path) -> set[str]:
    """Every module a file imports, with `from pkg import mod` counted as `pkg.mod`."""
    names = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
            names.update(f"{node.module}.{alias.name}" for alias in node.names)
    return names


def _service_target(name: str) -> tuple[str, str] | None:
    """(domain, module) for an import of app.services.<domain>.<module>, else None."""
    parts = name.split(".")
    if parts[:2] != ["app", "services"] or len(parts) < 4 or parts[2] not in DOMAINS:
        return None
    return parts[2], parts[3]


def test_services_are_grouped_by_domain():
    flat = [p.name for p in SERVICES.glob("*.py") if p.name != "__init__.py"]
    assert flat == []
    assert {"core", "io", "accounts", "enterprises", "applications", "listing", "liaison", "questionnaires",
            "cases", "dashboard", "statistics", "system", "exchange", "plans", "support", "publicity"} <= set(DOMAINS)


def test_domains_meet_only_through_public_modules():
    public = {d: set(importlib.import_module(f"app.services.{d}").__all__) for d in DOMAINS if d not in PLUMBING}
    offenders = []
    for domain in DOMAINS:
        for path in (SERVICES / domain).rglob("*.py"):
            for name in _imports(path):
                target = _service_target(name)
                if target is None or target[0] == domain:
                    continue
                other, module = target
                if domain in PLUMBING and other not in PLUMBING:
                    offenders.append(f"{path.relative_to(APP)}: {domain} must not import the domain {other}")
                elif other in PLUMBING:
                    continue
                elif module not in public[other]:
                    offenders.append(f"{path.relative_to(APP)}: {other}.{module} is not public in {other}")
    assert offenders == []


def test_public_modules_exist():
    for domain in DOMAINS:
        for module in getattr(importlib.import_module(f"app.services.{domain}"), "__all__", []):
            assert (SERVICES / domain / f"{module}.py").is_file(), f"{domain}.{module}"


def test_models_and_services_never_import_qt():
    offenders = [
        str(path.relative_to(APP))
        for layer in ("models", "services")
        for path in (APP / layer).rglob("*.py")
        if any(name.split(".")[0] in {"PySide6", "shiboken6"} for name in _imports(path))
    ]
    assert offenders == []


def test_ui_and_commands_never_import_peewee():
    paths = [*(APP / "ui").rglob("*.py"), *(APP / "commands").rglob("*.py"), APP / "cli.py"]
    offenders = [
        str(path.relative_to(APP))
        for path in paths
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


def test_tests_mirror_the_domains():
    tests = Path(__file__).resolve().parent
    for layer in ("services",):
        missing = [d for d in DOMAINS if d != "dashboard" and not (tests / layer / d).is_dir()]
        assert missing == [], f"tests/{layer} lacks {missing}"


def test_only_paths_finds_files_relative_to_the_code():
    """A frozen build moves the code away from resources/: every lookup goes through app.paths.resources_dir."""

    def reads_file_attribute(path: Path) -> bool:
        tree = ast.parse(path.read_text(encoding="utf-8"))
        return any(isinstance(node, ast.Name) and node.id == "__file__" for node in ast.walk(tree))

    readers = [str(p.relative_to(APP)) for p in APP.rglob("*.py") if p != APP / "paths.py" and reads_file_attribute(p)]
    assert readers == []
