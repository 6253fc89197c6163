"""Application forms (申报表): drafting, eligibility, recommendation and decision, printing."""
