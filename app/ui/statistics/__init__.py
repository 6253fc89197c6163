"""统计报表: the yearly figures on screen, with export to Excel and a printed report."""
