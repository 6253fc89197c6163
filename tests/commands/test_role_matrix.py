"""Every CLI command and every service write as every role, against a record of the officer's own district
and one of another district (roles: city administrator, city reviewer, district officer, city-wide viewer,
district viewer).

The command list is read from app.cli's parser, so a new command without a row in `EXPECTED` fails the test.
Each role gets its own copy of one prepared register and runs every command in-process, in the order of
`EXPECTED` (reads before the writes that change their records, a restore last). The outcome of a run is:
  ok      exit 0
  deny    PermissionDenied: refused with the reason (the user may see the record, not change it)
  hidden  NotFound: the record is reported missing (another district's record, which the user may not see)
  -       not run: the command has no district target (one run, in the "own" column)
Every cell must match. A refusal of any other kind (a validation or state error) fails the test: each
command is set up so that a role allowed to run it succeeds. The service writes the CLI does not reach
(SERVICE_WRITES) are called directly with the same table and outcomes.
"""

from __future__ import annotations

import argparse
import json
import random
import shutil
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import openpyxl
import pytest

from app import cli
from app.models import Application, District, Enterprise, FollowUp, Questionnaire
from app.services.accounts import users as accounts
from app.services.applications import decisions as review
from app.services.applications import forms as applications
from app.services.cases import handling as cases
from app.services.cases import workdays
from app.services.core import settings
from app.services.core.errors import DomainError, NotFound, PermissionDenied
from app.services.enforcement import actions as enforcement
from app.services.enforcement import agencies
from app.services.enterprises import records, register
from app.services.fairs import recordals
from app.services.liaison import events, experts, visits
from app.services.plans import work_plans
from app.services.publicity import items as publicity
from app.services.questionnaires import catalogue as questionnaires
from app.services.questionnaires import responses
from app.services.support import ledger
from app.services.system import backup
from app.services.system import database as setup
from app.services.system.demo import make_uscc
from tests.conftest import ADMIN_PASSWORD
from tests.helpers.messy import codes, messy_workbook

OWN, OTHER = "150602", "150621"  # dongsheng's district, and dalate's
YEAR = 2027  # a round whose deadline is still ahead
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
ROLES = ("admin", "shenhe", "dongsheng", "chakan", "dsviewer")
VIEWER_PASSWORD = "viewerpass123"


@dataclass
class Side:
    """The records of one district the commands work on (ids and codes)."""

    code: str
    uscc: str  # an enterprise of the district, eligible, with a draft application
    fresh_uscc: str  # an enterprise without an application (for `application new`)
    draft: int
    submitted: int
    recommended: int
    entry: int  # a list entry
    visit: int
    followup: int
    case: int
    reported_case: int  # a counterfeit-patent case of a listed enterprise, reported to the city
    officer: str  # a district officer of the district (a liaison it may assign)
    enterprise: int  # the enterprise of `uscc`
    contact: int
    honor: int
    questionnaire: int  # with a draft response of `enterprise`
    plan: int = 0  # the district's work plan of 2026, with one project (`project`) holding one task (`task`)
    project: int = 0
    task: int = 0
    support: int = 0  # a support entry of `enterprise`
    publicity: int = 0  # a publicity item of the district featuring `enterprise`
    agency: int = 0  # a partner agency (reference data, made by the city for this side's records)
    action: int = 0  # a joint action of the district, without cases
    recordal: int = 0  # a customs recordal of `enterprise`


def _eligible(admin, ent: Enterprise) -> Enterprise:
    records.save_holding(admin, ent.id, YEAR - 1, {"invention_patents": 12})
    records.save_contact(admin, ent.id, {"name": "张敏", "mobile": "13912345678", "is_primary": True})
    return ent


