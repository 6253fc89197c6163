"""执法协作: partner agencies, cooperation agreements, joint enforcement actions and information sharing."""

# The modules other domains may import; the rest are this domain's own (tests/test_architecture.py).
__all__ = ["actions", "agencies", "sharing"]
