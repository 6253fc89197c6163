"""宣传报道: reports on TV, radio, newspapers, websites, Weibo and WeChat, and the enterprises featured
(notice §3(四))."""

# The modules other domains may import; the rest are this domain's own (tests/test_architecture.py).
__all__ = ["items"]