def _side(admin, reviewer, code: str, officer, questionnaire: int) -> Side:
    rng = random.Random(code)
    a, b, c, d, fresh = (
        _eligible(admin, register.create(admin, {"name": f"矩阵{code}企业{i}", "uscc": make_uscc(rng, code),
                                                 "kind": "enterprise", "district": code}).enterprise)
        for i in range(5)
    )  # fmt: skip
    draft = applications.new_draft(admin, a.id, YEAR)
    submitted = applications.submit(admin, applications.new_draft(admin, b.id, YEAR).id)
    recommended = applications.submit(admin, applications.new_draft(admin, c.id, YEAR).id)
    review.recommend(officer, recommended.id, "同意推荐")
    listed = applications.submit(admin, applications.new_draft(admin, d.id, YEAR).id)
    review.recommend(officer, listed.id, "同意推荐")
    review.decide(reviewer, listed.id, "approve", "同意纳入")
    visit = visits.record_visit(admin, a.id, {"visited_on": "2026-05-06", "notes": "走访"},
                                [visits.NewFollowUp("协助维权", "2027-06-30", officer)])  # fmt: skip
    case = cases.create_case(admin, {"type": "trademark", "summary": "仿冒", "handling_district": code},
                             [{"uscc": a.uscc, "role": "complainant"}])  # fmt: skip
    # Reported by the district's officer: the city's staff acknowledge it (separation of duties).
    reported = cases.create_case(officer, {"type": "counterfeit-patent", "summary": "假冒专利",
                                           "handling_district": code},
                                 [{"uscc": d.uscc, "role": "rights_holder"}])  # fmt: skip
    assert cases.report_of(reported) is not None
    contact = records.save_contact(admin, a.id, {"name": "钱进"})
    honor = records.add_honor(admin, a.id, "regional", "advantage", 2024, "优势企业")
    responses.save_response(admin, questionnaire, a.id, {})
    plan = work_plans.create_plan(admin, code, 2026, {"title": "工作实施方案"})
    project = work_plans.add_project(admin, plan.id, {"title": "走访全覆盖"})
    task = work_plans.add_task(admin, project.id, {"title": "走访", "due_on": "2026-06-30"})
    support = ledger.add_entry(admin, a.id, {"kind": "policy", "granted_on": "2026-02-01", "granting_body": "财政局",
                                             "programme": "专利资助政策"})  # fmt: skip
    item = publicity.record_item(admin, {"channel": "wechat", "outlet": "公众号", "title": "报道",
                                         "published_on": "2026-02-01", "district": code}, [a.id])  # fmt: skip
    agency = agencies.add_agency(admin, {"name": f"矩阵协作单位{code}", "kind": "公安"})
    action = enforcement.add_action(admin, code, {"held_on": "2026-03-01", "title": "联合检查"}, [agency.id])
    recordal = recordals.add_recordal(admin, a.id, {"right_kind": "商标", "right_title": "矩阵商标",
                                                    "recordal_number": f"M{code}", "valid_until": "2027-06-30"})
    return Side(code, a.uscc, fresh.uscc, draft.id, submitted.id, recommended.id, review.active_entry(d).id,
                visit.id, FollowUp.get(FollowUp.visit == visit).id, case.id, reported.id, officer.login, a.id,
                contact.id, honor.id, questionnaire, plan.id, project.id, task.id, support.id, item.id, agency.id,
                action.id, recordal.id)  # fmt: skip


@pytest.fixture(scope="module")
def prepared(cli_template, tmp_path_factory):
    """The CLI's demo register with the records above in both districts, and a district viewer."""
    template, passwords = cli_template
    folder = tmp_path_factory.mktemp("matrix")
    path = folder / "prepared.db"
    shutil.copyfile(template, path)
    setup.open_register(path)
    admin = accounts.get_user("admin")
    accounts.create_user(admin, "dsviewer", "东胜区只读", "viewer", VIEWER_PASSWORD,
                         District.get(District.code == OWN))  # fmt: skip
    questionnaires.install_builtin(admin)
    questionnaire = Questionnaire.select().order_by(Questionnaire.id.desc()).first().id
    reviewer = accounts.get_user("shenhe")
    sides = {
        "own": _side(admin, reviewer, OWN, accounts.get_user("dongsheng"), questionnaire),
        "other": _side(admin, reviewer, OTHER, accounts.get_user("dalate"), questionnaire),
    }
    backup.backup(admin, folder / "backup.db")
    setup.release_connection()
    passwords = {**passwords, "admin": ADMIN_PASSWORD, "dsviewer": VIEWER_PASSWORD}
    return path, sides, questionnaire, folder / "backup.db", passwords


