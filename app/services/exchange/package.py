"""The package file (.ipx): a zip of a signed manifest and a payload encrypted for its one receiver.

manifest.json names sender, receiver, the sender's sequence range, the acknowledgement, schema and program
versions, the record counts and the SHA-256 of every other member; manifest.sig is the sender's Ed25519
signature over manifest.json's bytes. payload.bin is the records as compressed JSON, encrypted with AES-256-GCM
under a key agreed by X25519 between a one-off key (its public half in the manifest) and the receiver's key,
so only the receiver can read the names and phone numbers inside. files.bin, when present, is the attachments'
files the receiver lacks, concatenated and encrypted under the same key (hashes and sizes in the manifest).
`read` checks all of it before anything is decrypted and refuses the package whole, with the reason, at the
first fault.
"""

from __future__ import annotations

import hashlib
import io
import json
import os
import uuid
import zipfile
import zlib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from cryptography.exceptions import InvalidSignature, InvalidTag
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

from app import __version__
from app.models import ExchangePeer
from app.models.base import now
from app.models.migrations import LATEST_VERSION
from app.services.exchange import keys
from app.services.exchange.errors import Refused

FORMAT = "ipx-1"
MANIFEST, SIGNATURE, PAYLOAD, FILES = "manifest.json", "manifest.sig", "payload.bin", "files.bin"
MAX_FILE = 512 * 1024 * 1024
MAX_PAYLOAD = 2 * 1024 * 1024 * 1024  # decompressed


@dataclass(frozen=True)
class Opened:
    manifest: dict
    peer: ExchangePeer
    records: list[dict]
    files: dict[str, bytes]  # sha256 → bytes of the attachments' files it brings


def _key(shared: bytes, sender: str, receiver: str) -> bytes:
    info = f"{FORMAT}|{sender}|{receiver}".encode()
    return HKDF(algorithm=hashes.SHA256(), length=32, salt=None, info=info).derive(shared)


def write(
    target: Path | str, own: keys.Identity, peer: ExchangePeer, header: dict, records: list[dict],
    files: dict[str, bytes] | None = None,
) -> dict:
    """Write a package for `peer`; `header` adds seq_from, seq_to and ack to the manifest; `files` are the
    attachments' bytes by SHA-256 (files.bin, their concatenation, encrypted too). Returns the manifest."""
    plain = zlib.compress(json.dumps(records, ensure_ascii=False, separators=(",", ":")).encode("utf-8"), 6)
    one_off = X25519PrivateKey.generate()
    nonce = os.urandom(12)
    key = _key(one_off.exchange(keys.encryption_key(peer.box_key)), own.exchange_id, peer.exchange_id)
    sealed = AESGCM(key).encrypt(nonce, plain, f"{own.exchange_id}|{peer.exchange_id}".encode())
    counts: dict[str, int] = {}
    for record in records:
        counts[record["entity"]] = counts.get(record["entity"], 0) + 1
    files = files or {}
    members = {PAYLOAD: sealed}
    if files:
        files_nonce = os.urandom(12)
        members[FILES] = AESGCM(key).encrypt(files_nonce, b"".join(files.values()), f"{own.exchange_id}|files".encode())
    manifest = {
        "format": FORMAT, "package_id": str(uuid.uuid4()), "created_at": now().isoformat(),
        "sender": {"exchange_id": own.exchange_id, "scope": own.scope, "body": own.body},
        "receiver": peer.exchange_id, **header, "schema": LATEST_VERSION, "app_version": __version__,
        "counts": counts, "members": {name: hashlib.sha256(data).hexdigest() for name, data in members.items()},
        "encryption": {"scheme": "X25519-HKDF-SHA256-AES256GCM", "one_off_key": keys.b64(keys.raw_public(one_off.public_key())),
                       "nonce": keys.b64(nonce)},
    }  # fmt: skip
    if files:
        manifest["files"] = [[digest, len(data)] for digest, data in files.items()]
        manifest["encryption"]["files_nonce"] = keys.b64(files_nonce)
    text = json.dumps(manifest, ensure_ascii=False, sort_keys=True, indent=1).encode("utf-8")
    signature = keys.signing_key().sign(text)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr(MANIFEST, text, zipfile.ZIP_STORED)  # stored: every byte of every member is signed
        archive.writestr(SIGNATURE, keys.b64(signature), zipfile.ZIP_STORED)
        for name, data in members.items():
            archive.writestr(name, data, zipfile.ZIP_STORED)
    path = Path(target)
    partial = path.with_name(path.name + ".part")
    partial.write_bytes(buffer.getvalue())
    os.replace(partial, path)  # a package is whole or absent, never half written onto a USB stick
    return manifest


