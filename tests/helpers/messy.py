"""Builders of the workbooks clerks really send: title rows, merged cells, full-width digits, notes."""

import os
import random
from datetime import datetime

from openpyxl import Workbook

from app.services.system.demo import make_uscc


def codes(n: int, district: str = "150621", seed: int = 11) -> list[str]:
    rng = random.Random(seed)
    found: list[str] = []
    while len(found) < n:
        code = make_uscc(rng, district)
        if code not in found:
            found.append(code)
    return found


def messy_workbook(
    path, rows: list[list], headers: list[str] | None = None, *, merges=(), title=True, note=True
):
    """A sheet with a merged title, a blank row, the header, the rows, and a note row under them."""
    headers = headers or [
        "序号", " 社会信用代码（18位）", "单位名称（盖章）", "所在旗区", "成立时间", "发明专利（件）", "注册商标数",
        "驰名商标", "本年度已申报自治区名录", "联系人", "电话",
    ]  # fmt: skip
    wb = Workbook()
    ws = wb.active
    ws.title = "达拉特旗推荐"
    start = 1
    if title:
        ws.append(["达拉特旗知识产权重点企业推荐名单"])
        ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=len(headers))
        ws.append([])
        start = 3
    ws.append(headers)
    for row in rows:
        ws.append(row)
    for ref in merges:
        ws.merge_cells(ref)
    if note:
        ws.append([])
        ws.append(["注：以上企业均已征得本人同意。"])
        last = ws.max_row
        ws.merge_cells(start_row=last, start_column=1, end_row=last, end_column=len(headers))
    _save(wb, path)
    return start  # the header's row number


def _save(wb: Workbook, path) -> None:
    """Saved as .xlsx, or as the same sheet in a legacy .xls when the path says so."""
    if str(path).lower().endswith(".xls"):
        from tests.helpers.xls import save_as_xls

        staging = f"{path}.xlsx"
        wb.save(staging)
        save_as_xls(staging, path)
        os.remove(staging)
    else:
        wb.save(path)


def good_rows(n: int = 3) -> list[list]:
    c = codes(n)
    forms = [datetime(2015, 3, 1), "2015/3/1", "2015.3.1", "2015年3月1日", "20150301", "2015-03-01"]
    return [
        [i + 1, c[i].lower() if i % 2 else f" {c[i]} ", f"鄂尔多斯市测试{i}号有限公司", "达拉特", forms[i % len(forms)],
         ["12", 12, "１２件"][i % 3], "3", ["√", "是", "Y"][i % 3], ["否", "×", "N"][i % 3], "张敏", "0477-8160875"]
        for i in range(n)
    ]  # fmt: skip