def _commands() -> set[str]:
    """Every leaf command of the CLI's parser, as "group action"."""

    def walk(parser: argparse.ArgumentParser, prefix: tuple[str, ...]):
        subs = [a for a in parser._actions if isinstance(a, argparse._SubParsersAction)]
        if not subs:
            yield " ".join(prefix)
            return
        for name, child in subs[0].choices.items():
            yield from walk(child, (*prefix, name))

    return set(walk(cli.build_parser(), ()))


def _import_files(folder: Path) -> None:
    """An enterprise import sheet per district, each with one enterprise new to the register."""
    new = codes(2)
    for i, (code, place) in enumerate(((OWN, "东胜"), (OTHER, "达拉特"))):
        messy_workbook(folder / f"import{code}.xlsx",
                       [[1, new[i], f"矩阵测试{code}有限公司", place, "2015-03-01", "1", "1", "否", "否", "张敏", ""]])  # fmt: skip


# The expected outcome of each command, by role in ROLES order (admin, city reviewer, district officer,
# city-wide viewer, district viewer), for a record of the officer's own district | of another district.
# o ok · d deny (PermissionDenied) · h hidden (NotFound) · r rows refused (an import exits 1, writing nothing)
# x refused (exit 2: an exchange package that is not one, refused after the permission check)
EXPECTED = {
    "enterprise list": "ooooo",
    "enterprise show": "ooooo|oohoh",
    "eligibility": "ooooo|oohoh",
    "application show": "ooooo|oohoh",
    "print application": "ooooo|oohoh",
    "print visit": "ooooo|oohoh",
    "print case": "ooooo|oohoh",
    "case show": "ooooo|oohoh",
    "case list": "ooooo",
    "case stats": "ooooo",
    "case export": "ooooo",
    "list show": "ooooo",
    "dashboard": "ooooo",
    "followup list": "ooooo",
    "template enterprises": "ooooo",
    "export enterprises": "ooooo|ooooo",  # another district's export is empty for a district user (below)
    "questionnaire list": "ooooo",
    "questionnaire export": "ooooo",
    "questionnaire results": "ooooo",
    "questionnaire print": "ooooo",
    "plan list": "ooooo",
    "plan progress": "ooooo",
    "plan show": "ooooo|oohoh",
    "plan print": "ooooo|oohoh",
    "duty list": "ooooo",
    "duty print": "ooooo|oohoh",
    "support list": "ooooo",
    "publicity list": "ooooo",
    "enforcement agency list": "ooooo",
    "enforcement agreement list": "ooooo",
    "enforcement action list": "ooooo",
    "enforcement shares": "ooooo",
    "fair list": "ooooo",
    "recordal list": "ooooo",
    "audit list": "ooodd",
    "audit verify": "odddd",
    "attach application": "ooodd|oohdh",
    "application submit": "ooodd|oohdh",
    "application new": "ooodd|oohdh",
    "application recommend": "ododd|odhdh",  # the district's recommendation: its officer, or the administrator
    "application decide": "ooddd|ooddd",
    "list reexamine": "ooddd|ooddd",
    "list publish": "ooddd",
    "visit add": "ooodd|oohdh",
    "followup update": "ooodd|oohdh",
    "liaison assign": "ooodd|oohdh",
    "case new": "ooodd|ooddd",  # handled by another district: refused, the enterprise is not named (finding 8)
    "case event": "ooodd|oohdh",
    "case outcome": "ooodd|oohdh",
    "case acknowledge": "ooddd|ooddd",
    "import enterprises": "ooorr|oorrr",
    "plan create": "ooodd|ooddd",
    "plan project add": "ooodd|oohdh",
    "plan task add": "ooodd|oohdh",
    "plan task done": "ooodd|oohdh",
    "plan task status": "ooodd|oohdh",
    "duty set": "ooodd|ooddd",
    "support add": "ooodd|oohdh",
    "publicity add": "ooodd|oohdh",  # the featured enterprise of another district is not found
    "enforcement agency add": "ooddd",
    "enforcement agreement add": "ooodd|ooddd",
    "enforcement action add": "ooodd|oohdh",  # names the district's case: another district's is not there
    "enforcement action link": "ooodd|oohdh",
    "enforcement share": "ooodd|oohdh",
    "fair add": "ooodd|oohdh",
    "recordal add": "ooodd|oohdh",
    "recordal renew": "ooodd|oohdh",
    "questionnaire import": "ooooo",  # a sheet without answers: nothing to write, for anyone
    "questionnaire install-builtin": "ooddd",
    "stats": "ooooo",
    "settings list": "ooooo",
    "calendar years": "ooooo",
    "settings set": "odddd",
    "round set": "odddd",
    "calendar set": "odddd",
    "calendar clear": "odddd",
    "user list": "odddd",
    "user add": "odddd",
    "user edit": "odddd",
    "user disable": "odddd",
    "user enable": "odddd",
    "user reset-password": "odddd",
    "passwd": "ooooo",  # one's own password
    "exchange identity": "odddd",
    "exchange pair export": "odddd",
    "exchange pair import": "odddd",
    "exchange send": "odddd",
    "exchange receive": "xdddd",
    "exchange conflicts": "odddd",
    "exchange resolve": "hdddd",  # no conflict 1 in this register
    "exchange status": "odddd",
    "exchange revoke": "odddd",
    "backup": "odddd",
    "init": "ooooo",  # a new register, made without signing in
    "db copy": "ooooo",  # maintenance without signing in, like init: from a closed register to a new one
    "restore": "odddd",
}
LETTERS = {"o": "ok", "d": "deny", "h": "hidden", "r": "rows refused", "x": "exit 2"}


