"""纠纷案件: the case list with its statutory clocks, filing a case, the case file, and reports to the city."""
