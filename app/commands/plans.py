"""`plan …` (work plans: create, project add, task add|done|status, list, show, progress, print) and
`duty set|list|print` (the 责任分工表): 落实工作责任 from the command line."""

from __future__ import annotations

import sys
from datetime import date
from pathlib import Path

from app.commands.output import print_json
from app.models.plans import DUTY_ROLES, TASK_STATUSES
from app.services.core import settings
from app.services.plans import progress, responsibilities, work_plans
from app.services.plans.responsibilities import Duty
from app.services.plans.work_plans import Evidence

# The PDF services (reportlab) are imported inside the commands that print.


def register(sub) -> None:
    _register_plan(sub)
    _register_duty(sub)


def _register_plan(sub) -> None:
    plan = sub.add_parser("plan", help="工作实施方案（项目化推进，清单式管理）")
    actions = plan.add_subparsers(dest="action", required=True)
    create = actions.add_parser("create", help="新建旗区的年度工作实施方案")
    create.add_argument("district", help="旗区代码或名称")
    create.add_argument("year", help="年度")
    create.add_argument("--title", required=True, help="方案名称")
    create.add_argument("--goal-recommend", default="0", help="推荐企业目标（家）")
    create.add_argument("--goal-visits", default="0", help="走访目标（次）")
    create.add_argument("--goal-trainings", default="0", help="培训目标（场）")
    create.add_argument("--notes", default="", help="工作要求")
    create.add_argument("--json", action="store_true")
    create.set_defaults(handler=cmd_create)

    project = actions.add_parser("project", help="方案的项目").add_subparsers(dest="project_action", required=True)
    add = project.add_parser("add", help="在方案中添加项目")
    add.add_argument("plan", type=int, help="方案编号")
    add.add_argument("--title", required=True)
    add.add_argument("--description", default="")
    add.set_defaults(handler=cmd_project_add)

    task = actions.add_parser("task", help="清单任务").add_subparsers(dest="task_action", required=True)
    add = task.add_parser("add", help="在项目中添加任务")
    add.add_argument("project", type=int, help="项目编号")
    add.add_argument("--title", required=True)
    add.add_argument("--owner", default="", help="责任人")
    add.add_argument("--due", help="完成期限")
    add.add_argument("--note", default="")
    add.set_defaults(handler=cmd_task_add)
    done = task.add_parser("done", help="任务已完成（可注明完成依据）")
    done.add_argument("task", type=int, help="任务编号")
    done.add_argument("--evidence", help="完成依据：visit:走访编号、event:活动编号 或 case:案件编号")
    done.add_argument("--date", type=date.fromisoformat, help="完成日期（默认今天）")
    done.set_defaults(handler=cmd_task_done)
    status = task.add_parser("status", help="把任务改为未开始或进行中")
    status.add_argument("task", type=int, help="任务编号")
    status.add_argument("status", choices=[s for s in TASK_STATUSES if s != "done"])
    status.set_defaults(handler=cmd_task_status)

    lst = actions.add_parser("list", help="可见的工作方案")
    lst.add_argument("--year", type=int)
    lst.add_argument("--json", action="store_true")
    lst.set_defaults(handler=cmd_list)
    show = actions.add_parser("show", help="方案、项目与任务清单")
    _plan_target(show)
    show.add_argument("--json", action="store_true")
    show.set_defaults(handler=cmd_show)
    prog = actions.add_parser("progress", help="完成进度：任务→项目→方案→旗区→全市")
    prog.add_argument("--year", type=int, help="年度（默认本年度）")
    prog.add_argument("--json", action="store_true")
    prog.set_defaults(handler=cmd_progress)
    prt = actions.add_parser("print", help="打印工作实施方案（PDF）")
    _plan_target(prt)
    prt.add_argument("out", type=Path)
    prt.set_defaults(handler=cmd_print)


def _plan_target(parser) -> None:
    parser.add_argument("plan", type=int, nargs="?", help="方案编号（或用 --district 与 --year）")
    parser.add_argument("--district")
    parser.add_argument("--year", type=int)


def _register_duty(sub) -> None:
    duty = sub.add_parser("duty", help="工作责任分工（分管领导与联络人）")
    actions = duty.add_subparsers(dest="action", required=True)
    put = actions.add_parser("set", help="填写旗区某年度的责任分工（整表替换）")
    put.add_argument("district", help="旗区代码或名称")
    put.add_argument("year")
    row = "“姓名|职务|电话|工作职责”，可多次"
    put.add_argument("--leader", action="append", default=[], help=f"分管领导：{row}")
    put.add_argument("--officer", action="append", default=[], help=f"联络人：{row}")
    put.set_defaults(handler=cmd_duty_set)
    lst = actions.add_parser("list", help="各旗区的责任分工")
    lst.add_argument("--year", type=int, help="年度（默认本年度）")
    lst.add_argument("--json", action="store_true")
    lst.set_defaults(handler=cmd_duty_list)
    prt = actions.add_parser("print", help="打印责任分工表（PDF，一页）")
    prt.add_argument("district")
    prt.add_argument("year", type=int)
    prt.add_argument("out", type=Path)
    prt.set_defaults(handler=cmd_duty_print)


