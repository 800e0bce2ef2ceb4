"""What the office database refused, in Chinese: SQLSTATE (and the trigger's detail) → a message.

The database decides (``wenshu.pg.schema``); this module only words its answer. Codes ``WS…`` are
raised by the project's triggers; ``42501`` is PostgreSQL's own "no privilege" (a GRANT that is not
there, or a row-level security policy); ``08…`` and a broken connection mean the server is unreachable.
"""

from __future__ import annotations

import sqlite3

ROLE_TITLES = {"承办人": "承办人", "法制审核": "法制审核人员", "负责人": "负责人", "管理员": "管理员",
               "超级用户": "数据库管理员", "": "未分配角色的账号"}
KIND_TITLES = {"legal_review_opinion": "重大行政执法决定法制审核意见书",
               "legal_review_approval": "重大行政执法决定法制审核审批表",
               "collective_discussion": "集体讨论记录"}
#: what a table holds, for "无权…" messages
TABLE_ACTIONS = {
    "reviews": "填写或修改审核、审批结论",
    "document_versions": "修改或删除已保存的文书版本",
    "printed_versions": "修改或删除文书的生成记录",
    "audit_log": "修改或删除操作日志",
    "officers": "修改执法人员名册",
    "app_users": "管理用户",
    "documents": "填写这份文书",
    "cases": "修改这个案件",
    "numbers": "取号或修改文号登记簿",
    "number_counters": "取号",
    "kind_roles": "修改文书的填写权限",
    "parties": "修改企业库（由承办人或管理员维护）",
    "party_log": "修改企业库（由承办人或管理员维护）",
    "draw_log": "进行双随机抽取（由承办人进行）",
    "draw_conflicts": "记录回避关系（由承办人记录）",
    "meta": "修改单位设置（由管理员维护）",
    "agency_profile": "修改机关配置（由管理员统一设置）",
}


class OfficeError(Exception):
    """The office database refused or could not be reached; ``str()`` is Chinese. ``sqlstate`` is the
    server's code ('' when there was no answer), ``offline`` is True when the server cannot be reached."""

    def __init__(self, message: str, sqlstate: str = "", offline: bool = False):
        super().__init__(message)
        self.sqlstate = sqlstate
        self.offline = offline


class PgError(sqlite3.OperationalError):
    """An office-database error raised inside the store code shared with SQLite (which catches
    ``sqlite3.Error``); ``store_message`` is the Chinese text ``wenshu.store`` passes on as it is."""

    def __init__(self, office: OfficeError):
        super().__init__(str(office))
        self.store_message = str(office)
        self.office = office


class PgIntegrityError(sqlite3.IntegrityError):
    """A uniqueness or reference violation, where the shared code expects SQLite's IntegrityError."""

    def __init__(self, office: OfficeError):
        super().__init__(str(office))
        self.store_message = str(office)
        self.office = office


def _role(text: str) -> str:
    return ROLE_TITLES.get(text, text or "未分配角色的账号")


