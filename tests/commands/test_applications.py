"""`application`, `eligibility` and `attach` commands on a real demo database."""

import json

from app.cli import main


def _run_json(capsys, *argv):
    code = main(list(argv))
    captured = capsys.readouterr()
    assert code == 0, captured.err
    return json.loads(captured.out)


def _uscc_where(capsys, db, eligible: bool, district="150602"):
    rows = _run_json(capsys, "--db", str(db), "enterprise", "list", "--district", district, "--json")
    for row in rows:
        verdict = _run_json(capsys, "--db", str(db), "eligibility", row["uscc"], "--json")
        if verdict["eligible"] == eligible:
            return row["uscc"], verdict
    raise AssertionError("no such demo enterprise")


def test_eligibility_json_lists_every_criterion(cli_db, capsys):
    db, _ = cli_db
    _, verdict = _uscc_where(capsys, db, True)
    assert len(verdict["criteria"]) == 7 and verdict["eligible"] is True
    assert {c["status"] for c in verdict["criteria"]} <= {"met", "not_met"}
    assert all(c["detail"] for c in verdict["criteria"])


def test_new_then_submit_an_eligible_demo_enterprise(cli_db, capsys):
    db, _ = cli_db
    uscc, _ = _uscc_where(capsys, db, True)
    created = _run_json(capsys, "--db", str(db), "application", "new", uscc, "--round", "2026", "--json")
    assert created["id"] and created["status"] == "draft" and created["form"]["snapshot"]["uscc"] == uscc
    assert main(["--db", str(db), "application", "submit", str(created["id"])]) == 0
    assert "已提交" in capsys.readouterr().out
    shown = _run_json(capsys, "--db", str(db), "application", "show", str(created["id"]), "--json")
    assert shown["status"] == "submitted"


def test_submit_of_an_ineligible_draft_lists_what_is_missing(cli_db, capsys):
    db, _ = cli_db
    uscc, _ = _uscc_where(capsys, db, False, district="150621")
    created = _run_json(capsys, "--db", str(db), "application", "new", uscc, "--json")
    assert main(["--db", str(db), "application", "submit", str(created["id"])]) == 1
    assert "至少勾选一项申报条件" in capsys.readouterr().err


def test_attach_scan_and_refuse_a_non_pdf(cli_db, capsys, tmp_path):
    db, _ = cli_db
    uscc, _ = _uscc_where(capsys, db, True)
    created = _run_json(capsys, "--db", str(db), "application", "new", uscc, "--json")
    scan = tmp_path / "扫描件.pdf"
    scan.write_bytes(b"%PDF-1.7 stamped")
    attached = _run_json(
        capsys, "--db", str(db), "attach", "application", str(created["id"]), str(scan), "--json"
    )
    assert attached["mime"] == "application/pdf" and attached["purpose"] == "scan"
    fake = tmp_path / "fake.pdf"
    fake.write_text("not a pdf")
    assert main(["--db", str(db), "attach", "application", str(created["id"]), str(fake)]) == 1
    assert "不是支持的类型" in capsys.readouterr().err


def test_print_application_by_id_and_by_uscc_and_blank(cli_db, capsys, tmp_path):
    from pypdf import PdfReader

    db, _ = cli_db
    uscc, _ = _uscc_where(capsys, db, True)
    created = _run_json(capsys, "--db", str(db), "application", "new", uscc, "--json")
    by_id, by_code, blank = tmp_path / "a.pdf", tmp_path / "b.pdf", tmp_path / "blank.pdf"
    assert main(["--db", str(db), "print", "application", str(created["id"]), str(by_id)]) == 0
    assert main(["--db", str(db), "print", "application", uscc, str(by_code)]) == 0
    assert main(["--db", str(db), "print", "application", "-", str(blank), "--blank"]) == 0
    text = "".join(p.extract_text() for p in PdfReader(by_code).pages).replace("\n", "")
    assert uscc in text and created["form"]["snapshot"]["name"] in text and "企业盖章" in text
    blank_text = "".join(p.extract_text() for p in PdfReader(blank).pages)
    assert "市局审核意见" in blank_text and uscc not in blank_text


def test_a_round_already_opened_takes_a_new_deadline_and_quotas(cli_db, capsys, monkeypatch):
    from app.cli import main

    path, passwords = cli_db
    assert main(["--db", str(path), "round", "set", "2026", "--deadline", "2026-12-31", "--quota-max", "9"]) == 0
    assert "2026年12月31日" in capsys.readouterr().out
    assert main(["--db", str(path), "dashboard", "--json"]) == 0
    import json

    shown = json.loads(capsys.readouterr().out)
    assert shown["round"]["deadline"] == "2026-12-31" and shown["round"]["quota_max"] == 9
    assert main(["--db", str(path), "round", "set", "2026", "--quota-min", "12"]) == 1  # above the maximum
    assert "推荐名额" in capsys.readouterr().err
    monkeypatch.setenv("IPREG_PASSWORD", passwords["dongsheng"])
    assert main(["--db", str(path), "--user", "dongsheng", "round", "set", "2026", "--quota-min", "1"]) == 1
    assert "管理员" in capsys.readouterr().err
