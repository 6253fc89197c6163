"""Liaison work: assigned officers, visits and follow-ups, events, the expert think tank."""

# The modules other domains may import; the rest are this domain's own (tests/test_architecture.py).
__all__ = ["assignments", "events", "experts", "visits"]
