"""`enterprise list --search`: an overlong search prints a message and exits non-zero, never a traceback."""

from app.cli import main


def test_a_50000_byte_search_prints_the_limit_and_exits_non_zero(cli_db, capsys):
    db, _ = cli_db
    code = main(["--db", str(db), "enterprise", "list", "--search", "x" * 50_000])
    out, err = capsys.readouterr()
    assert code != 0
    assert "查找内容：不能超过 200 个字" in err and "Traceback" not in out + err
    assert main(["--db", str(db), "enterprise", "list", "--search", "鄂尔多斯"]) == 0
