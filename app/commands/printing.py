"""`print application|visit … OUT.pdf [--blank]`: printable documents from the command line."""

from __future__ import annotations

import sys
from pathlib import Path

from app.services.applications import forms as applications
from app.services.cases import printing as case_print
from app.services.core.errors import NotFound
from app.services.enterprises import register as enterprises

# The PDF services (reportlab) are imported inside the commands that print.


def register(sub) -> None:
    printing = sub.add_parser("print", help="打印（生成PDF）").add_subparsers(dest="document", required=True)
    app = printing.add_parser("application", help="申报表")
    app.add_argument("target", help="申报表编号或企业统一社会信用代码（--blank 时写 -）")
    app.add_argument("out", type=Path)
    app.add_argument("--blank", action="store_true", help="空白申报表，供手工填写")
    app.add_argument("--round", type=int, dest="year", help="年度（默认今年）")
    app.set_defaults(handler=cmd_application)
    visit = printing.add_parser("visit", help="走访记录表")
    visit.add_argument("target", help="走访记录编号（--blank 时写 -）")
    visit.add_argument("out", type=Path)
    visit.add_argument("--blank", action="store_true", help="空白走访记录表")
    visit.set_defaults(handler=cmd_visit)
    case = printing.add_parser("case", help="案件文书")
    case.add_argument("target", help="案件编号（--blank 时写 -）")
    case.add_argument("out", type=Path)
    case.add_argument(
        "--document",
        choices=list(case_print.DOCUMENTS),
        default="summary",
        help="summary 办理情况（默认）、filing 立案审批表、report 上报表",
    )
    case.add_argument("--blank", action="store_true", help="空白立案审批表")
    case.set_defaults(handler=cmd_case)


def cmd_application(args, actor) -> int:
    from app.services.applications import printing as application_print

    if args.blank:
        report = application_print.print_blank(args.out, args.year)
    else:
        report = application_print.print_application(actor, _application_id(args, actor), args.out)
    return _done(args, report)


def cmd_visit(args, actor) -> int:
    from app.services.liaison import visit_printing as visit_print

    if args.blank:
        report = visit_print.print_blank_visit(actor, args.out)
    else:
        if not args.target.isdigit():
            raise NotFound("请给出走访记录编号")
        report = visit_print.print_visit(actor, int(args.target), args.out)
    return _done(args, report)


def cmd_case(args, actor) -> int:
    if args.blank:
        report = case_print.print_blank_filing_form(actor, args.out)
    else:
        if not args.target.isdigit():
            raise NotFound("请给出案件编号")
        report = case_print.print_case(actor, int(args.target), args.out, args.document)
    return _done(args, report)


def _done(args, report) -> int:
    """Warnings (fonts, characters no font has) on stderr, then the file written."""
    for warning in report.warnings:
        print(f"注意：{warning}", file=sys.stderr)
    print(f"已生成 {args.out}（{report.pages} 页）")
    return 0


def _application_id(args, actor) -> int:
    if args.target.isdigit() and len(args.target) < 18:
        return int(args.target)
    enterprise = enterprises.get_by_uscc(actor, args.target)
    found = applications.history(actor, enterprise.id)
    if args.year:
        found = [a for a in found if a.round.year == args.year]
    if not found:
        raise NotFound(f"“{enterprise.name}”还没有申报表，请先运行 application new")
    return found[0].id
