"""`support add|list`: the support ledger (扶持台账, notice §3(一)) from the command line."""

from __future__ import annotations

from app.commands.output import print_json
from app.models.support import SUPPORT_KINDS
from app.services.enterprises import register as enterprises
from app.services.support import ledger, totals


def register(sub) -> None:
    support = sub.add_parser("support", help="扶持台账（政策、项目、资金、服务）")
    actions = support.add_subparsers(dest="action", required=True)
    add = actions.add_parser("add", help="登记企业获得的一项扶持")
    add.add_argument("uscc", help="企业统一社会信用代码")
    add.add_argument("--kind", required=True, help=f"扶持类别：{'、'.join(f'{k}/{v}' for k, v in SUPPORT_KINDS.items())}")
    add.add_argument("--date", required=True, help="扶持日期")
    add.add_argument("--body", required=True, help="扶持单位")
    add.add_argument("--programme", required=True, help="政策或项目名称")
    add.add_argument("--amount", help="金额（元），资金扶持必填")
    add.add_argument("--note", default="")
    add.add_argument("--file", action="append", default=[], help="相关文件（可多次）")
    add.add_argument("--json", action="store_true")
    add.set_defaults(handler=cmd_add)
    lst = actions.add_parser("list", help="扶持记录，或按年度、旗区、类别的合计（--totals）")
    lst.add_argument("--year", type=int)
    lst.add_argument("--district", help="旗区代码或名称")
    lst.add_argument("--kind", help="扶持类别")
    lst.add_argument("--uscc", help="只看一家企业")
    lst.add_argument("--totals", action="store_true", help="按年度、旗区和类别合计")
    lst.add_argument("--json", action="store_true")
    lst.set_defaults(handler=cmd_list)


def cmd_add(args, actor) -> int:
    enterprise = enterprises.get_by_uscc(actor, args.uscc)
    data = {"kind": args.kind, "granted_on": args.date, "granting_body": args.body, "programme": args.programme,
            "amount": args.amount, "note": args.note}  # fmt: skip
    entry = ledger.add_entry(actor, enterprise.id, data)
    for path in args.file:
        ledger.attach_document(actor, entry.id, path)
    if args.json:
        print_json(ledger.entry_dict(entry) | {"files": len(args.file)})
    else:
        amount = f"，{ledger.yuan_text(entry.amount_fen)} 元" if entry.amount_fen is not None else ""
        print(f"已登记扶持 {entry.id}：{enterprise.name} {entry.granted_on} {SUPPORT_KINDS[entry.kind]}"
              f"《{entry.programme}》{amount}")  # fmt: skip
    return 0


def cmd_list(args, actor) -> int:
    if args.totals:
        return _totals(args, actor)
    found = totals.entries(actor, args.year, args.district, args.kind)
    if args.uscc:
        enterprise = enterprises.get_by_uscc(actor, args.uscc)
        found = [e for e in found if e.enterprise_id == enterprise.id]
    if args.json:
        print_json([ledger.entry_dict(e) for e in found])
        return 0
    for e in found:
        amount = f"{ledger.yuan_text(e.amount_fen)} 元" if e.amount_fen is not None else ""
        print(f"{e.id:>4}  {e.granted_on}  {e.enterprise.district.name}  {e.enterprise.name}  "
              f"{SUPPORT_KINDS[e.kind]}  {e.granting_body}《{e.programme}》  {amount}")  # fmt: skip
    print(f"共 {len(found)} 条扶持记录")
    return 0


def _totals(args, actor) -> int:
    rows = totals.totals(actor, args.year, args.district)
    if args.kind:
        rows = [r for r in rows if r.kind == ledger.kind_of(args.kind)]
    if args.json:
        print_json([totals.total_dict(r) for r in rows])
        return 0
    for r in rows:
        print(f"{r.year}  {r.district}  {r.kind_label}：{r.entries} 条，{r.enterprises} 家企业，{r.amount:,.2f} 元")
    print(f"合计：{sum(r.entries for r in rows)} 条，{sum(r.amount for r in rows):,.2f} 元")
    return 0
