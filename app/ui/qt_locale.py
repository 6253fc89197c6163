"""Qt's own words in Chinese whatever the PC's locale: standard dialogs, file dialogs, calendars (Monday first).

Qt's `qtbase_zh_CN.qm` lags behind its sources: a few strings of the non-native file dialog changed in Qt 6
("&Look in:", "Files of &type:") and are no longer matched, so `Supplement` answers for those.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

CHINA = QLocale(QLocale.Language.Chinese, QLocale.Script.SimplifiedChineseScript, QLocale.Country.China)

# (context, source) → text, for the strings qtbase_zh_CN.qm does not translate (checked with Qt 6.11).
MISSING = {
    ("QFileDialog", "&Look in:"): "查找范围(&L)：",
    ("QFileDialog", "Files of &type:"): "文件类型(&T)：",
    ("QFileDialog", "File &name:"): "文件名称(&N)：",
}


class Supplement(QTranslator):
    def translate(self, context, source, disambiguation=None, n=-1):  # noqa: ARG002 (Qt's signature)
        return MISSING.get((context, source))  # None (a null string): "not mine", Qt asks the next one

    def isEmpty(self) -> bool:  # noqa: N802 (Qt override)
        return False


def install_qt_translations(app: QCoreApplication) -> None:
    """Chinese for Qt itself: the default locale (month and day names, the week starting on Monday, number
    formats) and Qt's translations, so standard dialogs say 确定/取消 rather than OK/Cancel."""
    QLocale.setDefault(CHINA)
    folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    translator = QTranslator(app)
    if translator.load(CHINA, "qtbase", "_", folder):
        app.installTranslator(translator)
    # Installed last, asked first: it answers only for the strings it knows and defers on the rest.
    app.installTranslator(Supplement(app))
