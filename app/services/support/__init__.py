"""扶持台账: the policy, project, funding and service support listed enterprises received (notice §3(一))."""

# The modules other domains may import; the rest are this domain's own (tests/test_architecture.py).
__all__ = ["ledger", "totals"]
