"""Every third-party module the program or its tests import is declared in pyproject.toml: a fresh machine
installs only what is declared (README, .ci/run), so an undeclared import works here and fails there."""

import ast
import re
import sys
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
# Distribution name → the top-level module it installs, where they differ.
MODULES = {
    "pyside6-essentials": "PySide6",
    "pyside6-addons": "PySide6",
    "chinese-calendar": "chinese_calendar",
    "argon2-cffi": "argon2",
    "pytest-qt": "pytestqt",
    "python-calamine": "python_calamine",
    "pillow": "PIL",
}


def _declared(*groups: str) -> set[str]:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    requirements = list(project["dependencies"])
    for group in groups:
        requirements += project.get("optional-dependencies", {}).get(group, [])
    names = {re.split(r"[<>=!~\[; ]", r, maxsplit=1)[0].strip().lower() for r in requirements}
    return {MODULES.get(n, n.replace("-", "_")) for n in names}


def _imported(folder: Path) -> dict[str, str]:
    found: dict[str, str] = {}
    for path in folder.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                names = [a.name.split(".")[0] for a in node.names]
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                names = [node.module.split(".")[0]]
            else:
                continue
            for name in names:
                if name not in sys.stdlib_module_names and name not in {"app", "tests", "benchmarks"}:
                    found.setdefault(name, str(path.relative_to(ROOT)))
    return found


def test_the_program_imports_only_declared_packages():
    missing = {m: p for m, p in _imported(ROOT / "app").items() if m not in _declared()}
    assert missing == {}


def test_the_tests_import_only_declared_packages():
    missing = {m: p for m, p in _imported(ROOT / "tests").items() if m not in _declared("test")}
    assert missing == {}
