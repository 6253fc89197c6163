"""`questionnaire list|export|import|results|print|install-builtin`: questionnaires on the command line.

`import` exits 0 when every filled row was taken, 1 when some rows were rejected (after taking the good ones),
2 when the file itself cannot be read.
"""

from __future__ import annotations

import sys
from pathlib import Path

from app.commands.output import print_json
from app.services.questionnaires import catalogue as questionnaires
from app.services.questionnaires.results import compute


def register(sub) -> None:
    group = sub.add_parser("questionnaire", help="问卷调查").add_subparsers(dest="action", required=True)
    ls = group.add_parser("list", help="问卷列表")
    ls.add_argument("--all", action="store_true", help="包括旧版本")
    ls.add_argument("--json", action="store_true")
    ls.set_defaults(handler=cmd_list)
    exp = group.add_parser("export", help="导出填报表（每家企业一行）")
    exp.add_argument("id", type=int)
    exp.add_argument("out", type=Path)
    exp.set_defaults(handler=cmd_export)
    imp = group.add_parser("import", help="导入填报表")
    imp.add_argument("id", type=int)
    imp.add_argument("file", type=Path)
    imp.add_argument("--errors", type=Path, help="把标注了错误的文件写到这里")
    imp.add_argument("--dry-run", action="store_true", help="只检查，不写入")
    imp.add_argument("--json", action="store_true")
    imp.set_defaults(handler=cmd_import)
    res = group.add_parser("results", help="统计结果")
    res.add_argument("id", type=int)
    res.add_argument("--json", action="store_true")
    res.add_argument("--xlsx", type=Path, help="导出为Excel")
    res.add_argument("--pdf", type=Path, help="打印汇总报告")
    res.add_argument("--drafts", action="store_true", help="包括草稿")
    res.set_defaults(handler=cmd_results)
    pdf = group.add_parser("print", help="打印空白问卷（手工填写）")
    pdf.add_argument("id", type=int)
    pdf.add_argument("out", type=Path)
    pdf.set_defaults(handler=cmd_print)
    group.add_parser("install-builtin", help="安装内置的年度保护需求调查问卷").set_defaults(
        handler=cmd_install
    )


def cmd_list(args, actor) -> int:
    rows = questionnaires.list_questionnaires(actor, include_old=args.all)
    if args.json:
        print_json([r.to_dict() for r in rows])
        return 0
    for r in rows:
        state = "填报中" if r.active else "已停止"
        print(
            f"{r.id:>4}  第{r.version}版  {state}  {r.questions}题  已完成 {r.complete}  草稿 {r.drafts}  {r.title}"
        )
    print(f"共 {len(rows)} 份问卷")
    return 0


# The Excel and PDF services (openpyxl, reportlab) are imported inside the commands that use them.


def cmd_export(args, actor) -> int:
    from app.services.questionnaires import sheet_xlsx as questionnaire_sheet

    count = questionnaire_sheet.export_sheet(actor, args.id, args.out)
    print(f"已导出填报表 {args.out}（{count} 家企业）")
    return 0


def cmd_import(args, actor) -> int:
    from app.commands.import_result import finish_import
    from app.services.questionnaires import import_xlsx as questionnaire_import

    def drafts(plan) -> list[str]:
        return [f"第{row.row}行：必答题 {'、'.join(map(str, row.missing))} 未填，保存为草稿"
                for row in plan.rows if row.missing and not row.errors]  # fmt: skip

    return finish_import(
        args,
        lambda: questionnaire_import.import_sheet(actor, args.id, args.file, dry_run=args.dry_run),
        drafts,
    )


def cmd_results(args, actor) -> int:
    from app.services.questionnaires import printing as questionnaire_print
    from app.services.questionnaires import results_xlsx as questionnaire_results_xlsx

    if args.xlsx:
        results = questionnaire_results_xlsx.export_results(
            actor, args.id, args.xlsx, include_drafts=args.drafts
        )
    else:
        results = compute(actor, args.id, include_drafts=args.drafts)
    if args.pdf:
        report = questionnaire_print.print_results(actor, args.id, args.pdf, include_drafts=args.drafts)
        for warning in report.warnings:
            print(f"注意：{warning}", file=sys.stderr)
    if args.json:
        print_json(results.to_dict())
        return 0
    print(f"{results.title}（第{results.version}版）：{results.responses} 份答卷")
    for number, text, _kind, label, value, percent in questionnaire_results_xlsx.summary_rows(results):
        suffix = f"  {percent:.1f}%" if percent is not None else ""
        print(f"  {number}. {text[:24]}  {label}：{value}{suffix}")
    for path in (args.xlsx, args.pdf):
        if path:
            print(f"已生成 {path}")
    return 0


def cmd_print(args, actor) -> int:
    from app.services.questionnaires import printing as questionnaire_print

    report = questionnaire_print.print_blank(actor, args.id, args.out)
    for warning in report.warnings:
        print(f"注意：{warning}", file=sys.stderr)
    print(f"已生成空白问卷 {args.out}（{report.pages} 页）")
    return 0


def cmd_install(args, actor) -> int:
    installed = questionnaires.install_builtin(actor)
    if installed is None:
        print("内置问卷已存在，未重复安装")
    else:
        print(f"已安装内置问卷：{installed.title}（编号 {installed.id}）")
    return 0
