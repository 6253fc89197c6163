"""Format plumbing with no domain knowledge: fonts and the page layout for PDFs, the xlsx reader and writer, the error workbook."""
