"""Excel in and out: the enterprise template, a forgiving importer with an error workbook, table exports."""
