"""`support add|list [--totals]` and `publicity add|list [--counts]`, with --json, on a database made by the CLI."""

import json

from app.cli import PASSWORD_ENV, main


def _run(capsys, *argv) -> str:
    assert main(list(argv)) == 0, capsys.readouterr().err
    return capsys.readouterr().out


def _usccs(capsys, base, district) -> list[str]:
    return [e["uscc"] for e in json.loads(_run(capsys, *base, "enterprise", "list", "--district", district, "--json"))]


def test_support_is_added_listed_and_totalled(cli_db, capsys, monkeypatch, tmp_path):
    db, passwords = cli_db
    monkeypatch.setenv(PASSWORD_ENV, passwords["dongsheng"])
    base = ["--db", str(db), "--user", "dongsheng"]
    first, second = _usccs(capsys, base, "150602")[:2]
    scan = tmp_path / "拨付通知.pdf"
    scan.write_bytes(b"%PDF-1.4\n%%EOF\n")
    added = json.loads(_run(capsys, *base, "support", "add", first, "--kind", "资金", "--date", "2026-03-15",
                            "--body", "东胜区财政局", "--programme", "专利资助", "--amount", "1,234,567.8",
                            "--file", str(scan), "--json"))  # fmt: skip
    assert (added["amount"], added["amount_text"], added["files"]) == ("1234567.80", "1,234,567.80", 1)
    out = _run(capsys, *base, "support", "add", second, "--kind", "policy", "--date", "2026-04-01", "--body",
               "东胜区市场监管局", "--programme", "知识产权质押融资贴息政策")  # fmt: skip
    assert "已登记扶持" in out and "政策" in out
    _run(capsys, *base, "support", "add", second, "--kind", "funding", "--date", "2026-05-01", "--body", "东胜区财政局",
         "--programme", "专利资助", "--amount", "0.2")  # fmt: skip
    assert main([*base, "support", "add", first, "--kind", "loan", "--date", "2026-01-01", "--body", "x",
                 "--programme", "y"]) == 1  # fmt: skip
    assert "扶持类别" in capsys.readouterr().err
    listed = json.loads(_run(capsys, *base, "support", "list", "--year", "2026", "--json"))
    assert [e["kind"] for e in listed] == ["funding", "policy", "funding"]
    assert len(json.loads(_run(capsys, *base, "support", "list", "--uscc", second, "--json"))) == 2
    totals = json.loads(_run(capsys, *base, "support", "list", "--totals", "--year", "2026", "--json"))
    funding = next(t for t in totals if t["kind"] == "funding")
    assert (funding["entries"], funding["enterprises"], funding["amount"]) == (2, 2, "1234568.00")
    text = _run(capsys, *base, "support", "list", "--totals")
    assert "1,234,568.00 元" in text and "合计：3 条" in text
    stats = json.loads(_run(capsys, *base, "stats", "2026", "--json"))
    section = next(s for s in stats["sections"] if s["key"] == "support")
    assert section["total"]["funding"] == 2 and section["total"]["amount"] == "1234568.00"
    assert "1,234,568.00" in _run(capsys, *base, "stats", "2026")


def test_publicity_is_added_listed_and_counted(cli_db, capsys, monkeypatch):
    db, passwords = cli_db
    monkeypatch.setenv(PASSWORD_ENV, passwords["dongsheng"])
    base = ["--db", str(db), "--user", "dongsheng"]
    first, second = _usccs(capsys, base, "150602")[:2]
    added = json.loads(_run(capsys, *base, "publicity", "add", "--channel", "微信", "--outlet", "东胜市场监管",
                            "--title", "护航重点企业", "--date", "2026-03-02", "--link", "https://mp.weixin.qq.com/s/x",
                            "--enterprise", first, "--enterprise", second, "--json"))  # fmt: skip
    assert added["district"] == "东胜区" and [e["uscc"] for e in added["enterprises"]] == [first, second]
    _run(capsys, *base, "publicity", "add", "--channel", "tv", "--outlet", "东胜区电视台", "--title", "专访",
         "--date", "2026-04-10")  # fmt: skip
    assert main([*base, "publicity", "add", "--channel", "tv", "--outlet", "x", "--title", "y", "--date",
                 "2026-04-10", "--district", "达拉特旗"]) == 1  # fmt: skip
    assert [i["channel"] for i in json.loads(_run(capsys, *base, "publicity", "list", "--json"))] == ["tv", "wechat"]
    counts = json.loads(_run(capsys, *base, "publicity", "list", "--counts", "--year", "2026", "--json"))
    assert counts == {"东胜区": {"tv": 1, "radio": 0, "newspaper": 0, "website": 0, "weibo": 0, "wechat": 1,
                                 "other": 0, "total": 2, "enterprises": 2}}  # fmt: skip
    assert "东胜区：2 篇（电视 1，微信 1）" in _run(capsys, *base, "publicity", "list", "--counts", "--year", "2026")
