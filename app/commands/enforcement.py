"""`enforcement …` (执法协作): agency add|list, agreement add|list, action add|list|link, share (a case extract
with only the fields chosen, or another record of information shared) and shares."""

from __future__ import annotations

from pathlib import Path

from app.commands.output import print_json
from app.models.enforcement import AGENCY_KINDS
from app.services.core.errors import DomainError
from app.services.enforcement import actions, agencies, sharing
from app.services.enforcement import agreements as agreement_rules
from app.services.enterprises import register as enterprises

FIELDS_HELP = "、".join(f"{k}（{label}）" for k, (label, _) in sharing.EXTRACT_FIELDS.items())
CITY_HELP = "旗区代码或名称；“市局”或省略表示市局"


def register(sub) -> None:
    top = sub.add_parser("enforcement", help="执法协作：协作单位、协作协议、联合执法、信息共享")
    parts = top.add_subparsers(dest="part", required=True)
    _register_agency(parts)
    _register_agreement(parts)
    _register_action(parts)
    share = parts.add_parser("share", help="向协作单位共享案件信息摘要（只含所选字段）或登记其他共享信息")
    share.add_argument("agency", help="协作单位编号或名称")
    share.add_argument("--case", type=int, help="案件编号（内部编号）")
    share.add_argument("--fields", help=f"共享字段，逗号分隔：{FIELDS_HELP}")
    share.add_argument("--out", type=Path, help="摘要文件（.pdf 或 .xlsx）")
    share.add_argument("--subject", help="共享内容（不共享案件时必填）")
    share.add_argument("--date", help="共享日期（默认今天）")
    share.add_argument("--note", default="")
    share.add_argument("--json", action="store_true")
    share.set_defaults(handler=cmd_share)
    shares = parts.add_parser("shares", help="信息共享记录")
    shares.add_argument("--case", type=int)
    shares.add_argument("--json", action="store_true")
    shares.set_defaults(handler=cmd_shares)


def _register_agency(parts) -> None:
    agency = parts.add_parser("agency", help="协作单位（市局维护）").add_subparsers(dest="action", required=True)
    add = agency.add_parser("add", help="添加协作单位")
    add.add_argument("name")
    add.add_argument("--kind", default="other", help="类别：" + "、".join(AGENCY_KINDS.values()))
    add.add_argument("--contact", default="", help="联系人")
    add.add_argument("--phone", default="", help="联系电话")
    add.add_argument("--note", default="")
    add.add_argument("--json", action="store_true")
    add.set_defaults(handler=cmd_agency_add)
    lst = agency.add_parser("list", help="协作单位")
    lst.add_argument("--all", action="store_true", help="含已停用的")
    lst.add_argument("--json", action="store_true")
    lst.set_defaults(handler=cmd_agency_list)


def _register_agreement(parts) -> None:
    agreement = parts.add_parser("agreement", help="协作协议").add_subparsers(dest="action", required=True)
    add = agreement.add_parser("add", help="登记协作协议")
    add.add_argument("district", help=CITY_HELP)
    add.add_argument("--date", required=True, help="签订日期")
    add.add_argument("--title", required=True)
    add.add_argument("--party", action="append", default=[], help="协作单位编号或名称，可多次")
    add.add_argument("--scope", default="", help="协作内容")
    add.add_argument("--json", action="store_true")
    add.set_defaults(handler=cmd_agreement_add)
    lst = agreement.add_parser("list", help="可见的协作协议")
    lst.add_argument("--json", action="store_true")
    lst.set_defaults(handler=cmd_agreement_list)


def _register_action(parts) -> None:
    action = parts.add_parser("action", help="联合执法行动").add_subparsers(dest="action", required=True)
    add = action.add_parser("add", help="登记联合执法行动")
    add.add_argument("district", help=CITY_HELP)
    add.add_argument("--date", required=True, help="行动日期")
    add.add_argument("--title", required=True)
    add.add_argument("--partner", action="append", default=[], help="协作单位编号或名称，可多次")
    add.add_argument("--target", default="", help="行动对象")
    add.add_argument("--enterprise", action="append", default=[], help="保护企业的统一社会信用代码，可多次")
    add.add_argument("--case", action="append", type=int, default=[], help="立案案件编号，可多次")
    add.add_argument("--results", default="", help="行动成效")
    add.add_argument("--json", action="store_true")
    add.set_defaults(handler=cmd_action_add)
    link = action.add_parser("link", help="把行动后立案的案件关联到行动")
    link.add_argument("action_id", type=int, metavar="action")
    link.add_argument("case", type=int)
    link.set_defaults(handler=cmd_action_link)
    lst = action.add_parser("list", help="可见的联合执法行动")
    lst.add_argument("--year", type=int)
    lst.add_argument("--json", action="store_true")
    lst.set_defaults(handler=cmd_action_list)


