"""`case new|event|show|list|outcome|acknowledge`: disputes and cases from the command line."""

from __future__ import annotations

from pathlib import Path

from app.commands.output import print_json
from app.models.cases import CASE_OUTCOMES, CASE_SOURCES, CASE_TYPES, PARTY_ROLES
from app.services.cases import handling as cases
from app.services.cases import printing as case_print
from app.services.cases import rules as case_rules
from app.services.cases import stats as case_stats
from app.services.cases.case_dicts import case_dict, case_dicts


def register(sub) -> None:
    case = sub.add_parser("case", help="纠纷案件").add_subparsers(dest="action", required=True)
    new = case.add_parser("new", help="登记案件")
    new.add_argument("--type", required=True, choices=list(CASE_TYPES), dest="case_type")
    new.add_argument("--enterprise", required=True, help="涉及的企业统一社会信用代码")
    new.add_argument("--role", default="complainant", choices=list(PARTY_ROLES))
    new.add_argument("--summary", required=True)
    new.add_argument("--source", default="complaint", choices=list(CASE_SOURCES))
    new.add_argument("--received", help="收到日期（默认今天）")
    new.add_argument("--district", help="承办旗区代码（市局承办时省略）")
    new.add_argument("--respondent", help="对方当事人名称")
    new.add_argument("--json", action="store_true")
    new.set_defaults(handler=cmd_new)
    event = case.add_parser("event", help="登记进展（立案、送达、中止、恢复……）")
    event.add_argument("id", type=int)
    event.add_argument(
        "--kind", required=True, choices=sorted({*case_rules.STATUS_LABELS, *case_rules.EVENT_LABELS})
    )
    event.add_argument("--date", required=True)
    event.add_argument("--note", default="")
    event.set_defaults(handler=cmd_event)
    show = case.add_parser("show", help="显示案件")
    show.add_argument("id", type=int)
    show.add_argument("--json", action="store_true")
    show.set_defaults(handler=cmd_show)
    lst = case.add_parser("list", help="案件列表")
    lst.add_argument("--overdue", action="store_true", help="只看有超期时限的案件")
    lst.add_argument("--json", action="store_true")
    lst.set_defaults(handler=cmd_list)
    out = case.add_parser("outcome", help="登记结果")
    out.add_argument("id", type=int)
    out.add_argument("outcome", choices=list(CASE_OUTCOMES))
    out.add_argument("--note", default="")
    out.add_argument("--amount", help="罚没金额（元）")
    out.set_defaults(handler=cmd_outcome)
    ack = case.add_parser("acknowledge", help="市局签收旗区上报")
    ack.add_argument("id", type=int)
    ack.add_argument("--note", default="")
    ack.set_defaults(handler=cmd_acknowledge)
    stats = case.add_parser("stats", help="案件统计")
    stats.add_argument("--year", type=int)
    stats.add_argument("--json", action="store_true")
    stats.set_defaults(handler=cmd_stats)
    exp = case.add_parser("export", help="导出案件列表")
    exp.add_argument("out", type=Path)
    exp.set_defaults(handler=cmd_export)


def cmd_new(args, actor) -> int:
    parties = [{"uscc": args.enterprise, "role": args.role}]
    if args.respondent:
        parties.append(
            {"name": args.respondent, "role": "respondent" if args.role != "respondent" else "complainant"}
        )
    data = {"type": args.case_type, "summary": args.summary, "source": args.source, "received_on": args.received,
            "handling_district": args.district}  # fmt: skip
    case = cases.create_case(actor, data, parties)
    if args.json:
        print_json(case_dict(case))
    else:
        flag = "（重要案件）" if case.important else ""
        print(f"已登记案件 {case.id}：{case.number}{flag}")
    return 0


def cmd_event(args, actor) -> int:
    event = cases.add_event(actor, args.id, args.kind, args.date, args.note)
    print(
        f"案件 {args.id}：{event.happened_on} {case_rules.STATUS_LABELS.get(args.kind) or case_rules.EVENT_LABELS[args.kind]}"
    )
    return 0


def cmd_show(args, actor) -> int:
    data = case_dict(cases.get(actor, args.id))
    if args.json:
        print_json(data)
        return 0
    print(
        f"{data['number']} {data['type_label']} {data['status_label']}{'（重要案件）' if data['important'] else ''}"
    )
    for clock in data["clocks"]:
        unit = "个工作日" if clock["unit"] == "workdays" else "天"
        left = {"running": f"，剩余 {clock['days_left']} {unit}", "due_soon": f"，剩余 {clock['days_left']} {unit}",
                "overdue": f" {-clock['days_left']} {unit}"}.get(clock["state"], "")  # fmt: skip
        print(
            f"  {clock['label']}：{clock['due']} 到期（{case_rules.CLOCK_STATE_LABELS[clock['state']]}{left}）"
        )
    for warning in data["warnings"]:
        print(f"注意：{warning}")
    return 0


def cmd_list(args, actor) -> int:
    rows = case_dicts(actor, overdue_only=args.overdue)
    if args.json:
        print_json(rows)
        return 0
    for r in rows:
        print(f"{r['id']:>4} {r['number']} {r['type_label']} {r['status_label']} {r['handling']}")
    print(f"共 {len(rows)} 件")
    return 0


def cmd_outcome(args, actor) -> int:
    case = cases.set_outcome(actor, args.id, args.outcome, args.note, args.amount)
    print(f"案件 {case.number}：{CASE_OUTCOMES[case.outcome]}")
    return 0


def cmd_acknowledge(args, actor) -> int:
    report = cases.acknowledge_report(actor, args.id, args.note)
    print(f"已签收案件 {report.case.number} 的上报（{report.acknowledged_on}）")
    return 0


def cmd_export(args, actor) -> int:
    count = case_print.export_cases(actor, args.out)
    print(f"已导出 {count} 件案件到 {args.out}")
    return 0


def cmd_stats(args, actor) -> int:
    figures = case_stats.case_statistics(actor, args.year)
    if args.json:
        print_json(figures)
        return 0
    print(f"案件 {figures['total']} 件（在办 {figures['open']}，已结 {figures['closed']}，重要案件 {figures['important']}），"
          f"服务名录企业 {figures['listed_enterprises_served']} 家")  # fmt: skip
    for label, n in figures["by_type"].items():
        print(f"  {label}：{n}")
    return 0
