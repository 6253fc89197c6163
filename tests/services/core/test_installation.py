"""The installation's identity: named once at the first start, never changed, shown and printed from one place."""

import contextlib
import io

import pytest

from app.cli import main
from app.models import AuditLog, Setting
from app.services.core import installation
from app.services.core.errors import ValidationError
from app.services.system import database as setup


def test_a_district_installation_is_named_at_initialisation_and_audited(tmp_path):
    setup.initialise(tmp_path / "d.db", "Wq7-district-pw", scope="150602")
    identity = installation.current()
    assert identity.scope == "150602" and identity.district.name == "东胜区" and not identity.is_city
    assert identity.body == "鄂尔多斯市东胜区市场监督管理局" and len(identity.exchange_id) == 36
    entry = AuditLog.get(AuditLog.action == "installation.configure")
    assert "鄂尔多斯市东胜区市场监督管理局" in entry.after and entry.user_login == "system"


def test_the_identity_cannot_be_changed_once_set(empty_db):
    assert installation.is_configured()
    before = installation.current()
    with pytest.raises(ValidationError, match="不能更改"):
        installation.configure("150603")
    assert installation.current() == before


def test_a_typed_body_is_kept_as_typed_and_an_unknown_scope_refused(tmp_path):
    with pytest.raises(ValidationError, match="未知的旗区代码"):
        setup.initialise(tmp_path / "x.db", "Wq7-district-pw", scope="999999", body="某局")
    assert not setup.is_initialised() and not installation.is_configured()  # nothing half-written
    setup.initialise(tmp_path / "x.db", "Wq7-district-pw", scope="1506GX", body="鄂尔多斯高新区（市场监管）")
    assert installation.current().body == "鄂尔多斯高新区（市场监管）"


def test_a_database_from_before_the_identity_reads_as_the_city_without_a_write(empty_db):
    Setting.delete().where(Setting.key == installation.KEY).execute()
    identity = installation.current()
    assert identity.is_city and identity.exchange_id is None
    assert identity.body == "鄂尔多斯市市场监督管理局（知识产权局）"
    assert not installation.is_configured()


def test_demo_data_is_marked_in_the_title(demo_db):
    assert installation.current().demo and installation.current().title.endswith("（演示数据）")


def test_cli_init_takes_the_scope_by_name_and_refuses_an_unknown_one(tmp_path, monkeypatch):
    monkeypatch.setenv("IPREG_PASSWORD", "Wq7-district-pw")
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        assert main(["--db", str(tmp_path / "a.db"), "init", "--scope", "准格尔", "--admin-name", "李管理"]) == 0
    assert "鄂尔多斯市准格尔旗市场监督管理局" in out.getvalue()
    assert installation.current().scope == "150622"
    err = io.StringIO()
    with contextlib.redirect_stderr(err), contextlib.redirect_stdout(io.StringIO()):
        assert main(["--db", str(tmp_path / "b.db"), "init", "--scope", "火星"]) != 0
    assert "未知的所属单位“火星”" in err.getvalue()


def test_documents_are_issued_by_this_installation(tmp_path):
    setup.initialise(tmp_path / "d.db", "Wq7-district-pw", scope="150602", body="东胜区市场监督管理局（知识产权局）")
    assert installation.issuing_body() == "东胜区市场监督管理局（知识产权局）"  # its own reports
    assert installation.issuing_body("东胜区") == "东胜区市场监督管理局（知识产权局）"  # its own cases
    assert installation.issuing_body("康巴什区") == "鄂尔多斯市康巴什区市场监督管理局"
    assert installation.issuing_body("市局") == "鄂尔多斯市市场监督管理局（知识产权局）"


def test_a_statistics_report_printed_by_a_district_names_that_district(tmp_path):
    from pypdf import PdfReader

    from app.models import User
    from app.services.statistics import printing

    setup.initialise(tmp_path / "d.db", "Wq7-district-pw", scope="150603")
    out = tmp_path / "report.pdf"
    printing.print_report(User.get(User.login == "admin"), 2026, out)
    text = "".join(page.extract_text() for page in PdfReader(out).pages).replace("\n", "").replace(" ", "")
    assert "鄂尔多斯市康巴什区市场监督管理局" in text and "（知识产权局）" not in text
