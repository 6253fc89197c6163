"""联络走访、活动培训与专家智库: liaison assignments, visits and their follow-up checklist, events, experts."""
