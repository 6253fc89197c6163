"""The command line: the same services as the window, for scripts and for the bureau's batch work.

Exit status 0 on success, 1 on a domain error (Chinese message on stderr), 2 on bad usage.
"""

from __future__ import annotations

import argparse
import getpass
import os
import sys
from pathlib import Path

from app import __version__
from app.commands import applications as application_commands
from app.commands import audit as audit_commands
from app.commands import cases as case_commands
from app.commands import enterprise_excel as excel_commands
from app.commands import enterprises as enterprise_commands
from app.commands import liaison as liaison_commands
from app.commands import listing as listing_commands
from app.commands import printing as printing_commands
from app.commands import questionnaires as questionnaire_commands
from app.models.migrations import SchemaError
from app.paths import default_database_path
from app.services.accounts import users as accounts
from app.services.core.errors import DomainError
from app.services.core.permissions import is_admin
from app.services.system import audit_chain, backup
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
    parser.add_argument("--db", type=Path, help=f"数据库文件（默认 {default_database_path()}）")
    parser.add_argument("--demo", action="store_true", help="新数据库时填入演示数据")
    parser.add_argument("--user", default="admin", help="登录名（默认 admin）")
    sub = parser.add_subparsers(dest="command", parser_class=_Parser)

    init = sub.add_parser("init", help="初始化新数据库")
    init.add_argument("--demo", action="store_true", dest="init_demo")
    init.add_argument(
        "--activity", action="store_true", help="演示数据中再加入一轮申报审核、走访、活动与案件"
    )
    init.add_argument("--admin-password-env", default=PASSWORD_ENV)

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
    ):
        group.register(sub)
    sub.add_parser("backup").add_argument("target", type=Path)
    sub.add_parser("restore").add_argument("source", type=Path)
    return parser


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
        raise DomainError(f"请在环境变量 {args.admin_password_env} 中提供管理员 admin 的初始密码")
    result = setup.initialise(args.db, password, demo=args.init_demo or args.demo, activity=args.activity)
    print(f"已初始化数据库：{args.db}")
    _print_demo_accounts(result.demo_accounts)
    return 0


def _print_demo_accounts(demo_accounts: dict[str, str]) -> None:
    if demo_accounts:
        print("演示账号（登录名 / 密码）：")
        for login, password in demo_accounts.items():
            print(f"  {login} / {password}")


def dispatch(args) -> int:
    if args.command == "init":
        return cmd_init(args)
    report = setup.open_register(args.db)
    if report.backup_path:
        print(f"数据库已升级，升级前的副本：{report.backup_path}", file=sys.stderr)
    if not setup.is_initialised():
        raise DomainError(f"数据库 {args.db} 尚未初始化，请先运行 init")
    actor = accounts.login(args.user, _password_for(args.user))
    _warn_about_the_trail(actor)
    if hasattr(args, "handler"):
        return args.handler(args, actor)
    if args.command == "backup":
        print(f"已备份到 {backup.backup(actor, args.target)}")
        return 0
    if args.command == "restore":
        kept = backup.restore(actor, args.source)
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
    except (DomainError, SchemaError) as exc:
        print(f"错误：{exc}", file=sys.stderr)
        return 1
    finally:
        setup.release_connection()
