"""The command line: the same services as the window, for scripts and for the bureau's batch work.

Exit status 0 on success, 1 on a domain error (Chinese message on stderr), 2 on bad usage. A failure that
is no domain error (a damaged file found mid-command, a full disk) is still told in one Chinese line; the
traceback is printed only with IPREG_DEBUG=1 set, for a developer.
"""

from __future__ import annotations

import argparse
import getpass
import os
import sys
import traceback
from pathlib import Path

from app import __version__
from app.commands import applications as application_commands
from app.commands import audit as audit_commands
from app.commands import cases as case_commands
from app.commands import enforcement as enforcement_commands
from app.commands import enterprise_excel as excel_commands
from app.commands import enterprises as enterprise_commands
from app.commands import exchange as exchange_commands
from app.commands import fairs as fair_commands
from app.commands import liaison as liaison_commands
from app.commands import listing as listing_commands
from app.commands import plans as plan_commands
from app.commands import printing as printing_commands
from app.commands import prompts
from app.commands import publicity as publicity_commands
from app.commands import questionnaires as questionnaire_commands
from app.commands import settings as settings_commands
from app.commands import statistics as statistics_commands
from app.commands import support as support_commands
from app.commands import users as user_commands
from app.models import postgres as pg
from app.models.migrations import SchemaError
from app.paths import default_database_path
from app.services.accounts import users as accounts
from app.services.core import installation, reference
from app.services.core.errors import DomainError
from app.services.core.permissions import is_admin
from app.services.system import audit_chain, backup, backup_crypto, file_checks
from app.services.system import database as setup

PASSWORD_ENV = "IPREG_PASSWORD"


class UsageError(Exception):
    pass


class _Parser(argparse.ArgumentParser):
    def error(self, message):
        raise UsageError(message)


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="python -m app", description="知识产权重点企业保护名录管理系统")
    parser.add_argument("--version", action="version", version=__version__)
    parser.add_argument(
        "--db", type=_db_location,
        help=f"数据库文件（默认 {default_database_path()}），或 PostgreSQL 数据库 postgresql://用户@主机:端口/库名",
    )  # fmt: skip
    parser.add_argument("--demo", action="store_true", help="新数据库时填入演示数据")
    parser.add_argument("--user", default="admin", help="登录名（默认 admin）")
    sub = parser.add_subparsers(dest="command", parser_class=_Parser)

    init = sub.add_parser("init", help="初始化新数据库")
    init.add_argument("--demo", action="store_true", dest="init_demo")
    init.add_argument(
        "--activity", action="store_true", help="演示数据中再加入一轮申报审核、走访、活动与案件"
    )
    init.add_argument("--admin-password-env", default=PASSWORD_ENV)
    init.add_argument("--scope", default="city", help="本机所属单位：city（市局，默认）或旗区代码/名称，如 150602、东胜区")
    init.add_argument("--body", help="发文机关名称（默认按所属单位生成，如“东胜区市场监督管理局”）")
    init.add_argument("--admin-name", default="系统管理员", help="管理员姓名")
    init.add_argument("--admin-login", default="admin", help="管理员登录名（默认 admin）")

    db_parser = sub.add_parser("db", help="数据库维护（在 SQLite 与 PostgreSQL 之间迁移）")
    db_sub = db_parser.add_subparsers(dest="db_command", parser_class=_Parser, required=True)
    db_copy = db_sub.add_parser(
        "copy", help="把整个数据库（含附件）复制到新的空数据库：SQLite 文件 → PostgreSQL，或反向"
    )
    db_copy.add_argument("source", type=_db_location, help="源：数据库文件或 postgresql://…")
    db_copy.add_argument("target", type=_db_location, help="目标：新的空数据库文件或空的 PostgreSQL 数据库")

    for group in (
        enterprise_commands,
        application_commands,
        printing_commands,
        excel_commands,
        listing_commands,
        liaison_commands,
        case_commands,
        questionnaire_commands,
        audit_commands,
        user_commands,
        statistics_commands,
        settings_commands,
        exchange_commands,
        plan_commands,
        support_commands,
        publicity_commands,
        enforcement_commands,
        fair_commands,
    ):
        group.register(sub)
    backup_parser = sub.add_parser("backup", help="备份数据库（仅本机管理员）")
    backup_parser.add_argument("target", type=Path)
    backup_parser.add_argument("--passphrase-env", metavar="VAR", help="从该环境变量读取备份口令，生成加密备份")
    backup_parser.add_argument(
        "--unencrypted", action="store_true", help="明确允许把未加密的备份写到数据文件夹以外"
    )
    restore_parser = sub.add_parser("restore", help="从备份恢复（仅本机管理员）")
    restore_parser.add_argument("source", type=Path)
    restore_parser.add_argument("--passphrase-env", metavar="VAR", help="加密备份的口令所在的环境变量")
    return parser


