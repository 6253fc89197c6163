"""Accounts: users, roles, sign-in and passwords."""

# The modules other domains may import; the rest are this domain's own (tests/test_architecture.py).
__all__ = ["passwords", "signin", "users"]