def message(exc: BaseException, login: str = "") -> OfficeError:
    """The Chinese wording of a psycopg error (any other exception is worded generically)."""
    import psycopg

    who = f"（{login}）" if login else ""
    if isinstance(exc, ConnectionError) or (isinstance(exc, psycopg.OperationalError)
                                            and not getattr(exc, "sqlstate", None)) or \
            isinstance(exc, psycopg.InterfaceError):
        text = str(exc).lower()
        if "password" in text and ("authentication" in text or "failed" in text):
            return OfficeError(f"无法登录单位数据库{who}：用户名或密码不正确。请核对后重试，或请管理员重设密码。",
                               "28P01")
        if "does not exist" in text and "database" in text:
            return OfficeError("单位数据库服务器上没有这个数据库。请在“设置 → 数据库”中核对数据库名称，"
                               "或请管理员先运行 wenshu db init。", "3D000")
        if "role" in text and "does not exist" in text:
            return OfficeError(f"单位数据库中没有这个账号{who}。请管理员用 wenshu db user add 添加。", "28000")
        return OfficeError("无法连接单位数据库服务器（网络中断或服务器未运行）。输入的内容暂存在本机，"
                           "服务器恢复后自动写回；离线时不能取号、生成正式文书。", "08006", offline=True)
    state = getattr(exc, "sqlstate", None) or ""
    diag = getattr(exc, "diag", None)
    detail = (getattr(diag, "message_detail", None) or "") if diag is not None else ""
    table = (getattr(diag, "table_name", None) or "") if diag is not None else ""
    primary = (getattr(diag, "message_primary", None) or str(exc)) if diag is not None else str(exc)
    if state.startswith("08") or state in {"57P01", "57P02", "57P03"}:
        return OfficeError("与单位数据库服务器的连接中断。输入的内容暂存在本机，服务器恢复后自动写回；"
                           "离线时不能取号、生成正式文书。", state, offline=True)
    refused = "数据库拒绝了此操作："
    if state == "WS101":
        needed, _, kind = detail.partition("|")
        return OfficeError(f"{refused}《{KIND_TITLES.get(kind, kind)}》只能由{_role(needed)}填写，"
                           f"您的账号{who}无权填写或修改。", state)
    if state == "WS102":
        role, _, _kind = detail.partition("|")
        return OfficeError(f"{refused}{_role(role)}只能填写本角色的文书（法制审核意见书、审批意见等），"
                           f"案件的其他文书由承办人起草。", state)
    if state == "WS103":
        return OfficeError(f"{refused}这个案件由 {detail or '其他承办人'} 承办，只有承办人本人可以起草、生成或作废"
                           "其中的文书。", state)
    if state == "WS104":
        role = detail.partition("|")[0]
        return OfficeError(f"{refused}审核、审批结论只能由法制审核人员或负责人本人记录，{_role(role)}{who}无权记录。",
                           state)
    if state == "WS105":
        return OfficeError(f"{refused}这项审核（审批）已有结论，结论一经记录不能更改；如需重新审核，请重新提交。", state)
    if state == "WS106" or (state == "42501" and "ws_add_user" in primary):
        return OfficeError(f"{refused}只有管理员可以添加用户、分配角色。", state)
    if state == "WS107":
        return OfficeError(f"角色“{detail}”不存在，应为：承办人、法制审核、负责人、管理员。", state)
    if state in {"WS201", "WS202"}:
        what = "保存版本" if state == "WS201" else "生成记录"
        return OfficeError(f"{refused}文书的{what}只能增加，不能修改或删除（纠错须另存新版本并写明更正原因）。", state)
    if state == "WS203":
        return OfficeError(f"{refused}已生成（印制）的文书版本不能直接修改；如需更正，请修改后另存新版本并写明更正原因。", state)
    if state in {"WS204", "WS205"}:  # schema 2 (issue 15)
        what = "企业库的变更记录" if state == "WS204" else "双随机抽查记录"
        return OfficeError(f"{refused}{what}只能增加，任何账号都不能修改或删除。", state)
    if state == "WS301":
        return OfficeError(f"{refused}操作日志只能增加，任何账号都不能修改或删除。", state)
    if state == "WS401":
        return OfficeError("这份文书已被他人保存了更新的版本，您的修改没有覆盖它。请重新打开文书后再修改。", state)
    if state == "WS402":
        return OfficeError(f"这份文书正由{detail or '他人'}编辑，您的修改没有保存（以只读方式打开，待其关闭后再修改）。", state)
    if state == "42501":
        action = TABLE_ACTIONS.get(table) or next((v for k, v in TABLE_ACTIONS.items() if f" {k}" in primary), "")
        return OfficeError(f"{refused}您的账号{who}无权{action or '进行这项操作'}（按本单位的角色分工）。", state)
    if state == "23505":
        return OfficeError(f"数据库中已有相同的记录，本次未作改动（{primary}）。", state)
    if state == "40001" or state == "40P01":
        return OfficeError("数据库繁忙（与他人的操作冲突），本次未作改动，请重试。", state)
    if state == "53100":
        return OfficeError("单位数据库服务器磁盘已满，本次未作改动。请通知管理员。", state)
    return OfficeError(f"单位数据库操作失败，本次未作改动：{primary}", state)