def expected(command: str, login: str, side: str) -> str:
    own, _, other = EXPECTED[command].partition("|")
    return LETTERS[(own if side == "own" else other)[ROLES.index(login)]]


def _run(parser, argv: list[str], db: Path, login: str) -> str:
    args = parser.parse_args(["--db", str(db), "--user", login, *argv])
    try:
        code = cli.dispatch(args)
    except PermissionDenied:
        return "deny"
    except NotFound:
        return "hidden"
    except DomainError as exc:
        return f"refused: {exc}"
    finally:
        setup.release_connection()
    return {0: "ok", 1: "rows refused"}.get(code, f"exit {code}")


def _once(make):
    """A command without a district target: run once, in the own column."""
    return lambda s, x: make(x) if s.code == OWN else None


def _pdf(x, name: str) -> Path:
    path = x.tmp / name
    path.write_bytes(PDF + name.encode())
    return path


def _district_pairing_file(x) -> list[str]:
    """A pairing file of a Dongsheng installation with fresh keys; [file, "--fingerprint", its fingerprint]."""
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
    from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey

    from app.services.exchange import keys, pairing

    sign, box = (keys.b64(keys.raw_public(k.generate().public_key())) for k in (Ed25519PrivateKey, X25519PrivateKey))
    found = keys.Identity("00000000-0000-4000-8000-000000000016", OWN, "东胜区市场监督管理局", sign, box)
    path = x.tmp / "dongsheng.pair"
    path.write_text(json.dumps({"format": pairing.FORMAT, **found.__dict__}, ensure_ascii=False), encoding="utf-8")
    return [str(path), "--fingerprint", found.fingerprint]