def _db_location(text: str) -> Path | str:
    """A file path, or a PostgreSQL URL kept as text (Path would fold its `//`)."""
    return pg.normalise_url(text) if pg.is_url(text) else Path(text)


def _shown(location: Path | str) -> str:
    return pg.shown_url(location) if pg.is_url(location) else str(location)


def _password_for(login: str) -> str:
    password = os.environ.get(PASSWORD_ENV)
    if password is None:
        if not sys.stdin.isatty():
            raise DomainError(f"请通过环境变量 {PASSWORD_ENV} 提供密码")
        password = getpass.getpass(f"{login} 的密码：")
    return password


def cmd_init(args) -> int:
    password = os.environ.get(args.admin_password_env)
    if not password:
        raise DomainError(f"请在环境变量 {args.admin_password_env} 中提供管理员 {args.admin_login} 的初始密码")
    setup.open_register(args.db, adopt_empty=True)  # the district names the scope may be given by live in the database
    result = setup.initialise(
        args.db, password, demo=args.init_demo or args.demo, activity=args.activity,
        scope=_scope_code(args.scope), body=args.body, admin_name=args.admin_name, admin_login=args.admin_login,
    )  # fmt: skip
    print(f"已初始化数据库：{_shown(args.db)}（本机所属单位：{installation.current().title}）")
    print(f"管理员 {result.admin.login}：{accounts.role_label(result.admin)}"
          + (f"（{result.admin.district.name}）" if result.admin.district_id else ""))  # fmt: skip
    _print_demo_accounts(result.demo_accounts)
    return 0


def _passphrase(variable: str | None) -> str | None:
    if variable is None:
        return None
    value = os.environ.get(variable)
    if not value:
        raise DomainError(f"环境变量 {variable} 中没有备份口令")
    return value


def _backup_passphrase(args) -> str | None:
    """From --passphrase-env, else asked twice at the terminal when the copy leaves the data folder (a plain
    copy there needs --unencrypted on purpose); None for a plain copy kept inside the data folder."""
    if args.passphrase_env is not None:
        return _passphrase(args.passphrase_env)
    if args.unencrypted or not backup.leaves_data_folder(args.target):
        return None
    return prompts.ask_secret(
        "备份口令", "备份口令", twice=True,
        without_terminal=f"备份文件 {args.target} 不在数据文件夹内，带出本机的备份必须加密：请用 --passphrase-env "
        "给出存放备份口令的环境变量，或在终端中运行本命令输入口令（确需不加密时加 --unencrypted）。未生成备份。",
    )  # fmt: skip


def _restore_passphrase(args) -> str | None:
    """From --passphrase-env, else asked once at the terminal for an encrypted backup; None for a plain one."""
    if args.passphrase_env is not None:
        return _passphrase(args.passphrase_env)
    if not backup_crypto.is_encrypted(args.source):
        return None
    return prompts.ask_secret(
        "备份口令", "备份口令", twice=False,
        without_terminal=f"{args.source} 是加密备份，恢复须提供备份时设置的口令：请用 --passphrase-env 给出存放口令的"
        "环境变量，或在终端中运行本命令输入口令。数据库未作任何改动。",
    )  # fmt: skip


