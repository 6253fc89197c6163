"""`settings list|set` and `calendar set|clear|years`: the settings screens' data on the command line.

VALUE is read by the setting's kind: whole numbers, 是/否 (on/off, 1/0), dates as YYYY-MM-DD, month-days as
MM-DD, tables as JSON (e.g. the output of `settings list --json` edited).
"""

from __future__ import annotations

import argparse
from datetime import date

from app.commands.output import print_json
from app.services.cases import workdays
from app.services.core import settings

DAY_KINDS = {"workday": True, "holiday": False}


def register(sub) -> None:
    group = sub.add_parser("settings", help="系统设置").add_subparsers(dest="action", required=True)
    show = group.add_parser("list", help="列出全部设置及当前值")
    show.add_argument("--json", action="store_true")
    show.set_defaults(handler=cmd_settings_list)
    change = group.add_parser("set", help="修改一项设置（本机管理员）")
    change.add_argument("key", help="设置项，如 round.quota_max（见 settings list）")
    change.add_argument("value", help="新值：整数、是/否、YYYY-MM-DD、MM-DD 或 JSON")
    change.set_defaults(handler=cmd_settings_set)

    calendar = sub.add_parser("calendar", help="工作日历（法定节假日与调休）").add_subparsers(
        dest="action", required=True
    )
    day = calendar.add_parser("set", help="录入一天：holiday 休息日 / workday 调休上班日")
    day.add_argument("day", type=_iso_date, help="日期 YYYY-MM-DD")
    day.add_argument("kind", choices=tuple(DAY_KINDS))
    day.add_argument("--note", default="", help="来源或说明，如 国办发明电〔2026〕x号")
    day.set_defaults(handler=cmd_calendar_set)
    clear = calendar.add_parser("clear", help="删除一天的录入，恢复程序内置或按周末推算")
    clear.add_argument("day", type=_iso_date)
    clear.set_defaults(handler=cmd_calendar_clear)
    years = calendar.add_parser("years", help="列出有节假日数据的年份")
    years.add_argument("--json", action="store_true")
    years.set_defaults(handler=cmd_calendar_years)


def _iso_date(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"“{text}”不是有效日期（格式 YYYY-MM-DD）") from None


def _rows() -> list[dict]:
    return [
        {"key": s.key, "label": s.label, "group": s.group, "kind": s.kind, "value": settings.get(s.key),
         "default": s.default, "minimum": s.minimum, "maximum": s.maximum, "help": s.help}
        for s in settings.SPECS.values() if s.group
    ]  # fmt: skip


def cmd_settings_list(args, actor) -> int:
    rows = _rows()
    if args.json:
        print_json(rows)
        return 0
    for group in settings.GROUPS:
        shown = [r for r in rows if r["group"] == group]
        if not shown:
            continue
        print(f"【{group}】")
        for row in shown:
            value = settings.as_text(row["key"], row["value"])
            if row["kind"] == "int":
                value += settings.SPECS[row["key"]].suffix.strip()
            if row["kind"] == "rules":
                value = f"{len(row['value'])} 条规则（settings list --json 查看）"
            print(f"  {row['key']:<36} {row['label']}：{value or '（未设置）'}")
    return 0


def cmd_settings_set(args, actor) -> int:
    value = settings.parse(args.key, args.value)
    changed = settings.set_values(actor, {args.key: value})
    label = settings.SPECS[args.key].label
    shown = settings.as_text(args.key, value) if settings.SPECS[args.key].kind != "rules" else "已更新"
    print(f"{label}：{shown}" if changed else f"{label} 未改变（已是该值）")
    return 0


def cmd_calendar_set(args, actor) -> int:
    row = workdays.set_day(actor, args.day, DAY_KINDS[args.kind], args.note)
    kind = "调休上班日" if row.workday else "休息日"
    print(f"已录入 {args.day.isoformat()} 为{kind}" + (f"（{row.note}）" if row.note else ""))
    return 0


def cmd_calendar_clear(args, actor) -> int:
    workdays.clear_day(actor, args.day)
    print(f"已删除 {args.day.isoformat()} 的录入")
    return 0


def cmd_calendar_years(args, actor) -> int:
    years = workdays.years(date.today().year)
    if args.json:
        print_json([{"year": y.year, "in_package": y.in_package, "holidays": y.holidays,
                     "workdays": y.workdays, "source": y.source} for y in years])  # fmt: skip
        return 0
    for y in years:
        print(f"{y.year}  {y.source}")
    return 0
