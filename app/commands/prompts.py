"""Asking for a secret at the terminal: never echoed, typed twice when it is new, with the same check as the
dialogs (app.services.core.validation.typed_twice_problem). Without a terminal nothing is asked: the caller
names the environment variable to use instead.
"""

from __future__ import annotations

import getpass
import sys

from app.services.core.errors import DomainError
from app.services.core.validation import typed_twice_problem


class NoTerminal(Exception):
    """A secret is needed but there is no terminal to ask at (exit status 2: the command must say more)."""


def can_ask() -> bool:
    return sys.stdin.isatty()


def ask_secret(prompt: str, what: str, *, twice: bool, without_terminal: str) -> str:
    """The secret typed at the terminal (`twice` for a new one); NoTerminal(`without_terminal`) when there is
    no terminal, DomainError when the two entries differ or nothing was typed."""
    if not can_ask():
        raise NoTerminal(without_terminal)
    first = getpass.getpass(f"{prompt}：")
    if not first:
        raise DomainError(f"未输入{what}")
    if twice:
        problem = typed_twice_problem(first, getpass.getpass(f"再次输入{prompt}："), what)
        if problem:
            raise DomainError(problem)
    return first
