"""`audit list` on a demo database: JSON with filters, the district scope, bad usage, xlsx export."""

import json

import openpyxl

from app.cli import main


def _json(capsys, *argv):
    assert main(list(argv)) == 0
    return json.loads(capsys.readouterr().out)


def test_audit_list_json_filters_and_scope(cli_db, capsys, monkeypatch, tmp_path):
    db, passwords = cli_db
    base = ["--db", str(db)]
    everything = _json(capsys, *base, "audit", "list", "--json")
    assert everything and {"enterprise.create", "contact.create", "user.create"} <= {
        e["action"] for e in everything
    }
    first = everything[-1]
    assert first["action_label"] and "after" in first and "before" in first

    ent = next(e for e in everything if e["action"] == "enterprise.create")
    uscc = ent["after"]["uscc"]
    history = _json(capsys, *base, "audit", "list", "--record", uscc, "--json")
    assert history and {e["subject_uuid"] for e in history} == {ent["entity_uuid"]}
    assert {e["entity"] for e in history} >= {"enterprise", "contact"}
    assert history == _json(
        capsys, *base, "audit", "list", "--record", f"enterprise:{ent['entity_id']}", "--json"
    )
    users = _json(capsys, *base, "audit", "list", "--action", "user.", "--user", "admin", "--json")
    assert users and all(e["action"].startswith("user.") and e["user"] == "admin" for e in users)
    assert _json(capsys, *base, "audit", "list", "--since", "2999-01-01", "--json") == []

    monkeypatch.setenv("IPREG_PASSWORD", passwords["dongsheng"])
    district = _json(capsys, *base, "--user", "dongsheng", "audit", "list", "--json")
    assert 0 < len(district) < len(everything)
    assert not any(e["action"] == "user.create" and e["after"]["login"] == "dalate" for e in district)

    monkeypatch.setenv("IPREG_PASSWORD", passwords["chakan"])
    assert main([*base, "--user", "chakan", "audit", "list"]) == 1
    assert "只读用户" in capsys.readouterr().err
    assert main([*base, "audit", "list", "--since", "2026-13-01"]) == 2


def test_audit_list_xlsx(cli_db, capsys, tmp_path):
    db, _ = cli_db
    out = tmp_path / "audit.xlsx"
    assert main(["--db", str(db), "audit", "list", "--action", "企业信息", "--xlsx", str(out)]) == 0
    assert "已导出" in capsys.readouterr().out
    rows = list(openpyxl.load_workbook(out).active.iter_rows(values_only=True))
    assert rows[0][0] == "时间" and len(rows) > 40
