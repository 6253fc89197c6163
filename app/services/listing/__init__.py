"""The protection list: entries, two-yearly re-examination, publication (公示)."""

# The modules other domains may import; the rest are this domain's own (tests/test_architecture.py).
__all__ = ["entries"]
