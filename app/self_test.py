"""`--self-test`: prove an installed (or frozen) copy works end to end, without touching the user's data.

Opens a temporary database with the demo set-up, imports the shipped template with two rows filled in, prints
one application form and reads its text layer back, then opens the main window offscreen, signs in through the
login dialog and visits every page. Prints one line per step; exit status 0, or 1 naming the step that failed.
A frozen build is where missing Qt plugins, translations, resources and fonts show up, so each is a step.
"""

from __future__ import annotations

import os
import random
import shutil
import sys
import tempfile
import threading
import time
import traceback
from collections.abc import Callable
from pathlib import Path

TIMEOUT_SECONDS = 300  # a hung dialog must fail the build, not stall it
TEMPLATE = "企业信息导入模板.xlsx"
REPORT_FILE = Path(tempfile.gettempdir()) / "ipreg-self-test.txt"
IMPORTED = ("鄂尔多斯市自检甲有限公司", "鄂尔多斯市自检乙有限公司")


class SelfTestFailure(Exception):
    """A step found something wrong; the message says what, in Chinese."""


class Context:
    """What the steps hand on to each other."""

    def __init__(self, folder: Path):
        self.folder = folder
        self.db_path = folder / "self-test.db"
        self.password = ""
        self.admin = None
        self.enterprise_ids: list[int] = []
        self.app = None
        self.dialogs: list[str] = []  # message boxes the window tried to show: each one is a failure


def check(condition: bool, message: str) -> None:
    if not condition:
        raise SelfTestFailure(message)


# --- steps without Qt ------------------------------------------------------------------------------------


def step_resources(ctx: Context) -> str:
    from app.paths import resources_dir

    root = resources_dir()
    needed = [
        f"templates/{TEMPLATE}", "questionnaires/annual_needs_survey.json", "reference/districts.json",
        "reference/industries.json", "guide/用户指南.md", "accounts/common_passwords.txt",
    ]  # fmt: skip
    missing = [name for name in needed if not (root / name).is_file()]
    check(not missing, f"资源文件缺失（{root}）：{'、'.join(missing)}")
    return str(root)


def step_database(ctx: Context) -> str:
    from app.services.accounts.passwords import generate_password
    from app.services.system import database as setup

    ctx.password = generate_password()
    result = setup.initialise(ctx.db_path, ctx.password, demo=True)
    ctx.admin = result.admin
    check(bool(result.demo_accounts), "演示数据没有生成演示账号")
    return f"{ctx.db_path.name}，演示账号 {len(result.demo_accounts)} 个"


def _fill_template(path: Path) -> list[str]:
    """Two rows typed into the shipped template under its own header; returns their credit codes."""
    import openpyxl

    from app.services.enterprises.sheet_columns import ENTERPRISE_COLUMNS
    from app.services.system.demo import make_uscc

    rng = random.Random(18)  # not the demo data's seed: these must be new enterprises
    codes = [make_uscc(rng, "150602"), make_uscc(rng, "150602")]
    values = [
        {"uscc": codes[0], "name": IMPORTED[0], "district": "东胜区", "founded_on": "2015-03-01",
         "contact_name": "张敏", "contact_phone": "0477-8160875", "invention_patents": 12, "trademarks_domestic": 3},
        {"uscc": codes[1], "name": IMPORTED[1], "district": "达拉特旗", "invention_patents": 5},
    ]  # fmt: skip
    workbook = openpyxl.load_workbook(path)
    sheet = workbook.worksheets[0]
    headers = [str(cell.value or "").lstrip("*") for cell in sheet[1]]
    for offset, row in enumerate(values):
        for column in ENTERPRISE_COLUMNS:
            if column.key in row:
                sheet.cell(row=2 + offset, column=headers.index(column.header) + 1, value=row[column.key])
    workbook.save(path)
    return codes


def step_import(ctx: Context) -> str:
    from app.paths import resources_dir
    from app.services.enterprises import register
    from app.services.enterprises.import_xlsx import import_enterprises

    filled = ctx.folder / TEMPLATE
    shutil.copyfile(resources_dir() / "templates" / TEMPLATE, filled)
    codes = _fill_template(filled)
    plan = import_enterprises(ctx.admin, filled)
    summary = plan.summary()
    reasons = "；".join(f"第{e.row}行 {e.header}：{e.reason}" for e in plan.errors)
    check(summary["created"] == 2, f"导入模板应新增 2 家，实为 {summary}{('：' + reasons) if reasons else ''}")
    ctx.enterprise_ids = [register.get_by_uscc(ctx.admin, code).id for code in codes]
    return "新增 2 家"


def step_print(ctx: Context) -> str:
    from pypdf import PdfReader

    from app.services.applications import forms
    from app.services.applications.printing import print_application

    draft = forms.new_draft(ctx.admin, ctx.enterprise_ids[0])
    out = ctx.folder / "申报表.pdf"
    report = print_application(ctx.admin, draft.id, out)
    text = "".join("".join((page.extract_text() or "").split()) for page in PdfReader(out).pages)
    check(report.pages >= 1, "申报表没有页面")
    for expected in (IMPORTED[0], "申报表"):
        check(expected in text, f"申报表 PDF 的文字层中找不到“{expected}”（字体：{report.fonts_used}）")
    return f"{report.pages} 页，字体 {', '.join(Path(f).name for f in report.fonts_used)}"


# --- steps with Qt ---------------------------------------------------------------------------------------


