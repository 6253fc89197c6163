"""Guard against the PySide6 6.12.0 / CPython 3.11 bug that drops a reference to None per void Qt call.

pytest itself holds thousands of references to None, which hides the eventual `none_dealloc` abort;
the reference count tells at once.
"""

import sys

from PySide6.QtWidgets import QApplication, QLabel


def test_void_qt_calls_keep_references_to_none():
    QApplication.instance() or QApplication([])
    label = QLabel()
    label.setText("预热")
    before = sys.getrefcount(None)
    for i in range(1000):
        label.setText(str(i))
    after = sys.getrefcount(None)
    assert after >= before - 10, f"refcount(None) fell from {before} to {after}: PySide6 is leaking None"


def test_pyside_is_pinned_to_6_11():
    import PySide6

    assert PySide6.__version__.startswith("6.11."), PySide6.__version__
