"""送达回执 rules per 送达方式 (003 第二十七条; 行政处罚法 第六十一条; 民事诉讼法 第八十七至九十五条).

- 留置: the 见证人 and the 拒收事由 are recorded (errors); the video reference is required too, declared
  as data in the kind (``x-wenshu.video_required``) and checked by ``validators.video``.
- 委托 / 转交: the reason for entrusting or passing on is recorded (003 第二十七条(三)).
- 邮寄: 挂号信 or 邮政特快专递 — the mailing number is recorded (003 第二十七条(四)).
- 公告: the reason other methods failed is recorded (003 第二十七条(五)).
"""

from __future__ import annotations

from validators.context import CheckContext
from validators.findings import Finding, finding, pointer
from validators.registry import document_rule, is_blank

METHODS = ("直接", "留置", "委托", "转交", "邮寄", "公告")


@document_rule("delivery")
def delivery(answers: dict, context: CheckContext) -> list[Finding]:
    """What each 送达方式 must have on the receipt."""
    method = answers.get("method")
    out: list[Finding] = []
    if method == "留置":
        witness = answers.get("witness") if isinstance(answers.get("witness"), dict) else {}
        if is_blank(witness.get("name")):
            out.append(finding(pointer("witness", "name"), "delivery.witness_missing",
                               "留置送达应当有见证人在场，并由见证人在送达回执上签名（003 第二十七条(二)）。请填写见证人姓名。"))
        if is_blank(answers.get("refusal_reason")):
            out.append(finding(pointer("refusal_reason"), "delivery.refusal_reason_missing",
                               "留置送达应当在送达回执上记明拒收事由和日期（003 第二十七条(二)）。请填写拒收事由。"))
    elif method in ("委托", "转交"):
        if is_blank(answers.get("transfer_reason")):
            out.append(finding(pointer("transfer_reason"), "delivery.transfer_reason_missing",
                               f"{method}送达应当记录{method}原因（003 第二十七条(三)）。请填写{method}原因。"))
    elif method == "邮寄":
        if is_blank(answers.get("mail_no")):
            out.append(finding(pointer("mail_no"), "delivery.mail_no_missing",
                               "邮寄送达应当使用挂号信或邮政特快专递，并留存付邮凭证和回执（003 第二十七条(四)）。请填写邮件号码。"))
    elif method == "公告":
        if is_blank(answers.get("announcement_reason")):
            out.append(finding(pointer("announcement_reason"), "delivery.announcement_reason_missing",
                               "公告送达应当记明已采用其他方式均无法送达的情况（003 第二十七条(五)）。请填写无法以其他方式送达的原因。"))
    return out