def cmd_agency_add(args, actor) -> int:
    agency = agencies.add_agency(actor, {"name": args.name, "kind": args.kind, "contact_person": args.contact,
                                         "contact_phone": args.phone, "note": args.note})  # fmt: skip
    if args.json:
        print_json(agencies.agency_dict(agency))
    else:
        print(f"已添加协作单位 {agency.id}：{agency.name}")
    return 0


def cmd_agency_list(args, actor) -> int:
    found = [agencies.agency_dict(a) for a in agencies.agencies(actor, args.all)]
    if args.json:
        print_json(found)
        return 0
    for a in found:
        contact = " ".join(x for x in (a["contact_person"], a["contact_phone"]) if x)
        print(f"{a['id']:>4}  [{a['kind_label']}] {a['name']}  {contact}" + ("" if a["active"] else "（已停用）"))
    print(f"共 {len(found)} 个协作单位")
    return 0


def cmd_agreement_add(args, actor) -> int:
    data = {"signed_on": args.date, "title": args.title, "scope": args.scope}
    agreement = agreement_rules.add_agreement(actor, args.district, data, args.party)
    if args.json:
        print_json(agreement_rules.agreement_dict(agreement))
    else:
        print(f"已登记协作协议 {agreement.id}：{agreement.title}")
    return 0


def cmd_agreement_list(args, actor) -> int:
    found = [agreement_rules.agreement_dict(a) for a in agreement_rules.agreements(actor)]
    if args.json:
        print_json(found)
        return 0
    for a in found:
        print(f"{a['id']:>4}  {a['signed_on']}  {a['district']}  {a['title']}（{'、'.join(a['parties'])}）")
    print(f"共 {len(found)} 份协作协议")
    return 0


def cmd_action_add(args, actor) -> int:
    ids = [enterprises.get_by_uscc(actor, code).id for code in args.enterprise]
    data = {"held_on": args.date, "title": args.title, "target": args.target, "results": args.results}
    action = actions.add_action(actor, args.district, data, args.partner, ids, args.case)
    if args.json:
        print_json(actions.action_dict(action))
    else:
        print(f"已登记联合执法行动 {action.id}：{action.held_on} {action.title}")
    return 0


def cmd_action_link(args, actor) -> int:
    link = actions.link_case(actor, args.action_id, args.case)
    print(f"案件 {link.case.number} 已关联到联合执法行动 {args.action_id}")
    return 0


def cmd_action_list(args, actor) -> int:
    found = [actions.action_dict(a) for a in actions.actions(actor, args.year)]
    if args.json:
        print_json(found)
        return 0
    for a in found:
        cases = "、".join(c["number"] for c in a["cases"])
        print(f"{a['id']:>4}  {a['held_on']}  {a['district']}  {a['title']}（{'、'.join(a['partners'])}）"
              + (f"  立案：{cases}" if cases else ""))  # fmt: skip
    print(f"共 {len(found)} 次联合执法行动")
    return 0


def cmd_share(args, actor) -> int:
    if args.case is not None:
        if not args.fields or not args.out:
            raise DomainError("共享案件须给出 --fields（共享字段）和 --out（摘要文件）")
        fmt = args.out.suffix.lower().lstrip(".")
        fields = [f for f in args.fields.replace("，", ",").split(",") if f.strip()]
        row = sharing.share_case(actor, args.case, args.agency, fields, fmt, args.out, args.note, args.date)
    else:
        row = sharing.record_share(actor, args.agency, {"subject": args.subject, "shared_on": args.date,
                                                        "note": args.note})  # fmt: skip
    if args.json:
        print_json(sharing.share_dict(row))
    else:
        print(f"已登记信息共享 {row.id}：{row.subject} → {row.agency.name}" + (f"，已生成 {args.out}" if args.case else ""))
    return 0


def cmd_shares(args, actor) -> int:
    found = [sharing.share_dict(r) for r in sharing.shares(actor, args.case)]
    if args.json:
        print_json(found)
        return 0
    for r in found:
        fields = f"（{'、'.join(r['fields'])}）" if r["fields"] else ""
        print(f"{r['id']:>4}  {r['shared_on']}  {r['agency']}  {r['subject']}{fields}  {r['shared_by']}")
    print(f"共 {len(found)} 条共享记录")
    return 0
