"""The enterprise register: records, search, fields, and the enterprise workbook in and out."""

# The modules other domains may import; the rest are this domain's own (tests/test_architecture.py).
__all__ = ["fields", "records", "register", "search", "serialize"]
