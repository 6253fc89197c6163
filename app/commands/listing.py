"""`list show|publish|reexamine` and `dashboard`: the protection list and its figures on the CLI."""

from __future__ import annotations

import sys
from pathlib import Path

from app.commands.output import print_json
from app.services.dashboard import figures as statistics
from app.services.listing import entries as protection_list


def register(sub) -> None:
    lst = sub.add_parser("list", help="重点企业名录").add_subparsers(dest="action", required=True)
    show = lst.add_parser("show", help="当前名录")
    show.add_argument("--all", action="store_true", help="包括暂停和移出的企业")
    show.add_argument("--json", action="store_true")
    show.set_defaults(handler=cmd_list_show)
    pub = lst.add_parser("publish", help="生成公示文件并记录")
    pub.add_argument("xlsx", type=Path)
    pub.add_argument("--pdf", type=Path)
    pub.set_defaults(handler=cmd_publish)
    rex = lst.add_parser("reexamine", help="复核")
    rex.add_argument("entry", type=int)
    rex.add_argument("outcome", choices=list(protection_list.RE_EXAM_OUTCOMES))
    rex.add_argument("--opinion", required=True)
    rex.set_defaults(handler=cmd_reexamine)

    dash = sub.add_parser("dashboard", help="工作台数据")
    dash.add_argument("--round", type=int, dest="year")
    dash.add_argument("--json", action="store_true")
    dash.set_defaults(handler=cmd_dashboard)


def cmd_list_show(args, actor) -> int:
    rows = [protection_list.to_dict(e) for e in protection_list.entries(actor, include_inactive=args.all)]
    if args.json:
        print_json(rows)
        return 0
    for r in rows:
        print(f"{r['enterprise']['uscc']}  {r['district']:<8} {r['enterprise']['name']}  {r['status_label']}  "
              f"下次复核 {r['next_review_on']}")  # fmt: skip
    print(f"共 {len(rows)} 家")
    return 0


def cmd_publish(args, actor) -> int:
    from app.services.listing import publication  # openpyxl and reportlab only for publishing

    result = publication.publish(actor, args.xlsx, args.pdf)
    for warning in result.warnings:
        print(f"注意：{warning}", file=sys.stderr)
    print(f"已公示 {result.entries} 家企业：{args.xlsx}" + (f"、{args.pdf}" if args.pdf else ""))
    print(f"公示记录编号 {result.publication.id}，Excel SHA-256 {result.publication.xlsx_sha256}")
    return 0


def cmd_reexamine(args, actor) -> int:
    entry = protection_list.re_examine(actor, args.entry, args.outcome, args.opinion)
    print(
        f"{entry.enterprise.name}：{protection_list.RE_EXAM_OUTCOMES[args.outcome]}，下次复核 {entry.next_review_on}"
    )
    return 0


def cmd_dashboard(args, actor) -> int:
    figures = statistics.dashboard(actor, args.year)
    if args.json:
        print_json(figures)
        return 0
    due = f"（{figures['target_due']} 前）" if figures["target_due"] else "（未设完成期限）"
    print(f"名录企业 {figures['listed']} / 目标 {figures['target']} 家{due}")
    for row in figures["districts"]:
        print(f"  {row['name']:<10} 推荐 {row['recommended']}  在册 {row['listed']}")
    for warning in figures["warnings"]:
        print(f"注意：{warning}")
    return 0
