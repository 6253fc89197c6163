"""`visit add`, `followup list|update`, `liaison assign`: liaison work from the command line."""

from __future__ import annotations

from app.commands.output import print_json
from app.models.liaison import FOLLOWUP_STATUSES, VISIT_KINDS
from app.services.accounts import users as accounts
from app.services.core import audit
from app.services.enterprises import register as enterprises
from app.services.liaison import assignments as liaison
from app.services.liaison import visits


def register(sub) -> None:
    visit = sub.add_parser("visit", help="走访").add_subparsers(dest="action", required=True)
    add = visit.add_parser("add", help="登记一次走访")
    add.add_argument("uscc")
    add.add_argument("--date", required=True, help="走访日期")
    add.add_argument("--kind", default="routine", choices=list(VISIT_KINDS))
    add.add_argument("--notes", required=True, help="走访记录")
    add.add_argument("--problems", default="", help="企业反映的问题")
    add.add_argument("--followup", action="append", default=[], help="需跟进的事项（可多次）")
    add.add_argument(
        "--due", action="append", default=[], help="对应事项的完成期限（与 --followup 一一对应）"
    )
    add.add_argument("--owner", action="append", default=[], help="对应事项的责任人登录名")
    add.add_argument("--json", action="store_true")
    add.set_defaults(handler=cmd_visit_add)

    fol = sub.add_parser("followup", help="跟进事项清单").add_subparsers(dest="action", required=True)
    lst = fol.add_parser("list", help="未办结的事项")
    lst.add_argument("--overdue", action="store_true", help="只看已逾期")
    lst.add_argument("--all", action="store_true", help="包括已办结")
    lst.add_argument("--json", action="store_true")
    lst.set_defaults(handler=cmd_followup_list)
    upd = fol.add_parser("update", help="更新事项状态")
    upd.add_argument("id", type=int)
    upd.add_argument("status", choices=list(FOLLOWUP_STATUSES))
    upd.add_argument("--resolution", default="")
    upd.set_defaults(handler=cmd_followup_update)

    lia = sub.add_parser("liaison", help="联络人").add_subparsers(dest="action", required=True)
    assign = lia.add_parser("assign", help="指定企业的联络人")
    assign.add_argument("uscc")
    assign.add_argument("login")
    assign.set_defaults(handler=cmd_liaison_assign)


def cmd_visit_add(args, actor) -> int:
    enterprise = enterprises.get_by_uscc(actor, args.uscc)
    items = []
    for i, text in enumerate(args.followup):
        due = args.due[i] if i < len(args.due) else None
        owner = accounts.get_user(args.owner[i]) if i < len(args.owner) else None
        items.append(visits.NewFollowUp(text, due, owner))
    data = {"visited_on": args.date, "kind": args.kind, "notes": args.notes, "problems": args.problems}
    visit = visits.record_visit(actor, enterprise.id, data, items)
    if args.json:
        print_json(
            {
                "id": visit.id,
                **audit.snapshot(visit),
                "followups": [visits.followup_dict(f) for f in visit.followups],
            }
        )
    else:
        print(f"已登记走访 {visit.id}（{enterprise.name}，{visit.visited_on}），跟进事项 {len(items)} 项")
    return 0


def cmd_followup_list(args, actor) -> int:
    items = visits.checklist(actor, open_only=not args.all, overdue_only=args.overdue)
    rows = [visits.followup_dict(f) for f in items]
    if args.json:
        print_json(rows)
        return 0
    for r in rows:
        flag = "【逾期】" if r["overdue"] else ""
        print(f"{r['id']:>4} {flag}{r['due_on'] or '无期限'}  {r['district']}  {r['enterprise']['name']}：{r['description']}"
              f"（{r['status_label']}）")  # fmt: skip
    print(f"共 {len(rows)} 项，其中逾期 {sum(r['overdue'] for r in rows)} 项")
    return 0


def cmd_followup_update(args, actor) -> int:
    item = visits.update_followup(actor, args.id, args.status, args.resolution)
    print(f"事项 {item.id}：{FOLLOWUP_STATUSES[item.status]}")
    return 0


def cmd_liaison_assign(args, actor) -> int:
    enterprise = enterprises.get_by_uscc(actor, args.uscc)
    assignment = liaison.assign(actor, enterprise.id, accounts.get_user(args.login))
    print(f"{enterprise.name} 的联络人：{assignment.officer.display_name}（自 {assignment.start_on} 起）")
    return 0
