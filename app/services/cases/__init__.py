"""Disputes and cases: filing, the timeline, time limits on the working-day calendar, documents, statistics."""

# The modules other domains may import; the rest are this domain's own (tests/test_architecture.py).
__all__ = ["case_rows", "clock_store", "handling", "rules", "stats"]
