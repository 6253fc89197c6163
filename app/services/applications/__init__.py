"""Application forms (申报表): drafting, eligibility, recommendation and decision, printing."""

# The modules other domains may import; the rest are this domain's own (tests/test_architecture.py).
__all__ = ["decisions", "eligibility", "eligibility_facts", "form_data", "forms"]
