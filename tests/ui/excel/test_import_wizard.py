"""The import wizard: check → preview → import → error workbook, cancel writes nothing, files refused clearly."""

import threading

import openpyxl
import pytest
from PySide6.QtWidgets import QFileDialog

from app.services.core.changes import Changes
from app.services.core.errors import DomainError
from app.services.enterprises import import_xlsx as enterprise_import
from app.services.enterprises import register as enterprises
from app.services.enterprises.search import EnterpriseQuery, search_ids
from app.ui.enterprises.register_page import RegisterPage
from app.ui.excel.import_wizard import CHOOSE, COMMIT, FINISH, PREVIEW, ImportWizard
from app.ui.excel.preview_model import HEADERS
from tests.helpers.excel_ui import check_file, click, mixed_workbook


@pytest.fixture
def wizard(qtbot, admin_session):
    dialog = ImportWizard(admin_session)
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def register_size(actor) -> int:
    return len(search_ids(actor, EnterpriseQuery(include_archived=True)))


def column(model, name):
    c = HEADERS.index(name)
    return [model.index(r, c).data() for r in range(model.rowCount())]


def test_preview_commit_and_error_workbook(qtbot, wizard, admin_session, tmp_path, monkeypatch):
    admin = admin_session.user
    source = tmp_path / "推荐名单.xlsx"
    built = mixed_workbook(source, admin)
    register = RegisterPage(admin_session)
    qtbot.addWidget(register)
    assert register.count_label.text() == "共 40 家"

    check_file(qtbot, wizard, source)
    assert wizard.step == PREVIEW
    model = wizard.preview.model
    assert column(model, "处理方式") == ["新增"] * 3 + ["更新", "拒绝", "拒绝"]
    assert column(model, "行号") == [str(built["header_row"] + i) for i in range(1, 7)]
    assert column(model, "信用代码")[:3] == built["new_codes"]
    assert column(model, "企业名称")[3] == built["existing"].name
    reasons = column(model, "原因 / 变更内容")
    assert reasons[3].startswith("变更：") and "知识产权数量" in reasons[3]
    assert "校验位" in reasons[4] and "B列" in reasons[4]
    assert reasons[5] == "D列（所属旗区）：未知旗区“火星旗”"
    assert "新增 <b" in wizard.preview.summary.text()
    assert wizard.next_button.isEnabled() and wizard.next_button.text() == "导入"
    wizard.preview.rejected_only.setChecked(True)
    assert column(model, "处理方式") == ["拒绝", "拒绝"]
    wizard.preview.rejected_only.setChecked(False)
    assert register_size(admin) == 40  # checking wrote nothing

    changes = []
    admin_session.changed.connect(changes.append)
    click(qtbot, wizard.next_button)
    qtbot.waitUntil(lambda: wizard.step == FINISH, timeout=15000)
    assert wizard.result == {"created": 3, "updated": 1, "unchanged": 0, "rejected": 2}
    assert changes == [Changes(enterprises=True)]
    assert register_size(admin) == 43
    assert enterprises.get_by_uscc(admin, built["new_codes"][0]).name == "鄂尔多斯市测试0号有限公司"
    assert register.count_label.text() == "共 43 家"  # the GUI thread sees what the worker committed
    assert "拒绝 <b" in wizard.finish.counts.text() and wizard.finish.save_errors_button.isVisible()

    out = tmp_path / "标注.xlsx"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(out), ""))
    click(qtbot, wizard.finish.save_errors_button)
    qtbot.waitUntil(lambda: wizard.error_file == out, timeout=10000)
    assert str(out) in wizard.finish.saved.text()
    book = openpyxl.load_workbook(out)
    assert book.sheetnames == ["达拉特旗推荐（已标注）", "错误汇总"]
    marked = book.worksheets[0][f"B{built['header_row'] + 5}"]
    assert marked.fill.fgColor.rgb.endswith("FFC7CE") and "校验位" in marked.comment.text
    summary = list(book["错误汇总"].iter_rows(values_only=True))
    assert summary[0][0] == "行号" and len(summary) == 3

    # Re-importing the same file changes nothing: only the two bad rows remain to be fixed.
    click(qtbot, wizard.close_button)
    again = ImportWizard(admin_session)
    qtbot.addWidget(again)
    again.show()
    check_file(qtbot, again, source)
    assert again.plan.summary() == {"created": 0, "updated": 0, "unchanged": 4, "rejected": 2}
    assert not again.next_button.isEnabled()


