"""Printable documents (PDF via reportlab): fonts, the GB/T 9704 page layout, and the forms built on them."""
