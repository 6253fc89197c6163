"""Yearly figures counted straight from the tables with plain SQL (sqlite3), to check the statistics service
and `stats --json` against something that shares none of their code."""

from __future__ import annotations

import sqlite3
from contextlib import closing
from decimal import Decimal
from statistics import mean, median

NOTHING = {"received": 0, "closed": 0, "open": 0, "important": 0}


def _rows(path, query: str, *params) -> list[tuple]:
    with closing(sqlite3.connect(path)) as con:
        return con.execute(query, params).fetchall()


def _by_code(path, query: str, *params) -> dict[str, tuple]:
    """Rows whose first column is a district code (NULL: the city bureau) → the other columns."""
    return {code or "city": tuple(values) for code, *values in _rows(path, query, *params)}


def _via(table: str) -> str:
    """FROM `table` t joined to its enterprise e and that enterprise's district d."""
    return (f"FROM {table} t JOIN enterprise e ON e.id = t.enterprise_id "
            "JOIN district d ON d.id = e.district_id")  # fmt: skip


def expected(path, year: int, today) -> dict[str, dict[str, dict[str, object]]]:
    """section → district code → figure, counted straight from the tables."""
    y, first, last = f"{year}-%", f"{year}-01-01", f"{year}-12-31"
    cut = min(today.isoformat(), last)
    out: dict[str, dict[str, dict]] = {k: {} for k in ("enterprises", "applications", "liaison", "events",
                                                       "support", "publicity")}  # fmt: skip

    def put(key: str, names: tuple[str, ...], query: str, *params) -> None:
        for code, values in _by_code(path, query, *params).items():
            out[key].setdefault(code, {}).update(dict(zip(names, values, strict=True)))

    count = "SELECT d.code, COUNT(*)"
    put("enterprises", ("register", "added"), "SELECT d.code, COUNT(*), SUM(e.created_at LIKE ?) "
        "FROM enterprise e JOIN district d ON d.id = e.district_id WHERE e.archived = 0 GROUP BY d.code", y)
    put("enterprises", ("on_list",), f"{count} {_via('list_entry')} WHERE t.status IN ('listed', 'renewed') "
        "AND t.listed_on <= ? GROUP BY d.code", last)
    put("enterprises", ("new",), f"{count} {_via('list_entry')} WHERE t.listed_on LIKE ? GROUP BY d.code", y)
    reviews = (f"{count} FROM review r JOIN list_entry l ON l.id = r.entry_id JOIN enterprise e "
               "ON e.id = l.enterprise_id JOIN district d ON d.id = e.district_id "
               "WHERE r.kind = 're_examination' AND r.outcome = ? AND r.decided_on LIKE ? GROUP BY d.code")
    for outcome in ("renewed", "suspended", "removed"):
        put("enterprises", (outcome,), reviews, outcome, y)
    by_status = (f"{count} {_via('application')} JOIN round r ON r.id = t.round_id "
                 "WHERE r.year = ? AND t.superseded = 0 AND t.status = ? GROUP BY d.code")
    for (status,) in _rows(path, "SELECT DISTINCT status FROM application"):
        put("applications", (status,), by_status, year, status)
    put("liaison", ("visits", "enterprises_visited"), "SELECT d.code, COUNT(*), "
        f"COUNT(DISTINCT t.enterprise_id) {_via('visit')} WHERE t.visited_on LIKE ? GROUP BY d.code", y)
    followups = f"{count} {_via('follow_up')} WHERE"
    put("liaison", ("followups_opened",), f"{followups} t.created_at LIKE ? GROUP BY d.code", y)
    put("liaison", ("followups_closed",), f"{followups} t.closed_on LIKE ? GROUP BY d.code", y)
    put("liaison", ("followups_overdue",), f"{followups} t.due_on < ? "
        "AND (t.closed_on IS NULL OR t.closed_on > ?) GROUP BY d.code", cut, cut)
    put("liaison", ("responses",), f"{count} {_via('response')} WHERE t.status = 'complete' "
        "AND t.completed_at LIKE ? GROUP BY d.code", y)
    put("events", ("events", "head_count"), "SELECT d.code, COUNT(*), SUM(v.head_count) FROM event v "
        "LEFT JOIN district d ON d.id = v.district_id WHERE v.held_on BETWEEN ? AND ? GROUP BY d.code",
        first, last)
    put("events", ("enterprises", "attendees"), "SELECT d.code, COUNT(DISTINCT t.enterprise_id), "
        f"SUM(t.people) {_via('event_attendance')} JOIN event v ON v.id = t.event_id "
        "WHERE v.held_on LIKE ? GROUP BY d.code", y)
    put("events", ("consultations",), f"{count} FROM consultation c LEFT JOIN enterprise e "
        "ON e.id = c.enterprise_id LEFT JOIN district d ON d.id = e.district_id WHERE c.consulted_on LIKE ? "
        "GROUP BY d.code", y)
    for kind in ("policy", "project", "funding", "service"):
        put("support", (kind,), f"{count} {_via('support_entry')} WHERE t.kind = ? AND t.granted_on LIKE ? "
            "GROUP BY d.code", kind, y)
    put("support", ("enterprises", "amount"), "SELECT d.code, COUNT(DISTINCT t.enterprise_id), "
        f"SUM(COALESCE(t.amount_fen, 0)) {_via('support_entry')} WHERE t.granted_on LIKE ? GROUP BY d.code", y)
    for figures in out["support"].values():
        figures["amount"] = Decimal(figures["amount"]).scaleb(-2)
    for (channel,) in _rows(path, "SELECT DISTINCT channel FROM publicity_item"):
        put("publicity", (channel,), "SELECT d.code, COUNT(*) FROM publicity_item p LEFT JOIN district d "
            "ON d.id = p.district_id WHERE p.channel = ? AND p.published_on LIKE ? GROUP BY d.code", channel, y)
    put("publicity", ("enterprises",), "SELECT d.code, COUNT(DISTINCT f.enterprise_id) FROM publicity_feature f "
        "JOIN publicity_item p ON p.id = f.item_id LEFT JOIN district d ON d.id = p.district_id "
        "WHERE p.published_on LIKE ? GROUP BY d.code", y)
    out["cases"] = _cases(path, y)
    return out