def cmd_create(args, actor) -> int:
    data = {"title": args.title, "goal_recommend": args.goal_recommend, "goal_visits": args.goal_visits,
            "goal_trainings": args.goal_trainings, "notes": args.notes}  # fmt: skip
    plan = work_plans.create_plan(actor, args.district, args.year, data)
    if args.json:
        print_json(work_plans.plan_dict(plan, date.today()))
    else:
        print(f"已新建工作方案 {plan.id}：{plan.district.name} {plan.year} 年《{plan.title}》")
    return 0


def cmd_project_add(args, actor) -> int:
    project = work_plans.add_project(actor, args.plan, {"title": args.title, "description": args.description})
    print(f"已添加项目 {project.id}：{project.title}")
    return 0


def cmd_task_add(args, actor) -> int:
    data = {"title": args.title, "owner": args.owner, "due_on": args.due, "note": args.note}
    task = work_plans.add_task(actor, args.project, data)
    print(f"已添加任务 {task.id}：{task.title}（责任人 {task.owner or '未定'}，期限 {task.due_on or '未定'}）")
    return 0


def cmd_task_done(args, actor) -> int:
    evidence = Evidence.parse(args.evidence) if args.evidence else None
    task = work_plans.set_task_status(actor, args.task, "done", evidence, on=args.date)
    shown = work_plans.evidence_label(task)
    print(f"任务 {task.id} 已完成" + (f"，完成依据：{shown}" if shown else ""))
    return 0


def cmd_task_status(args, actor) -> int:
    task = work_plans.set_task_status(actor, args.task, args.status)
    print(f"任务 {task.id}：{TASK_STATUSES[task.status]}")
    return 0


def cmd_list(args, actor) -> int:
    found = work_plans.plans(actor, args.year)
    if args.json:
        print_json([{"id": p.id, "district": p.district.name, "year": p.year, "title": p.title} for p in found])
        return 0
    for plan in found:
        print(f"{plan.id:>4}  {plan.year}  {plan.district.name}  {plan.title}")
    print(f"共 {len(found)} 份工作方案")
    return 0


def cmd_show(args, actor) -> int:
    plan = work_plans.find_plan(actor, args.plan, args.district, args.year)
    shown = work_plans.plan_dict(plan, date.today())
    if args.json:
        print_json(shown)
        return 0
    print(f"{shown['district']} {shown['year']} 年《{shown['title']}》（方案 {shown['id']}）")
    for project in shown["projects"]:
        print(f"  项目 {project['id']}：{project['title']}")
        for t in project["tasks"]:
            flag = "【逾期】" if t["overdue"] else ""
            print(f"    {t['id']:>4} {flag}[{t['status_label']}] {t['title']}  {t['owner']}  {t['due_on'] or '无期限'}"
                  + (f"  依据：{t['evidence']}" if t["evidence"] else ""))  # fmt: skip
    return 0


def cmd_progress(args, actor) -> int:
    year = args.year or settings.current_round_year(date.today())
    city = progress.rollup(actor, year).as_dict()
    if args.json:
        print_json(city)
        return 0
    for row in city["districts"]:
        state = "未制定方案" if row["plan_id"] is None else f"{row['done']}/{row['total']} 项，{row['percent']}%"
        print(f"{row['district']}：{state}" + (f"，逾期 {row['overdue']} 项" if row["overdue"] else ""))
    print(f"合计：{city['done']}/{city['total']} 项，{city['percent']}%")
    return 0


def cmd_print(args, actor) -> int:
    from app.services.plans import printing

    plan = work_plans.find_plan(actor, args.plan, args.district, args.year)
    return _done(args, printing.print_plan(actor, plan.id, args.out))


def _person(role: str, text: str) -> Duty:
    name, post, phone, duties = ([*text.split("|"), "", "", ""])[:4]
    return Duty(role, name, post, phone, duties)


def cmd_duty_set(args, actor) -> int:
    rows = [_person("leader", t) for t in args.leader] + [_person("officer", t) for t in args.officer]
    saved = responsibilities.set_duties(actor, args.district, args.year, rows)
    print(f"已保存 {len(saved)} 位工作责任人")
    return 0


def cmd_duty_list(args, actor) -> int:
    year = args.year or settings.current_round_year(date.today())
    table = responsibilities.year_table(actor, year)
    if args.json:
        print_json({name: [responsibilities.duty_dict(r) for r in rows] for name, rows in table.items()})
        return 0
    for name, rows in table.items():
        people = "；".join(f"{DUTY_ROLES[r.role]} {r.name}" for r in rows) or "未填写"
        print(f"{name}：{people}")
    return 0


def cmd_duty_print(args, actor) -> int:
    from app.services.plans import printing

    return _done(args, printing.print_duties(actor, args.district, args.year, args.out))


def _done(args, report) -> int:
    """Warnings (fonts, characters no font has) on stderr, then the file written."""
    for warning in report.warnings:
        print(f"注意：{warning}", file=sys.stderr)
    print(f"已生成 {args.out}（{report.pages} 页）")
    return 0
