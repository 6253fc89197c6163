"""展会与海关保护: the trade fairs listed enterprises attend and their customs IP recordals (notice §2(二)2)."""

# The modules other domains may import; the rest are this domain's own (tests/test_architecture.py).
__all__ = ["fairs", "recordals"]
