"""缴纳罚款催告书 (应急催; 2016 式样 36): the decision, the unpaid fine, the written reminder of 行政强制法
第三十五条 (amount, payee), the late fee of 行政处罚法 第七十二条第一款第（一）项 / 行政强制法 第四十五条, and the
right to state and defend (行政强制法 第三十六条)."""

from _form_kit import (
    body,
    contact_lines,
    copies_note,
    document,
    notice_footer,
    paragraph,
    receipt_line,
    seal,
    you,
)
from kit import save

Y = you("object")


def build():
    doc = document("缴纳罚款催告书")
    paragraph(doc, "{{ object.name }}：")
    body(doc, "本机关于{{ decision_date|date_cn }}作出{{ decision_number }}《行政处罚决定书》，对" + Y + "处罚款人民币"
              "{{ fine|money_cn|replace('人民币', '') }}（￥{{ fine|money }}），要求" + Y + "于{{ payment_due|date_cn }}前将罚款缴至"
              "{{ payee }}。因" + Y + "至今未履行该处罚决定，依据《中华人民共和国行政强制法》第三十五条的规定，现催告" + Y
              + "履行以上决定。逾期仍不缴纳的，本机关将依据《中华人民共和国行政处罚法》第七十二条第一款第（一）项、"
              "《中华人民共和国行政强制法》第四十五条的规定，每日按罚款数额的百分之三加处罚款，加处罚款的数额不超出罚款的数额。")
    body(doc, "如有异议，依据《中华人民共和国行政强制法》第三十六条的规定，" + Y + "有权在收到本催告书之日起三日内向本机关提出"
              "陈述和申辩，逾期未提出的，视为放弃此权利。")
    contact_lines(doc)
    seal(doc)
    receipt_line(doc)
    copies_note(doc, given="被通知当事人")
    notice_footer(doc)
    return save(doc, "payment_reminder")
