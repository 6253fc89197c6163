"""`exchange identity|pair|send|receive|conflicts|resolve|revoke|status`: offline exchange with paired installations.

Exit codes: 0 done (a package applied cleanly, or one already imported), 1 applied with conflicts to review
(or another error), 2 refused (a package or pairing file that changed nothing).
"""

from __future__ import annotations

import sys
from dataclasses import asdict
from functools import wraps
from pathlib import Path

from app.commands.output import print_json
from app.services.exchange import conflicts, keys, pairing, receive, send, status
from app.services.exchange.errors import Refused

REFUSED = 2


def register(sub) -> None:
    group = sub.add_parser("exchange", help="数据交换（市局与旗区局之间的离线交换包）").add_subparsers(
        dest="action", required=True
    )
    ident = group.add_parser("identity", help="本机标识、公钥指纹")
    ident.add_argument("--json", action="store_true")
    ident.set_defaults(handler=cmd_identity)
    pair = group.add_parser("pair", help="配对：导出本机配对文件 / 导入对方配对文件").add_subparsers(
        dest="pair_action", required=True
    )
    out = pair.add_parser("export", help="写出本机配对文件，交给对方")
    out.add_argument("out", type=Path)
    out.set_defaults(handler=cmd_pair_export)
    into = pair.add_parser("import", help="导入对方配对文件（须核对指纹）")
    into.add_argument("source", type=Path)
    into.add_argument("--fingerprint", required=True, help="对方管理员读出的指纹（8 组 5 位数字）")
    into.set_defaults(handler=cmd_pair_import)
    sending = group.add_parser("send", help="生成发给某个交换对象的交换包")
    sending.add_argument("peer", help="交换对象：city、旗区代码或单位名称")
    sending.add_argument("out", type=Path, help="交换包文件（.ipx）")
    sending.add_argument("--full", action="store_true", help="完整包：对方可持有的全部记录（新安装首次装入）")
    sending.set_defaults(handler=cmd_send)
    receiving = group.add_parser("receive", help="导入收到的交换包")
    receiving.add_argument("source", type=Path)
    receiving.add_argument("--dry-run", action="store_true", help="只预览，不写入")
    receiving.add_argument("--json", action="store_true")
    receiving.set_defaults(handler=cmd_receive)
    listing = group.add_parser("conflicts", help="列出待处理的交换冲突")
    listing.add_argument("--all", action="store_true", help="包括已处理的")
    listing.add_argument("--json", action="store_true")
    listing.set_defaults(handler=cmd_conflicts)
    resolving = group.add_parser("resolve", help="处理一条冲突：mine 保留本机 / theirs 采用对方 / --value 新值")
    resolving.add_argument("id", type=int)
    resolving.add_argument("choice", nargs="?", choices=tuple(conflicts.CHOICES))
    resolving.add_argument("--value", help="改为这个新值（照录入的原样保存）")
    resolving.set_defaults(handler=cmd_resolve)
    revoking = group.add_parser("revoke", help="撤销与某个交换对象的配对（此后拒收其交换包）")
    revoking.add_argument("peer", help="交换对象：city、旗区代码或单位名称")
    revoking.set_defaults(handler=cmd_revoke)
    state = group.add_parser("status", help="各交换对象的收发情况与待处理冲突")
    state.add_argument("--json", action="store_true")
    state.set_defaults(handler=cmd_status)


def _refusals(handler):
    """A refusal is exit code 2 with its reason, distinct from other errors (1)."""

    @wraps(handler)
    def run(args, actor) -> int:
        try:
            return handler(args, actor)
        except Refused as exc:
            print(f"拒绝：{exc}", file=sys.stderr)
            return REFUSED

    return run


@_refusals
def cmd_identity(args, actor) -> int:
    own = keys.show(actor)
    if args.json:
        print_json({**asdict(own), "fingerprint": own.fingerprint})
        return 0
    print(f"本机：{own.body}（{own.scope}）")
    print(f"交换标识：{own.exchange_id}")
    print(f"指纹：{own.fingerprint}")
    return 0


