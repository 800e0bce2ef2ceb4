"""文书送达回执: one per case, a row per delivered document (2016 式样 文书送达回执 注1), the conditions of each
送达方式 per row (003 第二十七条; 行政处罚法 第六十一条; 民事诉讼法 第八十七至九十五条), and the day each
delivery counts from.

Per row:
- 直接 / 委托 / 转交: the day signed (民事诉讼法 第八十七条); a 代收人 states the relation to the party
  (第八十八条; 式样 注3); 委托 / 转交 record the reason (003 第二十七条(三)).
- 留置: the 见证人, the 拒收事由 and a video reference (003 第二十七条(二); 民事诉讼法 第八十九条) — errors.
- 邮寄: 挂号信 or 邮政特快专递 with its number (003 第二十七条(四)); delivered on the day the return receipt
  gives (回执上注明的收件日期, 民事诉讼法 第九十一条) — never the mailing day.
- 公告: the reason other methods failed (003 第二十七条(五)) and the day published; deemed delivered 30
  days later (民事诉讼法 第九十五条, applied by 行政处罚法 第六十一条第一款).
- 电子: only with the party's consent and 确认书 (行政处罚法 第六十一条第二款); delivered on the day it reached
  the party's system (民事诉讼法 第九十条第二款).

``receipt_rows`` lifts a receipt of the earlier one-delivery shape (``document_kind``, ``method`` … at the
top) into the row shape; it is the kind's ``x-wenshu.upgrade`` and loses nothing.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from validators.context import CheckContext
from validators.datetimes import parse_date, parse_datetime
from validators.findings import ERROR, WARNING, Finding, finding, pointer
from validators.registry import answers_upgrade, document_rule, is_blank
from validators.rulebook import DEEMED_DELIVERY_DAYS

METHODS = ("直接", "留置", "委托", "转交", "邮寄", "公告", "电子")
#: The fields of the one-delivery shape that now belong to a row.
ROW_FIELDS = ("document_kind", "place", "method", "delivered_at", "witness", "refusal_reason", "transfer_reason",
              "mail_no", "announcement_reason", "announcement_medium", "video")
#: The documents a row's 类别 names (the schema's ``document_kind`` titles; a test holds them together).
DOCUMENT_TITLES = {"penalty_notice": "行政处罚告知书", "hearing_notice": "行政处罚听证告知书",
                   "hearing_meeting_notice": "行政处罚听证会通知书", "penalty_decision": "行政处罚决定书",
                   "rectification_order": "责令限期整改指令书", "seizure_decision": "查封扣押决定书"}
#: Where a one-delivery receipt's ``delivered_at`` goes in a row, by method (its meaning there).
_OLD_DATE_FIELD = {"邮寄": "mail_receipt_date", "公告": "announced_on", "电子": "arrived_at"}


def _day(value: Any) -> date | None:
    moment = parse_datetime(value) if isinstance(value, str) else None
    return moment.date() if moment else parse_date(value)


def delivery_day(row: Any) -> date | None:
    """The day a row's document counts as delivered (the periods that run from delivery start after it),
    or None while the row does not establish one (a mailed document whose return receipt is not back,
    an electronic delivery without the party's consent)."""
    if not isinstance(row, dict):
        return None
    method = row.get("method")
    if method in ("直接", "留置", "委托", "转交"):
        return _day(row.get("delivered_at"))
    if method == "邮寄":
        return _day(row.get("mail_receipt_date"))
    if method == "公告":
        published = _day(row.get("announced_on"))
        return published + timedelta(days=DEEMED_DELIVERY_DAYS["公告"][0]) if published else None
    if method == "电子":
        return _day(row.get("arrived_at")) if row.get("consent") is True else None
    return None


@answers_upgrade("delivery_receipt_rows")
def receipt_rows(answers: Any) -> Any:
    """A receipt in the row shape. One of the earlier shape (one delivery: ``documents`` [{name, number}],
    ``document_kind``, ``method``, ``delivered_at`` … at the top) becomes one row per delivered document,
    each with that delivery's method, place, date and notes; its ``recipient``, ``officers``, ``remark``
    stay. Answers already in the row shape (or not a receipt at all) come back unchanged; flat delivery
    fields beside ``rows`` replace them (the flat delivery is what was written last)."""
    if not isinstance(answers, dict) or not any(k in answers for k in ("method", "documents")):
        return answers
    # A flat delivery beside rows (a one-delivery answers file written over the row-shaped sample) is the
    # delivery the writer meant: it stands for the receipt's rows.
    out = {k: v for k, v in answers.items() if k not in ROW_FIELDS and k not in ("documents", "rows")}
    listed = answers.get("rows") if isinstance(answers.get("rows"), list) else []
    base = dict(listed[0]) if listed and isinstance(listed[0], dict) else {}
    if answers.get("document_kind") not in (None, base.get("document_kind")):
        base.pop("name", None)  # another document than the row's: its name and number do not carry over
        base.pop("doc_number", None)
    base.update({k: answers[k] for k in ROW_FIELDS if k in answers})
    method = base.get("method")
    if method in _OLD_DATE_FIELD and "delivered_at" in base:
        when = base.pop("delivered_at")
        base[_OLD_DATE_FIELD[method]] = when if method == "电子" else str(when)[:10]
    documents = answers.get("documents") if isinstance(answers.get("documents"), list) else []
    rows = []
    for i, d in enumerate(documents or [{}]):
        d = d if isinstance(d, dict) else {}
        row = dict(base)
        if i > 0 and "document_kind" in row:
            row["document_kind"] = "other" if row["document_kind"] != "other" else row["document_kind"]
            # only the first document named was the one the receipt's 类别 said; the others keep their name
        row.update({k: v for k, v in (("name", d.get("name")), ("doc_number", d.get("number"))) if v is not None})
        if is_blank(row.get("name")) and row.get("document_kind") in DOCUMENT_TITLES:
            row["name"] = DOCUMENT_TITLES[row["document_kind"]]
        rows.append(row)
    out["rows"] = rows
    return out


def merge_receipts(receipts: list[dict]) -> dict:
    """The one receipt of a case from several (the earlier one-per-delivery receipts), rows in the order
    given; the first receipt's number, agency, recipient and officers stand; remarks are kept, joined."""
    lifted = [receipt_rows(r) for r in receipts if isinstance(r, dict)]
    if not lifted:
        return {}
    out = dict(lifted[0])
    out["rows"] = [row for r in lifted for row in (r.get("rows") or [])]
    remarks = [str(r.get("remark")).strip() for r in lifted if not is_blank(r.get("remark"))]
    if remarks:
        out["remark"] = "；".join(dict.fromkeys(remarks))
    for key in ("case_name", "recipient", "agency"):
        if is_blank(out.get(key)):
            out[key] = next((r[key] for r in lifted if not is_blank(r.get(key))), out.get(key, ""))
    return out


def _row_findings(i: int, row: dict) -> list[Finding]:
    out: list[Finding] = []
    method = row.get("method")

    def need(key: str, code: str, message: str, severity: str = ERROR) -> None:
        if is_blank(row.get(key)):
            out.append(finding(pointer("rows", i, key), code, f"第 {i + 1} 项：{message}", severity))

    if method == "留置":
        witness = row.get("witness") if isinstance(row.get("witness"), dict) else {}
        if is_blank(witness.get("name")):
            out.append(finding(pointer("rows", i, "witness", "name"), "delivery.witness_missing",
                               f"第 {i + 1} 项：留置送达应当有见证人在场，并由见证人在送达回执上签名（003 第二十七条(二)）。"
                               "请填写见证人姓名。"))
        need("refusal_reason", "delivery.refusal_reason_missing",
             "留置送达应当在送达回执上记明拒收事由和日期（003 第二十七条(二)）。请填写拒收事由。")
        need("delivered_at", "delivery.date_missing", "请填写留置的时间，送达日期据此确定（民事诉讼法 第八十九条）。")
    elif method in ("委托", "转交"):
        need("transfer_reason", "delivery.transfer_reason_missing",
             f"{method}送达应当记录{method}原因（003 第二十七条(三)）。请填写{method}原因。")
    elif method == "邮寄":
        need("mail_no", "delivery.mail_no_missing",
             "邮寄送达应当使用挂号信或邮政特快专递，并留存付邮凭证和回执（003 第二十七条(四)）。请填写邮件号码。")
        need("mail_receipt_date", "delivery.receipt_date_missing",
             "邮寄送达以回执上注明的收件日期为送达日期（民事诉讼法 第九十一条）；回执退回后请填写该日期，"
             "此前自送达起算的期限不开始计算。", WARNING)
        mailed, received = _day(row.get("mailed_on")), _day(row.get("mail_receipt_date"))
        if mailed and received and received < mailed:
            out.append(finding(pointer("rows", i, "mail_receipt_date"), "date.order",
                               f"第 {i + 1} 项：回执上的收件日期早于交邮日期，请核对。"))
    elif method == "公告":
        need("announcement_reason", "delivery.announcement_reason_missing",
             "公告送达应当记明已采用其他方式均无法送达的情况（民事诉讼法 第九十五条；003 第二十七条(五)）。"
             "请填写无法以其他方式送达的原因。")
        need("announced_on", "delivery.announced_on_missing",
             "请填写公告发出日期：自发出公告之日起经过三十日即视为送达（民事诉讼法 第九十五条）。")
    elif method == "电子":
        if row.get("consent") is not True:
            out.append(finding(pointer("rows", i, "consent"), "delivery.consent_missing",
                               f"第 {i + 1} 项：电子送达须经当事人同意并签订确认书（行政处罚法 第六十一条第二款）；"
                               "未取得确认书的，请改用其他送达方式。"))
        need("e_address", "delivery.e_address_missing", "请填写确认书中当事人指定的传真号码或电子邮箱。")
        need("arrived_at", "delivery.date_missing",
             "请填写送达信息到达受送达人特定系统的时间，送达日期据此确定（民事诉讼法 第九十条第二款）。", WARNING)
    out += _video(i, row)
    if method in ("直接", "委托", "转交"):
        if not is_blank(row.get("receiver")) and is_blank(row.get("receiver_relation")):
            need("receiver_relation", "delivery.receiver_relation_missing",
                 "他人代收的，应当在备注栏注明代收人与受送达人的关系（2016 式样 文书送达回执 注3；民事诉讼法 第八十八条）。")
    return out


#: Which rows must reference a recording: 留置 (003 第二十七条(二); 001 第十一条（五）) and, as a reminder, 公告
#: (003 第十八条(四)); a reference given on another row is still checked for completeness.
_VIDEO_NEED = {"留置": {"severity": ERROR, "source": "003 第二十七条(二)"},
               "公告": {"severity": WARNING, "source": "003 第十八条(四)"}}


def _video(i: int, row: dict) -> list[Finding]:
    from validators.video import video_findings

    video = row.get("video")
    need = _VIDEO_NEED.get(str(row.get("method")))
    if need is None:
        if not isinstance(video, dict) or all(is_blank(v) for v in video.values()):
            return []
        need = {"severity": WARNING, "source": "003 第十八条"}
    prefix = pointer("rows", i)
    return [{**f, "path": prefix + f["path"], "message": f"第 {i + 1} 项：{f['message']}"}
            for f in video_findings(video, need)]


@document_rule("delivery")
def delivery(answers: dict, context: CheckContext) -> list[Finding]:
    """What each 送达方式 must have, row by row."""
    answers = receipt_rows(answers)
    rows = answers.get("rows") if isinstance(answers, dict) else None
    out: list[Finding] = []
    for i, row in enumerate(rows if isinstance(rows, list) else []):
        if isinstance(row, dict):
            out += _row_findings(i, row)
    return out
