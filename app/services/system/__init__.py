"""The installation itself: opening and initialising the database, backup and restore, demo data."""

# No other domain imports this one (tests/test_architecture.py).
__all__: list[str] = []
