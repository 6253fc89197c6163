"""`fair add|list` (参展保护) and `recordal add|list|renew` (海关知识产权备案) from the command line."""

from __future__ import annotations

from datetime import date

from app.commands.output import print_json
from app.models.fairs import RIGHT_KINDS
from app.services.enterprises import register as enterprises
from app.services.fairs import fairs, recordals


def register(sub) -> None:
    fair = sub.add_parser("fair", help="企业参展及展会知识产权保护").add_subparsers(dest="action", required=True)
    add = fair.add_parser("add", help="登记企业参展")
    add.add_argument("uscc", help="企业统一社会信用代码")
    add.add_argument("--name", required=True, help="展会名称")
    add.add_argument("--place", default="", help="举办地")
    add.add_argument("--start", required=True, help="开始日期")
    add.add_argument("--end", help="结束日期（默认同开始日期）")
    add.add_argument("--products", default="", help="参展产品")
    add.add_argument("--pre-check", action="store_true", help="开展了展前知识产权检查")
    add.add_argument("--complaint-desk", action="store_true", help="设立了现场投诉受理点")
    add.add_argument("--cases", default="0", help="现场处理投诉（件）")
    add.add_argument("--note", default="")
    add.add_argument("--json", action="store_true")
    add.set_defaults(handler=cmd_fair_add)
    lst = fair.add_parser("list", help="可见的参展记录")
    lst.add_argument("--uscc")
    lst.add_argument("--year", type=int)
    lst.add_argument("--json", action="store_true")
    lst.set_defaults(handler=cmd_fair_list)

    recordal = sub.add_parser("recordal", help="海关知识产权备案").add_subparsers(dest="action", required=True)
    add = recordal.add_parser("add", help="登记海关知识产权备案")
    add.add_argument("uscc", help="企业统一社会信用代码")
    add.add_argument("--kind", required=True, help="权利类型：" + "、".join(RIGHT_KINDS.values()))
    add.add_argument("--right", required=True, help="备案权利（名称与注册号/专利号）")
    add.add_argument("--number", required=True, help="海关备案号")
    add.add_argument("--until", required=True, help="有效期至")
    add.add_argument("--note", default="")
    add.add_argument("--json", action="store_true")
    add.set_defaults(handler=cmd_recordal_add)
    renew = recordal.add_parser("renew", help="续展：登记新的有效期")
    renew.add_argument("recordal", type=int, help="备案记录编号")
    renew.add_argument("until", help="新的有效期至")
    renew.set_defaults(handler=cmd_recordal_renew)
    lst = recordal.add_parser("list", help="可见的海关备案")
    lst.add_argument("--uscc")
    lst.add_argument("--due", action="store_true", help="只列已过期或即将到期的")
    lst.add_argument("--json", action="store_true")
    lst.set_defaults(handler=cmd_recordal_list)


def _enterprise_id(actor, uscc: str | None) -> int | None:
    return enterprises.get_by_uscc(actor, uscc).id if uscc else None


def cmd_fair_add(args, actor) -> int:
    data = {"name": args.name, "place": args.place, "starts_on": args.start, "ends_on": args.end,
            "products": args.products, "pre_check": args.pre_check, "complaint_desk": args.complaint_desk,
            "cases": args.cases, "note": args.note}  # fmt: skip
    fair = fairs.add_fair(actor, _enterprise_id(actor, args.uscc), data)
    if args.json:
        print_json(fairs.fair_dict(fair))
    else:
        print(f"已登记参展 {fair.id}：{fair.enterprise.name} 参加 {fair.name}（{fair.starts_on}）")
    return 0


def cmd_fair_list(args, actor) -> int:
    found = [fairs.fair_dict(f) for f in fairs.fairs(actor, _enterprise_id(actor, args.uscc), args.year)]
    if args.json:
        print_json(found)
        return 0
    for f in found:
        print(f"{f['id']:>4}  {f['starts_on']}  {f['district']}  {f['enterprise']}  {f['name']}  {f['protection'] or '—'}")
    print(f"共 {len(found)} 条参展记录")
    return 0


def cmd_recordal_add(args, actor) -> int:
    data = {"right_kind": args.kind, "right_title": args.right, "recordal_number": args.number,
            "valid_until": args.until, "note": args.note}  # fmt: skip
    recordal = recordals.add_recordal(actor, _enterprise_id(actor, args.uscc), data)
    if args.json:
        print_json(recordals.recordal_dict(recordal))
    else:
        print(f"已登记海关备案 {recordal.id}：{recordal.recordal_number}（有效期至 {recordal.valid_until}）")
    return 0


def cmd_recordal_renew(args, actor) -> int:
    recordal = recordals.renew(actor, args.recordal, args.until)
    print(f"海关备案 {recordal.recordal_number} 已续展至 {recordal.valid_until}")
    return 0


def cmd_recordal_list(args, actor) -> int:
    today = date.today()
    if args.due:
        found = recordals.due(actor, today)
        if args.uscc:
            wanted = _enterprise_id(actor, args.uscc)
            found = [r for r in found if r["enterprise_id"] == wanted]
    else:
        found = [recordals.recordal_dict(r, today) for r in recordals.recordals(actor, _enterprise_id(actor, args.uscc))]
    if args.json:
        print_json(found)
        return 0
    for r in found:
        print(f"{r['id']:>4}  {r['recordal_number']}  {r['enterprise']}  {r['right_kind_label']} {r['right_title']}"
              f"  有效期至 {r['valid_until']}【{r['state_label']}】")  # fmt: skip
    print(f"共 {len(found)} 项海关备案")
    return 0
