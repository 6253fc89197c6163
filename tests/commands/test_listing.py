"""`application recommend|decide`, `list show|publish` and `dashboard --json` on a demo database."""

import json

from app.cli import main


def _json(capsys, *argv):
    assert main(list(argv)) == 0
    return json.loads(capsys.readouterr().out)


def test_recommend_decide_show_publish_dashboard(cli_db, capsys, tmp_path, monkeypatch):
    db, passwords = cli_db
    base = ["--db", str(db)]
    rows = _json(capsys, *base, "enterprise", "list", "--district", "150602", "--json")
    submitted = []
    for row in rows:
        created = _json(capsys, *base, "application", "new", row["uscc"], "--json")
        if main([*base, "application", "submit", str(created["id"])]) == 0:
            submitted.append(created["id"])
        capsys.readouterr()
    assert submitted
    first = submitted[0]
    late = main([*base, "application", "recommend", str(first), "--opinion", "同意推荐"])
    if late == 1:  # past this year's 9 October: the administrator overrides with a reason
        assert "已过" in capsys.readouterr().err
        assert (
            main(
                [*base, "application", "recommend", str(first), "--opinion", "同意推荐", "--override", "补录"]
            )
            == 0
        )
    monkeypatch.setenv("IPREG_PASSWORD", passwords["shenhe"])
    assert (
        main(
            [
                *base,
                "--user",
                "shenhe",
                "application",
                "decide",
                str(first),
                "approve",
                "--opinion",
                "同意纳入",
            ]
        )
        == 0
    )
    assert (
        main([*base, "--user", "shenhe", "application", "decide", str(first), "reject", "--opinion", "x"])
        == 1
    )
    capsys.readouterr()
    uscc = _json(capsys, *base, "--user", "shenhe", "application", "show", str(first), "--json")[
        "enterprise"
    ]["uscc"]
    listed = _json(capsys, *base, "--user", "shenhe", "list", "show", "--json")
    assert [r["enterprise"]["uscc"] for r in listed] == [uscc] and listed[0]["status"] == "listed"
    figures = _json(capsys, *base, "--user", "shenhe", "dashboard", "--json")
    assert list(figures)[:2] == ["listed", "target"] and figures["listed"] == 1 and figures["target"] == 50
    out = tmp_path / "p.xlsx"
    assert (
        main([*base, "--user", "shenhe", "list", "publish", str(out), "--pdf", str(tmp_path / "p.pdf")]) == 0
    )
    assert "已公示 1 家企业" in capsys.readouterr().out
