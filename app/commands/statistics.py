"""`stats YEAR [--district CODE] [--json] [--xlsx OUT] [--pdf OUT]`: the yearly report from the command line.

The same figures as the 统计报表 page; a district officer gets their own district. Printing and the workbook
load reportlab and openpyxl only when asked for.
"""

from __future__ import annotations

import sys
from pathlib import Path

from app.commands.output import print_json
from app.services.statistics import figures as statistics
from app.services.statistics.sections import figure_text


def register(sub) -> None:
    stats = sub.add_parser("stats", help="年度统计报表")
    stats.add_argument("year", type=int, help="统计年度，例如 2026")
    stats.add_argument("--district", help="只统计一个旗区（旗区代码，市局用户可选）")
    stats.add_argument("--json", action="store_true")
    stats.add_argument("--xlsx", type=Path, help="另存为 Excel 工作簿")
    stats.add_argument("--pdf", type=Path, help="另存为打印用的 PDF 报表")
    stats.set_defaults(handler=cmd_stats)


def cmd_stats(args, actor) -> int:
    found = statistics.yearly(actor, args.year, args.district)
    if args.xlsx or args.pdf:
        from app.services.statistics import printing

        if args.xlsx:
            printing.export_xlsx(actor, args.year, args.xlsx, args.district)
            print(f"已导出 Excel：{args.xlsx}", file=sys.stderr if args.json else sys.stdout)
        if args.pdf:
            report = printing.print_report(actor, args.year, args.pdf, args.district)
            for warning in report.warnings:
                print(f"注意：{warning}", file=sys.stderr)
            print(f"已生成 PDF 报表（{report.pages} 页）：{args.pdf}", file=sys.stderr if args.json else sys.stdout)
    if args.json:
        print_json(found)
    elif not (args.xlsx or args.pdf):
        _print_tables(found)
    return 0


def _print_tables(found: dict) -> None:
    print(f"{found['year']} 年度统计报表（{found['scope']}，统计日期 {found['as_of']}）")
    for part in found["sections"]:
        print(f"\n【{part['title']}】")
        labels = [c["label"] for c in part["columns"]]
        print("  " + "旗区".ljust(8, "　") + "  ".join(labels))
        for row in [*part["rows"], part["total"]]:
            values = [figure_text(c["key"], row[c["key"]]) for c in part["columns"]]
            print("  " + row["name"].ljust(8, "　") + "  ".join(v.rjust(len(label) * 2) for v, label in
                                                              zip(values, labels, strict=True)))  # fmt: skip
    for breakdown in found["breakdowns"]:
        counts = "，".join(f"{label} {n}" for label, n in breakdown["counts"].items()) or "无"
        print(f"\n{breakdown['title']}：{counts}")
