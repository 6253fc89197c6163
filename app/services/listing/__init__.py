"""The protection list: entries, two-yearly re-examination, publication (公示)."""
