"""统计报表: the figures a bureau reports each year, per district and city-wide; its workbook and report."""

# The modules other domains may import; the rest are this domain's own (tests/test_architecture.py).
__all__ = ["figures", "printing"]
