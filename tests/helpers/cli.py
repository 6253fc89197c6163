"""Helpers for the command-line tests: reading what `init --demo` prints."""

from __future__ import annotations


def printed_demo_accounts(out: str) -> dict[str, str]:
    """The `  login / password` lines that `init --demo` prints, as login → password."""
    return dict(line.strip().split(" / ") for line in out.splitlines() if line.startswith("  "))
