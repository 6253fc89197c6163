"""Every Hypothesis profile, registered once before any test module loads (tests/conftest.py imports this).

HYPOTHESIS_PROFILE picks one; without it local runs use "local" and CI (CI=true) Hypothesis's own "ci".
The print property tests (tests/services/io/test_print_properties.py) take their size from `PRINT_TEXT_CHARS`
and their example count from the loaded profile when it is a print profile, else from "print":

- "print": the README's `python -m pytest` — 3 examples per document kind, texts up to 1,200 characters.
- "print-ci": the second pytest run in .ci/run — 300 examples per document kind, texts up to 300 characters
  a field (a form still runs over several pages and rows split); ~0.2–0.8 s an example, so it runs on its own.
- "print-large": by hand — 10 examples of texts up to 10,000 characters a field.
"""

from __future__ import annotations

import os

from hypothesis import HealthCheck, Phase, settings

# A deadline measures the machine, not the code: on a shared 2-core box a pure function can stall for a second.
settings.register_profile("local", deadline=None)

# No shrinking for printing: shrinking a 10,000-character document takes many minutes; the failing text is
# printed as is.
_PRINT = {
    "deadline": None,
    "phases": [Phase.explicit, Phase.reuse, Phase.generate],
    "suppress_health_check": [HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
}
settings.register_profile("print", max_examples=3, **_PRINT)
settings.register_profile("print-ci", max_examples=300, derandomize=True, **_PRINT)
settings.register_profile("print-large", max_examples=10, **_PRINT)
PRINT_TEXT_CHARS = {"print": 1_200, "print-ci": 300, "print-large": 10_000}


def load() -> None:
    """Load the profile HYPOTHESIS_PROFILE names, or "ci" on CI, or "local"."""
    settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci" if os.environ.get("CI") else "local"))


def print_profile() -> str:
    """The print profile this run uses: the one loaded when it is a print profile, else "print"."""
    name = os.environ.get("HYPOTHESIS_PROFILE", "")
    return name if name in PRINT_TEXT_CHARS else "print"
