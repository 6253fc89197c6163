"""Disputes and cases: filing, the timeline, time limits on the working-day calendar, documents, statistics."""
