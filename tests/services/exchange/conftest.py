"""The exchange tests' installations (tests/helpers/exchange_sites.py)."""

from tests.helpers.exchange_sites import sites, sites_template, ten_sites_template  # noqa: F401
