"""Command-line command groups. Each module's `register(subparsers)` adds its commands with a `handler`."""
