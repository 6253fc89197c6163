"""Import tests run against an .xlsx and against the same sheet saved as a legacy .xls."""

import pytest


@pytest.fixture(params=["xlsx", "xls"])
def book(request) -> str:
    """The workbook format a test writes its sheet in (the file suffix)."""
    return request.param