def _quiet_message_boxes(ctx: Context) -> None:
    """A message box would wait for a click nobody gives: record it as a failure and carry on."""
    from PySide6.QtWidgets import QMessageBox

    def record(kind: str):
        def show(parent, title, text, *args, **kwargs):
            ctx.dialogs.append(f"{kind}“{title}”：{text}")
            return QMessageBox.StandardButton.Ok

        return staticmethod(show)

    for kind in ("critical", "warning", "information", "question"):
        setattr(QMessageBox, kind, record(kind))


def step_qt(ctx: Context) -> str:
    from PySide6.QtCore import QLibraryInfo, QLocale, QTranslator
    from PySide6.QtGui import QFontDatabase
    from PySide6.QtWidgets import QApplication

    from app import APP_ID
    from app.ui.startup import install_qt_translations

    ctx.app = QApplication.instance() or QApplication([sys.argv[0], "-platform", "offscreen"])
    ctx.app.setApplicationName(APP_ID)
    install_qt_translations(ctx.app)
    folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    probe = QTranslator()
    loaded = probe.load(QLocale(QLocale.Language.Chinese, QLocale.Country.China), "qtbase", "_", folder)
    check(loaded, f"找不到 Qt 的中文翻译 qtbase_zh_CN.qm（{folder}）")
    check(probe.translate("QPlatformTheme", "Cancel") != "", "Qt 中文翻译为空")
    families = QFontDatabase.families()
    check(bool(families), "Qt 找不到任何字体")
    has_chinese = any(
        QFontDatabase.WritingSystem.SimplifiedChinese in QFontDatabase.writingSystems(f) for f in families
    )
    check(has_chinese, "Qt 找不到中文字体：界面文字会显示为方框")
    _quiet_message_boxes(ctx)
    # The window remembers its size on closing: into the temporary folder, not this PC user's settings.
    from app.ui import preferences

    preferences.user_config_dir = lambda: ctx.folder
    return f"平台 {ctx.app.platformName()}，字体 {len(families)} 种"


def _settle(ctx: Context) -> None:
    from PySide6.QtCore import QThreadPool

    for _ in range(3):
        ctx.app.processEvents()
        QThreadPool.globalInstance().waitForDone(60000)
    ctx.app.processEvents()


def step_sign_in(ctx: Context) -> str:
    from app.ui.login_dialog import LoginDialog

    dialog = LoginDialog({"admin": ctx.password})
    dialog.show()
    dialog.login_edit.setText("admin")
    dialog.password_edit.setText(ctx.password)
    dialog.submit()
    check(dialog.user is not None, f"登录失败：{dialog.error.text()}")
    ctx.admin = dialog.user
    dialog.close()
    return ctx.admin.login


def step_pages(ctx: Context) -> str:
    from app.ui.main_window import MainWindow
    from app.ui.placeholder_page import PlaceholderPage
    from app.ui.session import Session

    window = MainWindow(Session(ctx.admin, ctx.db_path))
    window.resize(1366, 768)
    window.show()
    try:
        for area in window.areas:
            window.show_area(area)
            _settle(ctx)
            page = window.stack.currentWidget()
            check(page is window.pages[area] and page.isVisible(), f"页面“{area}”没有显示")
            check(not isinstance(page, PlaceholderPage), f"页面“{area}”只是占位页")
            check(not ctx.dialogs, f"打开页面“{area}”时弹出：{'；'.join(ctx.dialogs)}")
    finally:
        window.close()
        _settle(ctx)
    return f"{len(window.areas)} 个页面"


STEPS: tuple[tuple[str, Callable[[Context], str]], ...] = (
    ("资源文件", step_resources),
    ("临时数据库与演示数据", step_database),
    ("导入企业信息模板", step_import),
    ("打印申报表", step_print),
    ("Qt 平台、翻译与字体", step_qt),
    ("登录", step_sign_in),
    ("主窗口各页面", step_pages),
)


def run(out=None) -> int:
    """Run every step in order and stop at the first failure; 0 when all passed, else 1."""
    out = out or sys.stdout
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from app.services.system import database as setup

    folder = Path(tempfile.mkdtemp(prefix="ipreg-selftest-"))
    ctx = Context(folder)
    started = time.monotonic()
    try:
        for name, step in STEPS:
            try:
                detail = step(ctx)
            except SelfTestFailure as exc:
                print(f"自检失败：{name}：{exc}", file=out, flush=True)
                return 1
            except Exception as exc:  # noqa: BLE001 (the step's name and the error are the report)
                traceback.print_exc(file=out)
                print(f"自检失败：{name}：{type(exc).__name__}: {exc}", file=out, flush=True)
                return 1
            print(f"通过：{name}（{detail}）", file=out, flush=True)
        print(f"自检通过（{time.monotonic() - started:.1f} 秒）", file=out, flush=True)
        return 0
    finally:
        setup.release_connection()
        shutil.rmtree(folder, ignore_errors=True)


def main() -> int:
    """The process entry: a watchdog ends a self-test that hangs (a modal dialog nobody answers)."""

    def give_up() -> None:
        print(f"自检失败：超过 {TIMEOUT_SECONDS} 秒仍未结束", file=out, flush=True)
        os._exit(1)

    # The Windows build has no console (sys.stdout is None): the report goes to a file the IT desk can open.
    out = sys.stdout if sys.stdout is not None else open(REPORT_FILE, "w", encoding="utf-8")
    watchdog = threading.Timer(TIMEOUT_SECONDS, give_up)
    watchdog.daemon = True
    watchdog.start()
    try:
        status = run(out)
    finally:
        watchdog.cancel()
    out.flush()
    # Skip interpreter shutdown's destruction of Qt objects in arbitrary order: the verdict is already printed.
    os._exit(status)
