"""Fingerprints of printed documents (DOMAIN.md §11): a paper copy is matched to its record, and an
altered file or record is found.

The fingerprint printed on a document (``文书指纹 XXXX-XXXX-XXXX-XXXX``) is an HMAC-SHA-256 over the
document's id, version, number, kind and exact answers, with the installation's key (or the office's:
``WENSHU_KEY_FILE``). The key lives in its own file in the data folder — never in the case store and never
in an exported case — so a fingerprint cannot be made for a forged version without it. 64 bits of the MAC
are printed: enough to find a paper copy's record and to make a typed-in forgery hopeless.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import os
import re
import secrets
from pathlib import Path
from typing import Any

from templates import oserror

KEY_FILE_NAME = "fingerprint.key"
#: ``文书指纹 1A2B-3C4D-5E6F-7081`` as printed; also accepted without dashes when typed in.
PRINTED = re.compile(r"文书指纹\s*([0-9A-F]{4}(?:-[0-9A-F]{4}){3})")
_TYPED = re.compile(r"^[0-9A-F]{16}$")


class FingerprintKeyError(Exception):
    """The key file cannot be read or made; ``str()`` is Chinese."""


def key_path() -> Path:
    from wenshu.paths import data_dir

    override = os.environ.get("WENSHU_KEY_FILE")
    return Path(override) if override else data_dir() / "keys" / KEY_FILE_NAME


def load_key(create: bool = True) -> bytes | None:
    """The installation's key; made once (32 random bytes) when ``create`` and there is none."""
    path = key_path()
    try:
        text = path.read_text(encoding="ascii").strip()
    except FileNotFoundError:
        if not create:
            return None
        return _make_key(path)
    except (OSError, UnicodeDecodeError) as exc:
        raise FingerprintKeyError(f"指纹密钥文件“{path}”无法读取：{oserror.reason(exc)}。") from None
    try:
        key = bytes.fromhex(text)
    except ValueError:
        raise FingerprintKeyError(f"指纹密钥文件“{path}”已损坏（不是密钥）。为防止伪造，未生成文书；请联系管理员恢复密钥。") from None
    if len(key) < 16:
        raise FingerprintKeyError(f"指纹密钥文件“{path}”已损坏（密钥过短）。请联系管理员恢复密钥。")
    return key


def _make_key(path: Path) -> bytes:
    key = secrets.token_bytes(32)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(".tmp")
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "w", encoding="ascii") as fh:
            fh.write(key.hex())
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except OSError as exc:
        raise FingerprintKeyError(f"无法建立指纹密钥文件“{path}”：{oserror.reason(exc)}。") from None
    return key


def fingerprint(key: bytes, *, document_id: str, version: int, number: str | None, kind: str,
                answers: dict) -> str:
    """``XXXX-XXXX-XXXX-XXXX``: the keyed fingerprint of one printed version."""
    canon = json.dumps({"document_id": document_id, "version": version, "number": number or "", "kind": kind,
                        "answers": answers}, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    mac = hmac.new(key, canon.encode("utf-8"), hashlib.sha256).hexdigest()[:16].upper()
    return "-".join(mac[i:i + 4] for i in range(0, 16, 4))


def normalize(text: Any) -> str | None:
    """A fingerprint as typed (spaces, dashes, lower case) in its printed form, or None."""
    if not isinstance(text, str):
        return None
    plain = re.sub(r"[\s\-—－]", "", text).upper()
    if not _TYPED.match(plain):
        return None
    return "-".join(plain[i:i + 4] for i in range(0, 16, 4))


def printed_text(mark: str) -> str:
    return f"文书指纹 {mark}"


def file_sha256(path: str | Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as fh:
        for block in iter(lambda: fh.read(1 << 16), b""):
            digest.update(block)
    return digest.hexdigest()
