"""文书送达回执 (应急回): one per case, a row per delivered document (2016 式样 第40页; DOMAIN.md §6).

Columns as the 式样: 送达文书名称、文号 | 收件人签名或者盖章 | 送达地点 | 送达日期 | 送达方式 | 送达人; the
收件人 and 送达人 cells are left blank for the handwritten signatures. 代收 and 留置 are explained in 备注
(代收人 and the relation; 拒收事由, 见证人 with a blank signature, the video reference — 003 第二十七条).
"""

from _form_kit import SIGN, body, control, document, grid_table, notice_footer, paragraph
from kit import SIZE_5, SIZE_SMALL_4, save

RECEIVER = ("{% if r.method == '邮寄' %}见邮件回执{% elif r.method == '公告' %}公告送达"
            "{% elif r.method == '电子' %}见电子送达确认书{% elif r.method == '留置' %}拒收，留置{% endif %}")
METHOD = "{{ r.method }}送达"
NOTE = (
        "{% if r.receiver %}第{{ loop.index }}项由{{ r.receiver }}代收（与受送达人的关系：{{ r.receiver_relation }}）。{% endif %}"
        "{% if r.method == '留置' %}第{{ loop.index }}项受送达人拒绝签收，拒收事由：{{ r.refusal_reason.rstrip('。；;.， ') }}；"
        "已将文书留置于送达地点，见证人{{ r.witness.name }}{% if r.witness.unit %}（{{ r.witness.unit }}）{% endif %}"
        "签名：" + SIGN + "。{% endif %}"
        "{% if r.method in ('委托', '转交') %}第{{ loop.index }}项{{ r.method }}原因：{{ r.transfer_reason.rstrip('。；;.， ') }}。{% endif %}"
        "{% if r.method == '邮寄' %}第{{ loop.index }}项邮件号码{{ r.mail_no }}{% if r.mailed_on %}，{{ r.mailed_on|date_cn }}交邮{% endif %}"
        "{% if r.mail_receipt_date %}，回执注明收件日期{{ r.mail_receipt_date|date_cn }}{% endif %}。{% endif %}"
        "{% if r.method == '公告' %}第{{ loop.index }}项于{{ r.announced_on|date_cn }}{{ r.announcement_medium }}公告，"
        "原因：{{ r.announcement_reason.rstrip('。；;.， ') }}；自发出公告之日起经过三十日视为送达。{% endif %}"
        "{% if r.method == '电子' %}第{{ loop.index }}项经当事人同意并签订确认书，送至{{ r.e_address }}。{% endif %}"
        "{% if r.video.file_id %}第{{ loop.index }}项音像记录：{{ r.video.device }}，文件编号{{ r.video.file_id }}。{% endif %}"
        "{% if r.remark %}第{{ loop.index }}项：{{ r.remark }}{% endif %}")
NOTED = "r.receiver or r.method != '直接' or r.video.file_id or r.remark"


def build():
    doc = document("文书送达回执")
    body(doc, "案件名称：{{ case_name }}", indent=False)
    body(doc, "受送达单位（个人）：{{ recipient }}", indent=False)
    grid_table(doc, [40, 26, 32, 22, 16, 20],
               ["送达文书名称、文号", "收件人签名或者盖章", "送达地点", "送达日期", "送达方式", "送达人"],
               ["{{ r.name }}{% if r.doc_number %}\n{{ r.doc_number }}{% endif %}", RECEIVER, "{{ r.place }}",
                "{{ r|delivery_day_cn }}", METHOD, ""], "r in rows")
    paragraph(doc, "")
    paragraph(doc, "{{ agency }}（印章）", align="right")
    body(doc, "备注：{{ remark }}", indent=False, size=SIZE_SMALL_4)
    control(doc, "for r in rows")
    control(doc, f"if {NOTED}")
    body(doc, NOTE, indent=False, size=SIZE_SMALL_4)
    control(doc, "endif")
    control(doc, "endfor")
    paragraph(doc, "注：1.一个案件各类文书的送达，统一使用一份送达回执。2.各类文书送达参照民事诉讼法有关送达的规定执行。"
                   "3.他人代收的，由代收人在收件人栏内签名或者盖章，并在备注栏内注明与被送达人的关系；留置送达的，"
                   "在备注栏说明情况，并由证明人签字。", size=SIZE_5, line_pt=18)
    notice_footer(doc)
    return save(doc, "delivery_receipt")
