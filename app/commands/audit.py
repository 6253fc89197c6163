"""`audit list`: the audit log on the CLI, with the window's filters and scope, as lines, JSON or xlsx;
`audit verify`: is the trail whole (exit status 1 when not)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from app.commands.output import print_json
from app.services.system import audit_chain, audit_detail, audit_trail
from app.services.system.audit_labels import ACTION_GROUPS


def register(sub) -> None:
    audit = sub.add_parser("audit", help="审计日志").add_subparsers(dest="action", required=True)
    show = audit.add_parser("list", help="按条件列出审计记录（最新的在前）")
    show.add_argument("--user", dest="login", default="", help="操作人登录名（system 为程序自身）")
    show.add_argument(
        "--record", default="", help="记录：类别:编号（如 enterprise:12）、uuid、统一社会信用代码或企业名称"
    )
    show.add_argument("--action", dest="prefix", default="",
                      help=f"操作代码前缀（如 case.）或类别：{'、'.join(ACTION_GROUPS)}")  # fmt: skip
    show.add_argument("--since", type=date.fromisoformat, help="起始日期 YYYY-MM-DD")
    show.add_argument("--until", type=date.fromisoformat, help="截止日期 YYYY-MM-DD（含当日）")
    show.add_argument("--json", action="store_true")
    show.add_argument("--xlsx", type=Path, help="导出到 Excel 文件")
    show.set_defaults(handler=cmd_audit_list)
    verify = audit.add_parser("verify", help="检查审计日志是否完整（哈希链、是否被回退）；仅本机管理员")
    verify.set_defaults(handler=cmd_audit_verify)


def _query(args) -> audit_trail.AuditQuery:
    return audit_trail.AuditQuery(args.login, args.record, args.prefix, args.since, args.until)


def cmd_audit_list(args, actor) -> int:
    query = _query(args)
    if args.xlsx:
        from app.services.system import audit_export  # openpyxl only for an export

        count = audit_export.export_xlsx(actor, query, args.xlsx)
        print(f"已导出 {count} 条审计记录：{args.xlsx}")
        return 0
    found = audit_trail.search_ids(actor, query)
    if args.json:
        print_json(audit_detail.as_dicts(found.ids))
        return 0
    rows = audit_trail.fetch_rows(found.ids)
    for entry_id in found.ids:
        r = rows[entry_id]
        print(f"{r.at:%Y-%m-%d %H:%M:%S}  {r.login:<10} {r.action_label}  {r.entity_label}#{r.entity_id or ''}  "
              f"{r.subject}")  # fmt: skip
    more = f"（仅列出最近 {len(found.ids)} 条，请缩小条件）" if found.truncated else ""
    print(f"共 {len(found.ids)} 条{more}")
    return 0


def cmd_audit_verify(args, actor) -> int:
    report = audit_chain.status(actor)
    if report.ok:
        print(f"审计日志完整：已核对 {report.checked} 条记录的哈希链，未发现回退")
        return 0
    for message in report.messages():
        print(f"发现问题：{message}")
    return 1
