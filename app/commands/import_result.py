"""What every `import` command does with its result: exit codes 0/1/2, the error workbook, JSON or text."""

from __future__ import annotations

import sys
from collections.abc import Callable

from app.commands.output import print_json
from app.services.io import error_workbook as error_report
from app.services.io import xlsx_reader as reader

SUMMARY_LABELS = {
    "created": "新增",
    "updated": "更新",
    "unchanged": "无变化",
    "rejected": "拒绝",
    "blank": "未填报",
}


def finish_import(
    args, run: Callable[[], object], notes: Callable[[object], list[str]] = lambda plan: []
) -> int:
    """Run an import plan; 0 when every row was taken, 1 when some were rejected, 2 when the file is unreadable."""
    try:
        plan = run()
    except reader.WorkbookError as exc:
        print(f"错误：{exc}", file=sys.stderr)
        return 2
    if args.errors and plan.errors:
        error_report.write_error_workbook(plan, args.errors)
    if args.json:
        print_json({"dry_run": args.dry_run, **plan.to_dict()})
    else:
        counts = "，".join(
            f"{SUMMARY_LABELS[k]} {n}" for k, n in plan.summary().items() if k in SUMMARY_LABELS
        )
        print(f"{'检查' if args.dry_run else '导入'}完成：{counts}")
        for line in notes(plan):
            print(f"  {line}")
        for e in plan.errors:
            print(f"  第{e.row}行 {e.column}列（{e.header}）：{e.reason}", file=sys.stderr)
        if args.errors and plan.errors:
            print(f"已生成错误标注文件 {args.errors}")
    return 1 if plan.errors else 0
