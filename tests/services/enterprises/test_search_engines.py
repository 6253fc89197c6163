"""The search service gives the same answers on SQLite (FTS5 trigram) and PostgreSQL (pg_trgm) for the same
register: every query of the index tests, with and without archived rows and addresses, by two users, in the
same order. Needs the server of IPREG_TEST_PG (tests/helpers/pg.py)."""

import pytest

from app.models import Enterprise
from app.services.accounts import users as accounts
from app.services.enterprises import search_index
from app.services.enterprises.search import EnterpriseQuery, refresh_index, search_ids
from app.services.system import database as setup
from tests.conftest import ADMIN_PASSWORD
from tests.helpers import pg as test_pg
from tests.services.enterprises.test_search_index import _add_rows, _queries

pytestmark = pytest.mark.postgres


def _answers(location) -> dict:
    """Every query's answer on the register at `location`, as USCCs in display order."""
    setup.initialise(location, ADMIN_PASSWORD, demo=True)
    _add_rows(300)
    refresh_index()
    assert search_index.ensure() and not search_index.pending()
    codes = dict(Enterprise.select(Enterprise.id, Enterprise.uscc).tuples())
    answers = {}
    for login in ("admin", "dongsheng"):
        actor = accounts.get_user(login)
        for text in ("", *_queries()):
            for archived in (False, True):
                for addresses in (False, True):
                    query = EnterpriseQuery(text=text, include_archived=archived, match_addresses=addresses)
                    answers[login, text, archived, addresses] = [codes[i] for i in search_ids(actor, query)]
    return answers


def test_both_engines_answer_every_search_alike(tmp_path):
    on_sqlite = _answers(tmp_path / "register.db")
    on_postgres = _answers(test_pg.new_database("search"))
    assert on_postgres.keys() == on_sqlite.keys()
    differing = [key for key in on_sqlite if on_sqlite[key] != on_postgres[key]]
    assert differing == []
    assert sum(len(found) for found in on_sqlite.values()) > 1000  # the queries do find things
