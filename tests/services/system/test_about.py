"""The about box's libraries come from the installed distributions of the declared dependencies: every runtime
dependency of pyproject.toml is named with its installed version and a licence, and so are the ones they need."""

import re
import tomllib
from importlib import metadata
from pathlib import Path

from app.services.system import about

PYPROJECT = Path(__file__).resolve().parents[3] / "pyproject.toml"


def _runtime_dependencies() -> list[str]:
    project = tomllib.loads(PYPROJECT.read_text(encoding="utf-8"))["project"]
    return [re.match(r"[A-Za-z0-9._-]+", line.strip()).group(0) for line in project["dependencies"]]


def test_every_runtime_dependency_is_named_with_its_version_and_licence():
    listed = {about.canonical(name): (version, licence) for name, version, licence in about.libraries()}
    declared = _runtime_dependencies()
    assert len(declared) >= 13 and "argon2-cffi" in declared
    for name in declared:
        version, licence = listed[about.canonical(name)]
        assert version == metadata.version(name), name
        assert licence and licence != about.UNKNOWN_LICENCE, name
    # …and what they need in turn: Qt's bindings, the hashing library's bindings.
    assert {"shiboken6", "argon2-cffi-bindings"} <= set(listed)
    assert listed["peewee"][1] == "MIT" and "LGPL-3.0" in listed["pyside6-essentials"][1]


def test_no_library_in_the_about_box_lacks_a_licence():
    unknown = [name for name, _, licence in about.libraries() if licence == about.UNKNOWN_LICENCE]
    assert unknown == []


def test_a_requirement_for_an_extra_or_another_platform_is_not_needed_here():
    lines = ["pytest>=8; extra == 'test'", "pywin32>=1; sys_platform == 'win32'", "peewee<5,>=4.5"]
    assert about._runtime_requirements(lines) == [("pywin32", True), ("peewee", False)]
