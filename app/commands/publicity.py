"""`publicity add|list`: 宣传报道 (notice §3(四)) from the command line."""

from __future__ import annotations

from datetime import date

from app.commands.output import print_json
from app.models.publicity import CHANNELS
from app.services.core import reference
from app.services.enterprises import register as enterprises
from app.services.publicity import items as publicity


def register(sub) -> None:
    pub = sub.add_parser("publicity", help="宣传报道（电视、广播、报纸、网站、微博、微信）")
    actions = pub.add_subparsers(dest="action", required=True)
    add = actions.add_parser("add", help="登记一篇宣传报道")
    add.add_argument("--channel", required=True, help=f"渠道：{'、'.join(f'{k}/{v}' for k, v in CHANNELS.items())}")
    add.add_argument("--outlet", required=True, help="媒体名称（报纸、电视台、公众号……）")
    add.add_argument("--title", required=True)
    add.add_argument("--date", required=True, help="发布日期")
    add.add_argument("--link", default="", help="网址")
    add.add_argument("--district", help="报送旗区（代码或名称；不填为本人所属旗区，市局用户不填为市局）")
    add.add_argument("--enterprise", action="append", default=[], help="报道企业的统一社会信用代码（可多次）")
    add.add_argument("--note", default="")
    add.add_argument("--file", action="append", default=[], help="剪报、截图等（可多次）")
    add.add_argument("--json", action="store_true")
    add.set_defaults(handler=cmd_add)
    lst = actions.add_parser("list", help="宣传报道，或按渠道和旗区的年度计数（--counts）")
    lst.add_argument("--year", type=int)
    lst.add_argument("--channel")
    lst.add_argument("--counts", action="store_true", help="按渠道和旗区计数（默认本年度）")
    lst.add_argument("--json", action="store_true")
    lst.set_defaults(handler=cmd_list)


def cmd_add(args, actor) -> int:
    district = args.district or (actor.district.code if actor.district_id else None)
    ids = [enterprises.get_by_uscc(actor, code).id for code in args.enterprise]
    data = {"channel": args.channel, "outlet": args.outlet, "title": args.title, "published_on": args.date,
            "link": args.link, "district": district, "note": args.note}  # fmt: skip
    item = publicity.record_item(actor, data, ids)
    for path in args.file:
        publicity.attach_material(actor, item.id, path)
    if args.json:
        print_json(publicity.item_dict(item) | {"files": len(args.file)})
    else:
        print(f"已登记宣传报道 {item.id}：{CHANNELS[item.channel]}·{item.outlet}《{item.title}》"
              f"（{item.published_on}，报道企业 {len(ids)} 家）")  # fmt: skip
    return 0


def cmd_list(args, actor) -> int:
    if args.counts:
        return _counts(args, actor)
    found = publicity.items(actor, args.year, args.channel)
    if args.json:
        print_json([publicity.item_dict(i) for i in found])
        return 0
    for i in found:
        names = "、".join(e.name for e in publicity.featured_in(i))
        where = i.district.name if i.district_id else publicity.CITY_NAME
        print(f"{i.id:>4}  {i.published_on}  {where}  {CHANNELS[i.channel]}·{i.outlet}《{i.title}》"
              + (f"  企业：{names}" if names else ""))  # fmt: skip
    print(f"共 {len(found)} 篇宣传报道")
    return 0


def _counts(args, actor) -> int:
    counts = publicity.year_counts(actor, args.year or date.today().year)
    names = {d.id: d.name for d in reference.districts()} | {None: publicity.CITY_NAME}
    rows = {names.get(k, str(k)): {c: v.get(c, 0) for c in (*CHANNELS, "total", "enterprises")}
            for k, v in counts.items()}  # fmt: skip
    if args.json:
        print_json(rows)
        return 0
    for name, figures in rows.items():
        parts = "，".join(f"{label} {figures[k]}" for k, label in CHANNELS.items() if figures[k])
        print(f"{name}：{figures['total']} 篇（{parts}）")
    return 0
