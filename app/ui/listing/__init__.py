"""重点企业名录: the protection list, its re-examinations and its publications (公示)."""
