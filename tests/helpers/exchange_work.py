"""A district's and the city's work of every exchanged kind (benchmarks/exchange_work.py, shared with the
exchange benchmark)."""

from benchmarks.exchange_work import (  # noqa: F401
    DAY,
    YEAR,
    Work,
    city_decides,
    city_reference,
    district_enterprise,
    district_reports,
)