def _scope_code(text: str) -> str:
    """`city`, a district code or a district's name as typed; the district's code."""
    if text.strip().lower() in (installation.CITY, "市局"):
        return installation.CITY
    district = reference.district_by_code(text.strip()) or reference.match_district(text)
    if district is None:
        known = "、".join(d.name for d in reference.districts())
        raise DomainError(f"--scope：未知的所属单位“{text}”；可用 city 或旗区代码/名称（{known}）")
    return district.code


def _print_demo_accounts(demo_accounts: dict[str, str]) -> None:
    if demo_accounts:
        print("演示账号（登录名 / 密码）：")
        for login, password in demo_accounts.items():
            print(f"  {login} / {password}")


def cmd_db_copy(args) -> int:
    from app.services.system import db_copy

    report = db_copy.copy_register(args.source, args.target)
    print(f"已复制：{_shown(args.source)} → {_shown(args.target)}")
    for table, count in report.counts.items():
        print(f"  {table}：{count} 行，内容一致（SHA-256 {report.hashes[table][:16]}…）")
    print(f"  附件文件：{report.files} 个，逐个核对 SHA-256 一致")
    return 0


def dispatch(args) -> int:
    if args.command == "init":
        return cmd_init(args)
    if args.command == "db":
        return cmd_db_copy(args)
    report = setup.open_register(args.db, create=False)
    if report.backup_path:
        print(f"数据库已升级，升级前的副本：{report.backup_path}", file=sys.stderr)
    if not setup.is_initialised():
        raise DomainError(f"数据库 {_shown(args.db)} 尚未初始化，请先运行 init")
    args.current_password = _password_for(args.user)
    actor = accounts.login(args.user, args.current_password)
    if actor.must_change_password and args.command != "passwd":
        raise DomainError(f"账号 {actor.login} 正在使用一次性密码，须先修改密码：请运行 passwd")
    _warn_about_the_trail(actor)
    if hasattr(args, "handler"):
        return args.handler(args, actor)
    if args.command == "backup":
        passphrase = _backup_passphrase(args)
        written = backup.backup(actor, args.target, passphrase, plain_outside=args.unencrypted)
        print(f"已备份到 {written}" + ("（已加密）" if passphrase else ""))
        return 0
    if args.command == "restore":
        kept = backup.restore(actor, args.source, _restore_passphrase(args))
        print(f"已从 {args.source} 恢复；原数据库另存为 {kept}")
        return 0
    raise UsageError(f"未知命令 {args.command}")


def _warn_about_the_trail(actor) -> None:
    """The city administrator hears at every command that the audit trail is not whole."""
    found = audit_chain.last_check()
    if found is not None and not found.ok and is_admin(actor):
        for message in found.messages():
            print(f"警告：{message}（详见 audit verify）", file=sys.stderr)


def main(argv: list[str] | None = None) -> int:
    try:
        args = build_parser().parse_args(argv)
    except UsageError as exc:
        print(f"用法错误：{exc}", file=sys.stderr)
        return 2
    args.db = args.db or default_database_path()
    if args.command is None:
        from app.ui.launch import run_gui

        return run_gui(args.db, demo=args.demo)
    try:
        return dispatch(args)
    except UsageError as exc:
        print(f"用法错误：{exc}", file=sys.stderr)
        return 2
    except prompts.NoTerminal as exc:
        print(f"错误：{exc}", file=sys.stderr)
        return 2
    except (DomainError, SchemaError) as exc:
        print(f"错误：{exc}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("已中断", file=sys.stderr)
        return 130
    except Exception as exc:  # noqa: BLE001 (the last line of defence: a sentence, not a traceback)
        if os.environ.get("IPREG_DEBUG"):
            traceback.print_exc()
        print(f"错误：{file_checks.describe(exc)}", file=sys.stderr)
        return 1
    finally:
        setup.release_connection()