def test_cancel_during_commit_writes_nothing(qtbot, wizard, admin_session, tmp_path, monkeypatch):
    admin = admin_session.user
    source = tmp_path / "in.xlsx"
    built = mixed_workbook(source, admin)
    check_file(qtbot, wizard, source)
    assert wizard.step == PREVIEW

    reached, release = threading.Event(), threading.Event()
    original = enterprise_import.enterprise_records.bulk_add_records

    def slow_records(*args, **kwargs):  # the creates are written, the transaction is still open
        result = original(*args, **kwargs)
        reached.set()
        release.wait(10)
        return result

    monkeypatch.setattr(enterprise_import.enterprise_records, "bulk_add_records", slow_records)
    changes = []
    admin_session.changed.connect(changes.append)
    click(qtbot, wizard.next_button)
    assert wizard.step == COMMIT and not wizard.close_button.isEnabled()
    assert reached.wait(10)
    wizard.task.dialog.canceled.emit()  # what the progress dialog's 取消 button does
    release.set()
    qtbot.waitUntil(lambda: wizard.step == PREVIEW, timeout=10000)
    assert "导入已取消" in wizard.preview.status.text() and wizard.preview.status.isVisible()
    assert changes == []
    assert register_size(admin) == 40
    for code in built["new_codes"]:
        with pytest.raises(DomainError):
            enterprises.get_by_uscc(admin, code)
    assert wizard.next_button.isEnabled()  # the plan can still be imported


def test_cancel_during_check(qtbot, wizard, admin_session, tmp_path, monkeypatch):
    from tests.helpers.excel_ui import good_rows, messy_workbook

    source = tmp_path / "big.xlsx"
    messy_workbook(source, good_rows(450))
    reached, release = threading.Event(), threading.Event()
    original = enterprise_import.clean_row

    def slow_clean(*args):
        reached.set()
        release.wait(10)
        return original(*args)

    monkeypatch.setattr(enterprise_import, "clean_row", slow_clean)
    wizard.choose.path_edit.setText(str(source))
    click(qtbot, wizard.next_button)
    assert reached.wait(10)
    wizard.task.dialog.canceled.emit()
    release.set()
    qtbot.waitUntil(lambda: wizard.step == CHOOSE, timeout=15000)
    assert "已取消检查" in wizard.choose.error.text() and wizard.plan is None


@pytest.mark.parametrize(
    ("content", "name", "message"),
    [
        (b"just some text, not a workbook", "名单.xlsx", "不是 Excel .xlsx 文件"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 100, "旧表.xls", "已损坏"),  # a broken .xls; a good one is read
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 100, "加密.xlsx", "密码"),
    ],
)
def test_unreadable_files_are_refused_in_chinese(qtbot, wizard, tmp_path, content, name, message):
    junk = tmp_path / name
    junk.write_bytes(content)
    check_file(qtbot, wizard, junk)
    assert wizard.step == CHOOSE and wizard.plan is None
    assert wizard.choose.error.isVisible()
    assert wizard.choose.error.text().startswith("无法导入：") and message in wizard.choose.error.text()


def test_a_sheet_without_a_header_is_refused(qtbot, wizard, tmp_path):
    path = tmp_path / "无表头.xlsx"
    book = openpyxl.Workbook()
    book.active.append(["随便", "写点", "什么"])
    book.save(path)
    check_file(qtbot, wizard, path)
    assert wizard.step == CHOOSE and "表头" in wizard.choose.error.text()


def test_no_file_chosen(qtbot, wizard):
    click(qtbot, wizard.next_button)
    assert wizard.step == CHOOSE and wizard.choose.error.text() == "请先选择要导入的 Excel 文件"
