"""Offline exchange between the city's and the districts' installations: keys and pairing, the change log
derived from the audit trail, signed and encrypted packages (.ipx), per-field merging and conflicts."""

# The modules other domains may import; the rest are this domain's own (tests/test_architecture.py).
__all__ = ["conflicts", "keys", "overview", "pairing", "receive", "send", "status"]
