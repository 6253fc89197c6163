"""`python -m app --self-test`: the whole round trip passes on a working installation, and a failure is named."""

import io
import os
import subprocess
import sys
from pathlib import Path

import app.paths
from app import APP_ID, self_test
from app.ui.main_window import AREAS

ROOT = Path(__file__).resolve().parent.parent


def test_self_test_passes_in_a_fresh_process(tmp_path):
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "HOME": str(tmp_path), "XDG_CONFIG_HOME": str(tmp_path)}
    done = subprocess.run(
        [sys.executable, "-m", "app", "--self-test"], cwd=ROOT, env=env, capture_output=True, text=True,
        timeout=240,
    )  # fmt: skip
    assert done.returncode == 0, done.stdout + done.stderr
    lines = done.stdout.splitlines()
    assert [line.split("（")[0] for line in lines[:-1]] == [f"通过：{name}" for name, _ in self_test.STEPS]
    assert lines[-1].startswith("自检通过")
    assert f"{len(AREAS)} 个页面" in done.stdout and "新增 2 家" in done.stdout  # the admin sees every area
    assert not (tmp_path / APP_ID).exists(), "the self-test wrote into the user's config folder"


def test_a_missing_resource_fails_and_is_named(tmp_path, monkeypatch):
    (tmp_path / "templates").mkdir()
    monkeypatch.setattr(app.paths, "resources_dir", lambda: tmp_path)
    monkeypatch.setattr(self_test, "STEPS", self_test.STEPS[:1])
    out = io.StringIO()
    assert self_test.run(out) == 1
    assert out.getvalue().startswith("自检失败：资源文件：资源文件缺失")
    assert "templates/企业信息导入模板.xlsx" in out.getvalue() and "guide/用户指南.md" in out.getvalue()


def test_the_filled_template_keeps_the_shipped_header(tmp_path):
    """The two rows land under the template's own columns: the import reads them back, name by name."""
    import shutil

    import openpyxl

    path = tmp_path / "t.xlsx"
    shutil.copyfile(app.paths.resources_dir() / "templates" / self_test.TEMPLATE, path)
    codes = self_test._fill_template(path)
    sheet = openpyxl.load_workbook(path).worksheets[0]
    rows = [[c.value for c in row] for row in sheet.iter_rows(min_row=2, max_row=3)]
    assert [r[0] for r in rows] == codes and [r[1] for r in rows] == list(self_test.IMPORTED)
