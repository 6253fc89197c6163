"""申报与审核: the application form editor, its sections, the live eligibility panel and the round list."""
