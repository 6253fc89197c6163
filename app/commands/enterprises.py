"""`enterprise list|show`: the register from the command line."""

from __future__ import annotations

from app.commands.output import print_json
from app.services.enterprises import register as enterprises
from app.services.enterprises.search import EnterpriseQuery, fetch_rows, search_ids
from app.services.enterprises.serialize import enterprise_to_dict


def register(sub) -> None:
    ent = sub.add_parser("enterprise", help="企业名录库").add_subparsers(dest="action", required=True)
    lst = ent.add_parser("list", help="列出企业")
    lst.add_argument("--district", help="旗区代码，如 150621")
    lst.add_argument("--search", default="", help="名称片段或信用代码前缀")
    lst.add_argument("--archived", action="store_true", help="包括已归档企业")
    lst.add_argument("--json", action="store_true")
    lst.set_defaults(handler=cmd_list)
    show = ent.add_parser("show", help="显示一家企业")
    show.add_argument("uscc")
    show.add_argument("--json", action="store_true")
    show.set_defaults(handler=cmd_show)


def cmd_list(args, actor) -> int:
    query = EnterpriseQuery(text=args.search, district_code=args.district, include_archived=args.archived)
    ids = search_ids(actor, query)
    rows = fetch_rows(ids)
    if args.json:
        print_json([vars(rows[i]) for i in ids])
        return 0
    for i in ids:
        row = rows[i]
        print(f"{row.uscc}  {row.district:<8}  {row.name}{'（已归档）' if row.archived else ''}")
    print(f"共 {len(ids)} 家")
    return 0


def cmd_show(args, actor) -> int:
    data = enterprise_to_dict(enterprises.get_by_uscc(actor, args.uscc))
    if args.json:
        print_json(data)
        return 0
    for key, value in data.items():
        if not isinstance(value, list | dict):
            print(f"{key}: {value}")
    print(f"联系人 {len(data['contacts'])} 人；知识产权年度数据 {len(data['holdings'])} 年")
    return 0