# In running order: reads first, then writes, a restore last.
ARGV = {
    "enterprise list": _once(lambda x: ["enterprise", "list"]),
    "enterprise show": lambda s, x: ["enterprise", "show", s.uscc],
    "eligibility": lambda s, x: ["eligibility", s.uscc],
    "application show": lambda s, x: ["application", "show", str(s.draft)],
    "print application": lambda s, x: ["print", "application", str(s.draft), str(x.tmp / f"a{s.code}.pdf")],
    "print visit": lambda s, x: ["print", "visit", str(s.visit), str(x.tmp / f"v{s.code}.pdf")],
    "print case": lambda s, x: ["print", "case", str(s.case), str(x.tmp / f"c{s.code}.pdf")],
    "case show": lambda s, x: ["case", "show", str(s.case)],
    "case list": _once(lambda x: ["case", "list"]),
    "case stats": _once(lambda x: ["case", "stats"]),
    "case export": _once(lambda x: ["case", "export", str(x.tmp / "cases.xlsx")]),
    "list show": _once(lambda x: ["list", "show"]),
    "dashboard": _once(lambda x: ["dashboard"]),
    "followup list": _once(lambda x: ["followup", "list"]),
    "template enterprises": _once(lambda x: ["template", "enterprises", str(x.tmp / "t.xlsx")]),
    "export enterprises": lambda s, x: ["export", "enterprises", str(x.tmp / f"e{s.code}.xlsx"), "--district", s.code],
    "questionnaire list": _once(lambda x: ["questionnaire", "list"]),
    "questionnaire export": _once(lambda x: ["questionnaire", "export", str(x.questionnaire), str(x.tmp / "q.xlsx")]),
    "questionnaire results": _once(lambda x: ["questionnaire", "results", str(x.questionnaire)]),
    "questionnaire print": _once(lambda x: ["questionnaire", "print", str(x.questionnaire), str(x.tmp / "q.pdf")]),
    "plan list": _once(lambda x: ["plan", "list"]),
    "plan progress": _once(lambda x: ["plan", "progress", "--year", "2026"]),
    "plan show": lambda s, x: ["plan", "show", str(s.plan)],
    "plan print": lambda s, x: ["plan", "print", str(s.plan), str(x.tmp / f"plan{s.code}.pdf")],
    "duty list": _once(lambda x: ["duty", "list", "--year", "2026"]),
    "support list": _once(lambda x: ["support", "list", "--totals"]),
    "publicity list": _once(lambda x: ["publicity", "list", "--json"]),
    "duty print": lambda s, x: ["duty", "print", s.code, "2026", str(x.tmp / f"duty{s.code}.pdf")],
    "enforcement agency list": _once(lambda x: ["enforcement", "agency", "list"]),
    "enforcement agreement list": _once(lambda x: ["enforcement", "agreement", "list"]),
    "enforcement action list": _once(lambda x: ["enforcement", "action", "list", "--json"]),
    "enforcement shares": _once(lambda x: ["enforcement", "shares"]),
    "fair list": _once(lambda x: ["fair", "list"]),
    "recordal list": _once(lambda x: ["recordal", "list", "--due"]),
    "audit list": _once(lambda x: ["audit", "list"]),
    "audit verify": _once(lambda x: ["audit", "verify"]),
    "attach application": lambda s, x: ["attach", "application", str(s.draft), str(_pdf(x, f"scan{s.code}.pdf"))],
    "application submit": lambda s, x: ["application", "submit", str(s.draft)],
    "application new": lambda s, x: ["application", "new", s.fresh_uscc, "--round", str(YEAR)],
    "application recommend": lambda s, x: ["application", "recommend", str(s.submitted), "--opinion", "推荐"],
    "application decide": lambda s, x: ["application", "decide", str(s.recommended), "reject", "--opinion", "不符"],
    "list reexamine": lambda s, x: ["list", "reexamine", str(s.entry), "renewed", "--opinion", "保留"],
    "list publish": _once(lambda x: ["list", "publish", str(x.tmp / "公示.xlsx")]),
    "visit add": lambda s, x: ["visit", "add", s.uscc, "--date", "2026-06-01", "--notes", "回访"],
    "followup update": lambda s, x: ["followup", "update", str(s.followup), "done", "--resolution", "已办"],
    "liaison assign": lambda s, x: ["liaison", "assign", s.uscc, s.officer],
    "case new": lambda s, x: ["case", "new", "--type", "trademark", "--enterprise", s.uscc, "--summary", "仿冒",
                              "--district", s.code],
    "case event": lambda s, x: ["case", "event", str(s.case), "--kind", "verification", "--date", "2026-12-01"],
    "case outcome": lambda s, x: ["case", "outcome", str(s.case), "mediated"],
    "case acknowledge": lambda s, x: ["case", "acknowledge", str(s.reported_case)],
    "import enterprises": lambda s, x: ["import", "enterprises", str(x.tmp / f"import{s.code}.xlsx")],
    "plan create": lambda s, x: ["plan", "create", s.code, "2027", "--title", "下一年度方案"],
    "plan project add": lambda s, x: ["plan", "project", "add", str(s.plan), "--title", "培训"],
    "plan task add": lambda s, x: ["plan", "task", "add", str(s.project), "--title", "回访", "--due", "2027-01-31"],
    "plan task done": lambda s, x: ["plan", "task", "done", str(s.task), "--evidence", f"visit:{s.visit}"],
    "plan task status": lambda s, x: ["plan", "task", "status", str(s.task), "in_progress"],
    "duty set": lambda s, x: ["duty", "set", s.code, "2026", "--leader", "高建国|副局长"],
    "support add": lambda s, x: ["support", "add", s.uscc, "--kind", "funding", "--date", "2026-03-01", "--body",
                                 "财政局", "--programme", "专利资助", "--amount", "10,000"],
    "publicity add": lambda s, x: ["publicity", "add", "--channel", "报纸", "--outlet", "鄂尔多斯日报", "--title",
                                   "报道", "--date", "2026-03-01", "--district", s.code, "--enterprise", s.uscc],
    "enforcement agency add": _once(lambda x: ["enforcement", "agency", "add", "矩阵新协作单位", "--kind", "海关"]),
    "enforcement agreement add": lambda s, x: ["enforcement", "agreement", "add", s.code, "--date", "2026-01-05",
                                               "--title", "协作备忘录", "--party", str(s.agency)],
    "enforcement action add": lambda s, x: ["enforcement", "action", "add", s.code, "--date", "2026-03-01",
                                            "--title", "联合检查", "--partner", str(s.agency), "--case", str(s.case)],
    "enforcement action link": lambda s, x: ["enforcement", "action", "link", str(s.action), str(s.case)],
    "enforcement share": lambda s, x: ["enforcement", "share", str(s.agency), "--case", str(s.case), "--fields",
                                       "number,summary", "--out", str(x.tmp / f"share{s.code}.pdf")],
    "fair add": lambda s, x: ["fair", "add", s.uscc, "--name", "羊绒交易会", "--start", "2026-05-20"],
    "recordal add": lambda s, x: ["recordal", "add", s.uscc, "--kind", "专利", "--right", "一种羊绒分梳机",
                                  "--number", f"P{s.code}", "--until", "2028-01-01"],
    "recordal renew": lambda s, x: ["recordal", "renew", str(s.recordal), "2037-06-30"],
    "questionnaire import": _once(lambda x: ["questionnaire", "import", str(x.questionnaire), str(x.tmp / "q.xlsx")]),
    "questionnaire install-builtin": _once(lambda x: ["questionnaire", "install-builtin"]),
    "stats": _once(lambda x: ["stats", "2026"]),
    "settings list": _once(lambda x: ["settings", "list"]),
    "calendar years": _once(lambda x: ["calendar", "years"]),
    "settings set": _once(lambda x: ["settings", "set", "dashboard.due_days", "60"]),
    "round set": _once(lambda x: ["round", "set", str(YEAR), "--quota-max", "8"]),
    "calendar set": _once(lambda x: ["calendar", "set", "2027-10-09", "workday", "--note", "调休"]),
    "calendar clear": _once(lambda x: ["calendar", "clear", "2027-10-09"]),
    "user list": _once(lambda x: ["user", "list"]),
    "user add": _once(lambda x: ["user", "add", "matrixnew", "--role", "viewer", "--name", "矩阵新账号"]),
    "user edit": _once(lambda x: ["user", "edit", "dalate", "--phone", "0477-1234567"]),
    "user disable": _once(lambda x: ["user", "disable", "dalate"]),
    "user enable": _once(lambda x: ["user", "enable", "dalate"]),
    "user reset-password": _once(lambda x: ["user", "reset-password", "dalate"]),
    "passwd": _once(lambda x: ["passwd"]),
    "exchange identity": _once(lambda x: ["exchange", "identity"]),
    "exchange pair export": _once(lambda x: ["exchange", "pair", "export", str(x.tmp / "own.pair")]),
    "exchange pair import": _once(lambda x: ["exchange", "pair", "import", *_district_pairing_file(x)]),
    "exchange send": _once(lambda x: ["exchange", "send", OWN, str(x.tmp / "out.ipx")]),
    "exchange receive": _once(lambda x: ["exchange", "receive", str(_pdf(x, "not-a-package.ipx"))]),
    "exchange conflicts": _once(lambda x: ["exchange", "conflicts"]),
    "exchange resolve": _once(lambda x: ["exchange", "resolve", "1", "mine"]),
    "exchange status": _once(lambda x: ["exchange", "status"]),
    "exchange revoke": _once(lambda x: ["exchange", "revoke", OWN]),
    "backup": _once(lambda x: ["backup", str(x.tmp / "copy.db")]),
    "init": _once(lambda x: ["--db", str(x.tmp / "new.db"), "init"]),  # a new register: no sign-in
    "db copy": _once(lambda x: ["db", "copy", str(x.backup), str(x.tmp / "copied.db")]),
    "restore": _once(lambda x: ["restore", str(x.backup)]),
}  # fmt: skip


