"""`user add|list|edit|disable|enable|reset-password` and `passwd`: accounts from the command line.

A generated password is printed once, when it is made, and never again; a new password of one's own comes from
the environment variable IPREG_NEW_PASSWORD or a prompt, never from the command line (it would stay in the
shell's history).
"""

from __future__ import annotations

import os

from app.commands import prompts
from app.commands.output import print_json
from app.services.accounts import users as accounts
from app.services.core import reference
from app.services.core.errors import ValidationError
from app.services.core.permissions import ROLE_LABELS, Role

NEW_PASSWORD_ENV = "IPREG_NEW_PASSWORD"
_ROLES = [r.value for r in Role]


def register(sub) -> None:
    user = sub.add_parser("user", help="账号管理（本机管理员）").add_subparsers(dest="action", required=True)
    add = user.add_parser("add", help="新建账号，打印一次性初始密码")
    add.add_argument("login")
    add.add_argument("--role", required=True, choices=_ROLES)
    add.add_argument("--district", help="旗区代码或名称（市局的安装上旗区账号必填；旗区局的安装上默认本旗区）")
    add.add_argument("--name", required=True, help="姓名")
    add.add_argument("--phone", default="")
    add.set_defaults(handler=cmd_add)
    lst = user.add_parser("list", help="列出账号")
    lst.add_argument("--json", action="store_true")
    lst.set_defaults(handler=cmd_list)
    edit = user.add_parser("edit", help="修改姓名、角色、旗区或电话")
    edit.add_argument("login")
    edit.add_argument("--name")
    edit.add_argument("--role", choices=_ROLES)
    edit.add_argument("--district", help="旗区代码或名称；空字符串表示市局账号")
    edit.add_argument("--phone")
    edit.set_defaults(handler=cmd_edit)
    for action, help_text in (
        ("disable", "停用账号（保留其历史记录）"),
        ("enable", "重新启用账号并解除锁定"),
    ):
        p = user.add_parser(action, help=help_text)
        p.add_argument("login")
        p.set_defaults(handler=cmd_set_active, active=action == "enable")
    reset = user.add_parser("reset-password", help="重置密码，打印一次性密码，下次登录须修改")
    reset.add_argument("login")
    reset.set_defaults(handler=cmd_reset)
    sub.add_parser(
        "passwd", help=f"修改自己的密码（新密码取自环境变量 {NEW_PASSWORD_ENV} 或提示输入）"
    ).set_defaults(handler=cmd_passwd)


def _district(text: str | None):
    if not text:
        return None
    district = reference.match_district(text)
    if district is None:
        raise ValidationError({"district": f"没有旗区“{text}”"}, {"district": "所属旗区"})
    return district


def cmd_add(args, actor) -> int:
    user, password = accounts.add_user(
        actor, args.login, args.name, args.role, _district(args.district), args.phone
    )
    print(f"已新建账号 {user.login}（{ROLE_LABELS[Role(user.role)]}）")
    print(f"初始密码（只显示这一次，首次登录须修改）：{password}")
    return 0


def cmd_list(args, actor) -> int:
    rows = accounts.user_rows(actor)
    if args.json:
        print_json([r.as_json() for r in rows])
        return 0
    for r in rows:
        last = f"{r.last_login_at:%Y-%m-%d %H:%M}" if r.last_login_at else "从未登录"
        print(
            f"{r.login:<14} {r.display_name:<12} {r.role_label:<8} {r.district_name or '市局':<8} {r.state}  {last}"
        )
    print(f"共 {len(rows)} 个账号")
    return 0


def cmd_edit(args, actor) -> int:
    user = accounts.get_user(args.login)
    district = user.district if args.district is None else _district(args.district)
    accounts.edit_user(
        actor,
        user,
        display_name=user.display_name if args.name is None else args.name,
        role=args.role or user.role,
        district=district,
        phone=user.phone if args.phone is None else args.phone,
    )
    print(f"已修改账号 {user.login}")
    return 0


def cmd_set_active(args, actor) -> int:
    user = accounts.set_active(actor, accounts.get_user(args.login), args.active)
    print(f"已{'启用' if args.active else '停用'}账号 {user.login}")
    return 0


def cmd_reset(args, actor) -> int:
    password = accounts.reset_password(actor, accounts.get_user(args.login))
    print(f"已重置 {args.login} 的密码。一次性密码（只显示这一次，登录后须修改）：{password}")
    return 0


def cmd_passwd(args, actor) -> int:
    new = os.environ.get(NEW_PASSWORD_ENV)
    if new is None:
        new = prompts.ask_secret(
            "新密码", "新密码", twice=True, without_terminal=f"请通过环境变量 {NEW_PASSWORD_ENV} 提供新密码"
        )
    accounts.change_password(actor, actor, new, old_password=args.current_password)
    print(f"已修改 {actor.login} 的密码")
    return 0
