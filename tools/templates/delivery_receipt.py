"""送达回执 (应急回): documents, 受送达人, place, method, handwritten signatures (003 第二十七条)."""

from _form_kit import DATE_BLANK, SIGN, document, label_table, notice_footer, paragraph, video_reminder
from kit import SIZE_5, save

DOCS = "{% for d in documents %}{{ d.name }}　{{ d.number }}{% if not loop.last %}；{% endif %}{% endfor %}"
METHOD = ("{{ method }}送达{% if method == '邮寄' %}（邮件号码：{{ mail_no }}）{% endif %}"
          "{% if method == '公告' %}（{{ announcement_medium }}）{% endif %}")
NOTE = ("{% if method == '留置' %}受送达人拒绝签收，拒收事由：{{ refusal_reason.rstrip('。；;.， ') }}。已将文书留置于送达地点。{% endif %}"
        "{% if method in ('委托', '转交') %}{{ method }}原因：{{ transfer_reason.rstrip('。；;.， ') }}。{% endif %}"
        "{% if method == '公告' %}公告送达原因：{{ announcement_reason.rstrip('。；;.， ') }}。{% endif %}"
        "{% if video.file_id %}音像记录：{{ video.device }}，文件编号{{ video.file_id }}，"
        "{{ video.start|datetime_cn }}至{{ video.end|time_cn }}。{% endif %}{{ remark }}")


def build():
    doc = document("送达回执")
    label_table(doc, [
        ("送达文书\n名称及文号", DOCS),
        ("受送达人", "{{ recipient }}"),
        ("送达地点", "{{ place }}"),
        ("送达方式", METHOD),
        ("收件人\n（签名或盖章）", f"\n>{DATE_BLANK}　　时　　分"),
        ("送达人\n（签名）", f"{SIGN}　　{SIGN}\n>{{% if delivered_at %}}{{{{ delivered_at|datetime_cn }}}}{{% else %}}{DATE_BLANK}　　时　　分{{% endif %}}"),
        ("见证人\n（签名）", "{% if method == '留置' %}{{ witness.name }}{% if witness.unit %}（{{ witness.unit }}）{% endif %}"
                           f"　　签名：{SIGN}{{% endif %}}\n>{DATE_BLANK}"),
        ("备注", NOTE),
    ], heights_mm={4: 26, 5: 22, 6: 20, 7: 30})
    paragraph(doc, "")
    paragraph(doc, "{{ agency }}（印章）", align="right")
    paragraph(doc, "注：留置送达的，由送达人、见证人签名并记明拒收事由和日期，同时进行音像记录。" + video_reminder(),
              size=SIZE_5, line_pt=18)
    notice_footer(doc)
    return save(doc, "delivery_receipt")
