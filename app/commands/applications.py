"""`application new|submit|show|recommend|decide`, `eligibility`, `attach application`: application forms from the command line."""

from __future__ import annotations

from dataclasses import asdict
from datetime import date
from pathlib import Path

from app.commands.output import print_json
from app.services.applications import decisions as review
from app.services.applications import eligibility, eligibility_facts
from app.services.applications import forms as applications
from app.services.applications.form_data import CRITERIA
from app.services.enterprises import register as enterprises


def register(sub) -> None:
    app = sub.add_parser("application", help="申报表").add_subparsers(dest="action", required=True)
    new = app.add_parser("new", help="根据企业信息生成申报表草稿")
    new.add_argument("uscc")
    new.add_argument("--round", type=int, dest="year", help="申报年度（默认今年）")
    new.add_argument("--recommended", action="store_true", help="旗区局推荐（默认企业自愿申报）")
    new.add_argument("--json", action="store_true")
    new.set_defaults(handler=cmd_new)
    submit = app.add_parser("submit", help="提交申报表")
    submit.add_argument("id", type=int)
    submit.set_defaults(handler=cmd_submit)
    show = app.add_parser("show", help="显示申报表")
    show.add_argument("id", type=int)
    show.add_argument("--json", action="store_true")
    show.set_defaults(handler=cmd_show)

    rec = app.add_parser("recommend", help="旗区局推荐")
    rec.add_argument("id", type=int)
    rec.add_argument("--opinion", required=True, help="推荐意见")
    rec.add_argument("--override", help="截止日后补录的原因（市局管理员）")
    rec.set_defaults(handler=cmd_recommend)
    dec = app.add_parser("decide", help="市局审核决定")
    dec.add_argument("id", type=int)
    dec.add_argument("decision", choices=list(review.DECISIONS))
    dec.add_argument("--opinion", required=True, help="审核意见、理由或修改要求")
    dec.set_defaults(handler=cmd_decide)

    round_ = sub.add_parser("round", help="申报年度").add_subparsers(dest="action", required=True)
    change = round_.add_parser("set", help="修改已开始年度的推荐截止日或名额（市局管理员）")
    change.add_argument("year", type=int)
    change.add_argument("--deadline", type=date.fromisoformat, help="推荐截止日 YYYY-MM-DD")
    change.add_argument("--quota-min", type=int)
    change.add_argument("--quota-max", type=int)
    change.set_defaults(handler=cmd_round_set)

    elig = sub.add_parser("eligibility", help="申报条件核验")
    elig.add_argument("uscc")
    elig.add_argument("--json", action="store_true")
    elig.set_defaults(handler=cmd_eligibility)

    attach = sub.add_parser("attach", help="添加附件").add_subparsers(dest="target", required=True)
    to_app = attach.add_parser("application", help="申报表附件：盖章扫描件或证明材料")
    to_app.add_argument("id", type=int)
    to_app.add_argument("file", type=Path)
    to_app.add_argument("--kind", choices=["scan", "evidence"], default="scan")
    to_app.add_argument("--criterion", choices=list(CRITERIA), help="证明材料对应的申报条件")
    to_app.add_argument("--json", action="store_true")
    to_app.set_defaults(handler=cmd_attach)


def application_dict(application) -> dict:
    verdict = applications.eligibility_of(application)
    return {
        "id": application.id,
        "uuid": application.uuid,
        "enterprise": {"uscc": application.enterprise.uscc, "name": application.enterprise.name},
        "round": application.round.year,
        "revision": application.revision,
        "source": application.source,
        "status": application.status,
        "status_label": applications.status_label(application),
        "submitted_at": application.submitted_at,
        "eligibility": verdict.to_dict(),
        "form": asdict(applications.form_of(application)),
    }


def cmd_new(args, actor) -> int:
    enterprise = enterprises.get_by_uscc(actor, args.uscc)
    source = "recommended" if args.recommended else "voluntary"
    application = applications.new_draft(actor, enterprise.id, args.year, source)
    if args.json:
        print_json(application_dict(application))
    else:
        print(f"已生成申报表草稿 编号 {application.id}（{enterprise.name}，{application.round.year} 年度）")
        print(applications.eligibility_of(application).verdict())
    return 0


def cmd_submit(args, actor) -> int:
    application = applications.submit(actor, args.id)
    print(f"申报表 {application.id} 已提交（{application.enterprise.name}）")
    return 0


def cmd_show(args, actor) -> int:
    data = application_dict(applications.get(actor, args.id))
    if args.json:
        print_json(data)
    else:
        print(
            f"申报表 {data['id']}：{data['enterprise']['name']} {data['round']} 年度 第{data['revision']}版 {data['status_label']}"
        )
        print(data["eligibility"]["verdict"])
    return 0


def cmd_eligibility(args, actor) -> int:
    enterprise = enterprises.get_by_uscc(actor, args.uscc)
    facts = eligibility_facts.facts_from_enterprise(enterprise)
    result = eligibility.evaluate(facts, eligibility.thresholds_from_settings())
    if args.json:
        print_json({"uscc": enterprise.uscc, "name": enterprise.name, **result.to_dict()})
        return 0
    print(f"{enterprise.name}：{result.verdict()}")
    for c in result.criteria:
        print(f"  [{'√' if c.met else ' '}] {c.label}——{c.detail}")
    return 0


def cmd_attach(args, actor) -> int:
    row = applications.attach(actor, args.id, args.file, args.kind, args.criterion)
    if args.json:
        print_json(
            {"id": row.id, "uuid": row.uuid, "sha256": row.sha256, "mime": row.mime, "purpose": row.purpose}
        )
    else:
        print(f"已添加附件 {row.original_name}（{row.mime}，SHA-256 {row.sha256[:12]}…）")
    return 0


def cmd_recommend(args, actor) -> int:
    application = review.recommend(actor, args.id, args.opinion, args.override)
    print(f"已推荐申报表 {application.id}（{application.enterprise.name}）")
    return 0


def cmd_round_set(args, actor) -> int:
    round_ = applications.set_round(
        actor, args.year, deadline=args.deadline, quota_min=args.quota_min, quota_max=args.quota_max
    )
    print(f"{round_.year} 年度：推荐截止日 {round_.deadline:%Y年%m月%d日}，每旗区推荐 {round_.quota_min}–{round_.quota_max} 家")
    return 0


def cmd_decide(args, actor) -> int:
    application = review.decide(actor, args.id, args.decision, args.opinion)
    print(
        f"申报表 {application.id}（{application.enterprise.name}）：{review.DECISION_LABELS[args.decision]}"
    )
    return 0
