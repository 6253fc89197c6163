"""Questionnaires (问卷调查): designs, answers, results, sheets and printed forms."""

# The modules other domains may import; the rest are this domain's own (tests/test_architecture.py).
__all__ = ["catalogue"]
