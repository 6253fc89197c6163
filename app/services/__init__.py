"""Domain services: every rule and every write of the register. Plain Python, no Qt."""
