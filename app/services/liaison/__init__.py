"""Liaison work: assigned officers, visits and follow-ups, events, the expert think tank."""