def test_every_command_of_the_cli_has_a_row():
    assert _commands() == set(EXPECTED) == set(ARGV)


@pytest.mark.parametrize("login", ROLES)
def test_every_command_as_every_role(prepared, login, tmp_path, monkeypatch, capsys):
    path, sides, questionnaire, backup_file, passwords = prepared
    db = tmp_path / "register.db"
    shutil.copyfile(path, db)
    x = argparse.Namespace(questionnaire=questionnaire, backup=backup_file, tmp=tmp_path)
    _import_files(tmp_path)
    # Signing in is not what this test is about (tests/services/accounts): skip the deliberate slow hash.
    monkeypatch.setattr(cli.accounts, "login", lambda name, _password: accounts.get_user(name))
    monkeypatch.setenv(cli.PASSWORD_ENV, passwords[login])
    monkeypatch.setenv("IPREG_NEW_PASSWORD", "Matrix-新密码-2027")
    parser = cli.build_parser()
    wrong = []
    for command in ARGV:
        for side in ("own", "other"):
            argv = ARGV[command](sides[side], x)
            if argv is None:
                continue
            outcome = _run(parser, argv, db, login)
            capsys.readouterr()
            if outcome != expected(command, login, side):
                wrong.append(f"{command} [{side}]: {outcome}, expected {expected(command, login, side)}")
    assert wrong == [], "\n".join(wrong)
    if login in ("dongsheng", "dsviewer"):  # the other district's export ran, and holds none of its enterprises
        rows = list(openpyxl.load_workbook(tmp_path / f"e{OTHER}.xlsx").active.iter_rows(values_only=True))
        assert not any(OTHER in str(cell) or "达拉特" in str(cell) for r in rows[1:] for cell in r if cell)


