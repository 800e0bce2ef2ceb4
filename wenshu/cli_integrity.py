"""``wenshu verify FILE.docx`` and ``wenshu store verify`` (DOMAIN.md §10–11): exit 0 intact, 1 altered,
unknown or broken, 2 unusable input."""

from __future__ import annotations

import argparse

from wenshu.cli import EXIT_FINDINGS, EXIT_OK, CliError, emit
from wenshu.cli_case import open_service


def add_parsers(sub, parser_class) -> None:
    s = sub.add_parser("verify", help="核对一份 .docx 文书：是否本机生成、是否被改动")
    s.add_argument("file", help="要核对的 .docx 文件")
    s = sub.add_parser("store", help="案件库：核对全部版本与生成记录未被改动")
    s.add_argument("action", choices=["verify"], help="verify 核对")


def cmd_verify(args: argparse.Namespace) -> int:
    from wenshu.store import StoreError
    from wenshu.verify import VerifyError, verify_file

    service = open_service()
    try:
        result = verify_file(service, args.file)
    except (VerifyError, StoreError) as exc:
        raise CliError(str(exc)) from None
    finally:
        service.close()
    emit(result)
    return EXIT_OK if result["intact"] else EXIT_FINDINGS


def cmd_store(args: argparse.Namespace) -> int:
    from wenshu.store import StoreError
    from wenshu.verify import verify_store

    service = open_service()
    try:
        result = verify_store(service)
    except StoreError as exc:
        raise CliError(str(exc)) from None
    finally:
        service.close()
    emit(result)
    return EXIT_OK if result["ok"] else EXIT_FINDINGS