def _figure(value):
    """A figure as the service gives it, or as `stats --json` prints it (an amount in yuan as a string)."""
    return Decimal(value) if isinstance(value, str) else value


def _cases(path, y: str) -> dict[str, dict]:
    found: dict[str, dict] = {}
    rows = _rows(path, "SELECT d.code, c.closed_on IS NOT NULL, c.important, julianday(c.closed_on) - "
                 "julianday(c.received_on) FROM \"case\" c LEFT JOIN district d "
                 "ON d.id = c.handling_district_id WHERE c.received_on LIKE ?", y)  # fmt: skip
    for code, closed, important, days in rows:
        row = found.setdefault(code or "city", dict(NOTHING, days=[]))
        row["received"] += 1
        row["closed" if closed else "open"] += 1
        row["important"] += important
        row["days"] += [int(days)] if closed else []
    return found


def mismatches(found: dict, want: dict, *, every_district: bool = True) -> list[str]:
    """Each figure of `found` (the service's answer, or `stats --json`) that differs from `want` (`expected`);
    with `every_district`, also every district or city row of `want` that `found` leaves out."""
    wrong = []
    for part in found["sections"]:
        key, names = part["key"], [c["key"] for c in part["columns"]]
        counted = [k for k in names if k not in ("total", "mean_days", "median_days")]
        for row in part["rows"]:
            wanted = want[key].get(row["code"], {})
            wrong += [f"{key}/{row['name']}/{k}: {row[k]} ≠ {wanted.get(k) or 0}"
                      for k in counted if _figure(row[k]) != (wanted.get(k) or 0)]  # fmt: skip
            if key == "cases":
                days = wanted.get("days", [])
                if row["mean_days"] != (round(mean(days), 1) if days else None):
                    wrong.append(f"cases/{row['name']}/mean_days: {row['mean_days']} ≠ {days}")
        sums = {k: sum(_figure(row[k]) for row in part["rows"]) for k in counted}
        wrong += [f"{key}/合计/{k}" for k in counted if _figure(part["total"][k]) != sums[k]]
        if every_district:
            shown = {row["code"] for row in part["rows"]}
            wrong += [f"{key}: row {code} missing" for code, figures in want[key].items()
                      if code not in shown and any(v for k, v in figures.items() if k != "days")]  # fmt: skip
    cases = next(p for p in found["sections"] if p["key"] == "cases")
    days = [d for row in cases["rows"] for d in want["cases"].get(row["code"], {}).get("days", [])]
    if cases["total"]["median_days"] != (round(median(days), 1) if days else None):
        wrong.append(f"cases/合计/median_days: {cases['total']['median_days']} ≠ {days}")
    return wrong
