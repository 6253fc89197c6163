"""Qt's own dialogs and calendars speak Chinese on a PC whose locale is not Chinese (LANG=C): the start-up's
translations are installed in a fresh process, as the program does, and the widgets are read back."""

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

CHILD = r"""
import json
from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import QApplication, QCalendarWidget, QDateEdit, QFileDialog, QLabel, QMessageBox, QPushButton, QToolButton

app = QApplication([])
from app.ui.qt_locale import install_qt_translations

install_qt_translations(app)
files = QFileDialog(None, "选择文件", "", "Excel 文件 (*.xlsx)")
files.setOption(QFileDialog.Option.DontUseNativeDialog)
files.show()
app.processEvents()
calendar = QCalendarWidget()
calendar.setCurrentPage(2027, 1)
calendar.show()
app.processEvents()
edit = QDateEdit(calendarPopup=True)
box = QMessageBox(QMessageBox.Icon.Question, "t", "x", QMessageBox.StandardButton.Save | QMessageBox.StandardButton.Discard
                  | QMessageBox.StandardButton.Cancel)
box.show()
app.processEvents()
print(json.dumps({
    "labels": sorted(label.text() for label in files.findChildren(QLabel) if label.text()),
    "calendar_locale": calendar.locale().name(),
    "first_day": calendar.firstDayOfWeek().name,
    "month_button": [b.text() for b in calendar.findChildren(QToolButton) if b.text()],
    "popup_locale": edit.calendarWidget().locale().name(),
    "buttons": sorted(b.text() for b in box.findChildren(QPushButton)),
}, ensure_ascii=False))
"""


def test_file_dialog_calendar_and_message_box_are_chinese_under_an_english_locale():
    env = {**os.environ, "LANG": "C", "LC_ALL": "C", "LANGUAGE": "", "QT_QPA_PLATFORM": "offscreen"}
    done = subprocess.run([sys.executable, "-c", CHILD], cwd=ROOT, env=env, capture_output=True, text=True,
                          timeout=120, check=True)  # fmt: skip
    seen = json.loads(done.stdout.strip().splitlines()[-1])
    assert seen["labels"] == ["文件名称(&N)：", "文件类型(&T)：", "查找范围(&L)："], seen["labels"]
    assert seen["calendar_locale"] == seen["popup_locale"] == "zh_CN"
    assert seen["first_day"] == "Monday"
    assert "一月" in seen["month_button"], seen["month_button"]
    assert seen["buttons"] and not any(text.isascii() for text in seen["buttons"]), seen["buttons"]


def test_the_tests_application_speaks_chinese_as_the_program_does(qtbot):
    """tests/conftest.py sets up pytest-qt's application as app/ui/startup.py does: a dialog's standard buttons
    read as a user reads them, in tests and in the harness's screenshots."""
    from PySide6.QtCore import QLocale
    from PySide6.QtWidgets import QDialogButtonBox

    standard = QDialogButtonBox.StandardButton
    box = QDialogButtonBox(standard.Ok | standard.Cancel | standard.Close)
    qtbot.addWidget(box)
    assert box.button(standard.Cancel).text() == "取消"
    assert box.button(standard.Ok).text() == "确定"
    assert box.button(standard.Close).text() == "关闭"
    assert QLocale().name() == "zh_CN"
