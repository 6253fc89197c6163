"""Indexing the queued enterprises in batches: one loop for both engines, given each engine's statements.

The queue, the batches and the time budget are the same on SQLite and PostgreSQL; only the SQL differs
(placeholders, FTS5's rowid against a plain id column, INSERT OR REPLACE against ON CONFLICT), so the loop is
written once and `search_index` / `search_index_pg` hand it their `Statements`.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass

from app.models.db import database


@dataclass(frozen=True)
class Statements:
    """One engine's SQL for a batch; each takes the parameters named in its comment."""

    queued: str  # (limit) → rows of (id, name_key, registered_address, operating_address); name_key None = deleted
    drop_entry: str  # (id)
    add_entry: str  # (id, name_key, address, pinyin, initials)
    put_sort_key: str  # (id, sort_key): insert or replace
    dequeue: str  # (id)


def catch_up(sql: Statements, pending: Callable[[], bool], budget: float | None, batch: int) -> bool:
    """Index queued enterprises in batches until none is left (True) or `budget` seconds have passed (False).
    Cheap when the queue is empty."""
    if not pending():
        return True
    from app.services.core.pinyin import name_pinyin  # a second to load its dictionaries: only when needed

    deadline = None if budget is None else time.perf_counter() + budget
    size = batch if budget is None else batch // 10  # small steps under a budget: it is checked between them
    while deadline is None or time.perf_counter() < deadline:
        rows = database.execute_sql(sql.queued, (size,)).fetchall()
        if not rows:
            return True
        ids = [(ent_id,) for ent_id, *_ in rows]
        entries = [
            (ent_id, key, name_pinyin(key), reg, op) for ent_id, key, reg, op in rows if key is not None
        ]
        with database.atomic():
            cursor = database.cursor()
            cursor.executemany(sql.drop_entry, ids)
            cursor.executemany(sql.add_entry, [(i, key, f"{reg}\n{op}", p.full, p.initials)
                                               for i, key, p, reg, op in entries])  # fmt: skip
            cursor.executemany(sql.put_sort_key, [(i, p.sort_key) for i, _key, p, _reg, _op in entries])
            cursor.executemany(sql.dequeue, ids)
    return not pending()
