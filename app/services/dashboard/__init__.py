"""The dashboard's figures (工作台), shared by the window and the command line."""

# No other domain imports this one (tests/test_architecture.py).
__all__: list[str] = []