def _members(path: Path) -> dict[str, bytes]:
    try:
        if path.stat().st_size > MAX_FILE:
            raise Refused(f"{path.name} 过大，不是交换包")
        with zipfile.ZipFile(path) as archive:
            infos = archive.infolist()
            names = sorted(i.filename for i in infos)
            if names not in (sorted((MANIFEST, SIGNATURE, PAYLOAD)), sorted((MANIFEST, SIGNATURE, PAYLOAD, FILES))):
                raise Refused(f"{path.name} 的内容不是交换包应有的三个文件（{'、'.join(names) or '空'}）")
            if any(i.file_size > MAX_FILE or i.flag_bits & 0x1 or i.compress_type != zipfile.ZIP_STORED for i in infos):
                raise Refused(f"{path.name} 中的文件过大、加了密码或经过压缩，不是本程序写的交换包")
            return {name: archive.read(name) for name in names}
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, EOFError, RuntimeError, NotImplementedError,
            ValueError, KeyError) as exc:  # fmt: skip
        raise Refused(f"{path.name} 已损坏或不完整，无法读取：{exc}") from exc


def read(source: Path | str, own: keys.Identity, find_peer: Callable[[str], ExchangePeer | None]) -> Opened:
    """Verify and decrypt a package; raises Refused naming the first fault."""
    path = Path(source)
    members = _members(path)
    try:
        manifest = json.loads(members[MANIFEST].decode("utf-8"))
        sender = manifest["sender"]["exchange_id"]
    except (ValueError, KeyError, TypeError) as exc:
        raise Refused(f"{path.name} 的清单无法读取") from exc
    if manifest.get("format") != FORMAT:
        raise Refused(f"{path.name} 的格式“{manifest.get('format')}”不是本程序能读的交换包格式")
    peer = find_peer(sender)
    if peer is None:
        raise Refused(f"发送方“{manifest['sender'].get('body', sender)}”未与本机配对，拒收")
    if peer.revoked:
        raise Refused(f"与“{peer.body}”的配对已撤销，拒收")
    try:
        keys.verify_key(peer.sign_key).verify(keys.unb64(members[SIGNATURE].decode("ascii")), members[MANIFEST])
    except (InvalidSignature, ValueError) as exc:
        raise Refused(f"{path.name} 的签名不符：文件被改动过，或不是“{peer.body}”签发的；拒收") from exc
    if manifest.get("receiver") != own.exchange_id:
        raise Refused(f"{path.name} 是发给另一台安装（{manifest.get('receiver')}）的，不是本机；拒收")
    if int(manifest.get("schema", 0)) > LATEST_VERSION:
        raise Refused(
            f"{path.name} 由更新版本的程序生成（数据结构版本 {manifest['schema']}，本机 {LATEST_VERSION}），请先升级程序"
        )
    if set(manifest.get("members", {})) != set(members) - {MANIFEST, SIGNATURE}:
        raise Refused(f"{path.name} 的成员与清单不符；拒收")
    for name, digest in manifest["members"].items():
        if hashlib.sha256(members.get(name, b"")).hexdigest() != digest:
            raise Refused(f"{path.name} 中的 {name} 与清单记录的校验值不符：文件被改动或不完整；拒收")
    records = _decrypt(path, manifest, members[PAYLOAD], own, sender)
    return Opened(manifest, peer, records, _files(path, manifest, members.get(FILES), own, sender))


def _files(path: Path, manifest: dict, sealed: bytes | None, own: keys.Identity, sender: str) -> dict[str, bytes]:
    if sealed is None:
        return {}
    try:
        one_off = keys.encryption_key(manifest["encryption"]["one_off_key"])
        key = _key(keys.box_key().exchange(one_off), sender, own.exchange_id)
        plain = AESGCM(key).decrypt(keys.unb64(manifest["encryption"]["files_nonce"]), sealed, f"{sender}|files".encode())
        out, offset = {}, 0
        for digest, size in manifest["files"]:
            out[str(digest)] = plain[offset : offset + int(size)]
            offset += int(size)
    except (InvalidTag, ValueError, KeyError, TypeError) as exc:
        raise Refused(f"{path.name} 的附件无法解密：不是为本机加密的，或内容被改动；拒收") from exc
    if offset != len(plain):
        raise Refused(f"{path.name} 的附件长度与清单不符；拒收")
    return out


def _decrypt(path: Path, manifest: dict, sealed: bytes, own: keys.Identity, sender: str) -> list[dict]:
    try:
        one_off = keys.encryption_key(manifest["encryption"]["one_off_key"])
        key = _key(keys.box_key().exchange(one_off), sender, own.exchange_id)
        plain = AESGCM(key).decrypt(keys.unb64(manifest["encryption"]["nonce"]), sealed, f"{sender}|{own.exchange_id}".encode())
        inflater = zlib.decompressobj()
        text = inflater.decompress(plain, MAX_PAYLOAD)
        if inflater.unconsumed_tail:
            raise Refused(f"{path.name} 的内容解压后过大")
        records = json.loads(text.decode("utf-8"))
    except (InvalidTag, ValueError, KeyError, TypeError, zlib.error) as exc:
        raise Refused(f"{path.name} 无法解密：不是为本机加密的，或内容被改动；拒收") from exc
    counts: dict[str, int] = {}
    for record in records:
        counts[record["entity"]] = counts.get(record["entity"], 0) + 1
    if counts != manifest.get("counts"):
        raise Refused(f"{path.name} 的记录数与清单不符；拒收")
    return records
