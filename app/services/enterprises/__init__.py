"""The enterprise register: records, search, fields, and the enterprise workbook in and out."""