# --- the service writes the CLI does not reach, called directly ------------------------------------------


def _file(x, name: str) -> Path:
    return _pdf(x, name)


def _new_enterprise(s: Side, x) -> dict:
    return {"name": f"服务矩阵{s.code}新企业", "uscc": make_uscc(random.Random(f"new{s.code}"), s.code),
            "kind": "enterprise", "district": s.code}  # fmt: skip


# Write → call(actor, side, x) and the expected outcomes as in EXPECTED (own|other; one part: no district).
SERVICE_WRITES = {
    "enterprise create": (lambda u, s, x: register.create(u, _new_enterprise(s, x)), "ooodd|ooddd"),
    "enterprise update": (lambda u, s, x: register.update(u, s.enterprise, {"legal_representative": "李强"}),
                          "ooodd|oohdh"),
    "contact save": (lambda u, s, x: records.save_contact(u, s.enterprise, {"name": "孙立"}), "ooodd|oohdh"),
    "contact delete": (lambda u, s, x: records.delete_contact(u, s.enterprise, s.contact), "ooodd|oohdh"),
    "holding save": (lambda u, s, x: records.save_holding(u, s.enterprise, 2025, {"invention_patents": 2}),
                     "ooodd|oohdh"),
    "honor add": (lambda u, s, x: records.add_honor(u, s.enterprise, "national", "advantage", 2025, "国家级"),
                  "ooodd|oohdh"),
    "honor delete": (lambda u, s, x: records.delete_honor(u, s.enterprise, s.honor), "ooodd|oohdh"),
    "enterprise file": (lambda u, s, x: records.add_file(u, s.enterprise, _file(x, f"f{s.code}.pdf")),
                        "ooodd|oohdh"),
    "application refresh": (lambda u, s, x: applications.refresh_snapshot(u, s.draft), "ooodd|oohdh"),
    "application save form": (lambda u, s, x: applications.save_form(
        u, s.draft, applications.form_of(Application.get_by_id(s.draft))), "ooodd|oohdh"),
    "review start": (lambda u, s, x: review.start_review(u, s.recommended), "ooddd|ooddd"),
    "followup add": (lambda u, s, x: visits.add_followup(u, s.enterprise, visits.NewFollowUp("培训", None, None)),
                     "ooodd|oohdh"),
    "visit file": (lambda u, s, x: visits.attach_file(u, s.visit, _file(x, f"v{s.code}.pdf")), "ooodd|oohdh"),
    "event record": (lambda u, s, x: events.record_event(u, {"kind": "risk_training", "held_on": "2026-04-01",
                                                              "topic": "风险防范", "district": s.code,
                                                              "head_count": 3}), "ooodd|ooddd"),
    "case clear important": (lambda u, s, x: cases.clear_important(u, s.case, "不属重要案件"), "ooddd|ooddd"),
    "response save": (lambda u, s, x: responses.save_response(u, s.questionnaire, s.enterprise, {}),
                      "ooodd|oohdh"),
    "response delete": (lambda u, s, x: responses.delete_response(u, s.questionnaire, s.enterprise),
                        "ooodd|oohdh"),
    "enterprise archive": (lambda u, s, x: register.set_archived(u, s.enterprise, True, "企业注销"), "ooodd|oohdh"),
    "setting set": (lambda u, s, x: settings.set_value(u, "attachments.max_mb", 25), "odddd"),
    "calendar set": (lambda u, s, x: workdays.set_day(u, date(2031, 1, 2), False, "测试"), "odddd"),
    "expert save": (lambda u, s, x: experts.save_expert(u, {"name": "王专家", "field": "patent"}), "odddd"),
    "user create": (lambda u, s, x: accounts.create_user(u, "matrixuser", "矩阵", "viewer", "matrixpass123", None),
                    "odddd"),
    "user deactivate": (lambda u, s, x: accounts.set_active(u, accounts.get_user("dalate"), False), "odddd"),
    "plan update": (lambda u, s, x: work_plans.update_plan(u, s.plan, {"goal_visits": 5}), "ooodd|oohdh"),
    "support update": (lambda u, s, x: ledger.update_entry(u, s.support, {"note": "更正"}), "ooodd|oohdh"),
    "support file": (lambda u, s, x: ledger.attach_document(u, s.support, _file(x, f"s{s.code}.pdf")), "ooodd|oohdh"),
    "support delete": (lambda u, s, x: ledger.delete_entry(u, s.support), "ooodd|oohdh"),
    "publicity update": (lambda u, s, x: publicity.update_item(u, s.publicity, {"title": "更正"}), "ooodd|oohdh"),
    "publicity file": (lambda u, s, x: publicity.attach_material(u, s.publicity, _file(x, f"p{s.code}.pdf")),
                       "ooodd|oohdh"),
    "publicity delete": (lambda u, s, x: publicity.delete_item(u, s.publicity), "ooodd|oohdh"),
    "agency update": (lambda u, s, x: agencies.update_agency(u, s.agency, {"contact_person": "刘警官"}), "ooddd"),
}  # fmt: skip


@pytest.mark.parametrize("login", ROLES)
def test_every_service_write_as_every_role(prepared, login, tmp_path):
    path, sides, _questionnaire, _backup, _passwords = prepared
    db = tmp_path / "register.db"
    shutil.copyfile(path, db)
    setup.open_register(db)
    actor = accounts.get_user(login)
    x = argparse.Namespace(tmp=tmp_path)
    wrong = []
    for name, (write, table) in SERVICE_WRITES.items():
        own, _, other = table.partition("|")
        for side, letters in (("own", own), ("other", other)):
            if not letters:
                continue
            outcome = _call(write, actor, sides[side], x)
            want = LETTERS[letters[ROLES.index(login)]]
            if outcome != want:
                wrong.append(f"{name} [{side}]: {outcome}, expected {want}")
    assert wrong == [], "\n".join(wrong)


def _call(write, actor, side: Side, x) -> str:
    try:
        write(actor, side, x)
    except PermissionDenied:
        return "deny"
    except NotFound:
        return "hidden"
    except DomainError as exc:
        return f"refused: {exc}"
    return "ok"