@_refusals
def cmd_pair_export(args, actor) -> int:
    own = pairing.export_file(actor, args.out)
    print(f"已写出配对文件 {args.out}。请把它交给对方，并把本机指纹读给对方管理员核对：")
    print(f"  {own.fingerprint}")
    return 0


@_refusals
def cmd_pair_import(args, actor) -> int:
    peer = pairing.import_file(actor, args.source, args.fingerprint)
    print(f"已与“{peer.body}”（{peer.scope}）配对")
    return 0


@_refusals
def cmd_send(args, actor) -> int:
    result = send.send(actor, args.peer, args.out, full=args.full)
    counts = "、".join(f"{k} {n} 条" for k, n in result.counts.items()) or "无新的修改，仅回执"
    print(f"已生成发给“{result.peer}”的交换包 {result.path}：{counts}（本机变更序号 {result.seq_from}–{result.seq_to}）")
    return 0


@_refusals
def cmd_receive(args, actor) -> int:
    result = receive.receive(actor, args.source, dry_run=args.dry_run)
    if args.json:
        print_json(asdict(result))
    elif result.duplicate:
        print(f"来自“{result.sender}”的这个交换包已导入过（或已被更新的包取代），未作任何改动")
    else:
        verb = "预览（未写入）" if result.dry_run else "已导入"
        print(f"{verb}来自“{result.sender}”的交换包：新增 {result.created}，更新 {result.updated}，"
              f"删除 {result.deleted}，未变 {result.unchanged}，冲突 {len(result.conflicts)}")  # fmt: skip
        for line in result.conflicts:
            print(f"  冲突：{line}")
    return 1 if result.conflicts else 0


@_refusals
def cmd_conflicts(args, actor) -> int:
    rows = conflicts.listing(actor, open_only=not args.all)
    if args.json:
        print_json([asdict(r) for r in rows])
        return 0
    if not rows:
        print("没有待处理的交换冲突")
    for r in rows:
        print(f"[{r.id}] {r.record} · {r.field_label}：本机“{r.local_value}” / {r.remote_by}“{r.remote_value}”"
              f"（{conflicts.STATUS_LABELS.get(r.status, r.status)}）")  # fmt: skip
    return 0


@_refusals
def cmd_resolve(args, actor) -> int:
    if (args.choice is None) == (args.value is None):
        print("请给出 mine、theirs 或 --value 新值，三者选一", file=sys.stderr)
        return 1
    if args.value is not None:
        conflicts.resolve(actor, args.id, conflicts.VALUE, args.value)
        print(f"冲突 {args.id} 已处理：改为“{args.value}”")
        return 0
    conflicts.resolve(actor, args.id, args.choice)
    print(f"冲突 {args.id} 已处理：{conflicts.CHOICES[args.choice]}")
    return 0


@_refusals
def cmd_revoke(args, actor) -> int:
    peer = pairing.revoke(actor, args.peer)
    print(f"已撤销与“{peer.body}”（{peer.scope}）的配对：此后拒收其交换包，也不再向其发送；恢复须重新配对并核对指纹")
    return 0


@_refusals
def cmd_status(args, actor) -> int:
    found = status.status(actor)
    if args.json:
        print_json({"identity": {**asdict(found.identity), "fingerprint": found.identity.fingerprint},
                    "head": found.head, "open_conflicts": found.open_conflicts,
                    "peers": [asdict(p) for p in found.peers]})  # fmt: skip
        return 0
    print(f"本机：{found.identity.body}；本机变更序号 {found.head}；待处理冲突 {found.open_conflicts} 条")
    for p in found.peers:
        print(f"  {p.body}（{p.scope}）：上次发送 {p.last_sent_at or '从未'}，上次接收 {p.last_received_at or '从未'}，"
              f"待发送的记录 {p.pending_changes} 条" + ("（已撤销）" if p.revoked else ""))  # fmt: skip
    return 0
