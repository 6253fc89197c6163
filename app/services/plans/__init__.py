"""落实工作责任: each district's responsible people and its yearly work plan, projects and checklist tasks."""

# The modules other domains may import; the rest are this domain's own (tests/test_architecture.py).
__all__ = ["progress", "responsibilities", "work_plans"]
