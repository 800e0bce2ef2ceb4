"""延期（分期）缴纳罚款批准书 (应急缴批; 2016 式样 39): 行政处罚法 第六十六条第二款 (暂缓或者分期缴纳), the
remaining fine computed, the late fee warning of 第七十二条第一款第（一）项. Each instalment has its own 批准书."""

from _form_kit import body, copies_note, document, notice_footer, paragraph, receipt_line, seal, you
from kit import save

Y = you("object")
LEFT = "fine|remaining_fine(paid_before, installment_amount)"


def build():
    doc = document("延期（分期）缴纳罚款批准书")
    paragraph(doc, "{{ object.name }}：")
    body(doc, "{{ decision_date|date_cn }}，本机关对" + Y + "作出{{ decision_number }}《行政处罚决定书》，作出了对" + Y
              + "罚款人民币{{ fine|money_cn|replace('人民币', '') }}（￥{{ fine|money }}）的决定。现根据" + Y + "的申请，本机关依据"
              "《中华人民共和国行政处罚法》第六十六条第二款的规定，同意" + Y + "：")
    paragraph(doc, "{%p if mode == 'deferral' %}")
    body(doc, "延期缴纳罚款。延长至{{ deferred_until|date_cn }}止。")
    paragraph(doc, "{%p else %}")
    body(doc, "分期缴纳罚款。第{{ installment_no }}期至{{ installment_due|date_cn }}前，缴纳罚款人民币"
              "{{ installment_amount|money_cn|replace('人民币', '') }}（￥{{ installment_amount|money }}）（每期均应当单独开具本文书）。"
              "此外，尚有未缴纳的罚款人民币{{ (" + LEFT + ")|money_cn|replace('人民币', '')|default('零元整', true) }}"
              "（￥{{ (" + LEFT + ")|money }}）。")
    paragraph(doc, "{%p endif %}")
    body(doc, "代收机构以本批准书为据，办理收款手续。")
    body(doc, "逾期缴纳罚款的，依据《中华人民共和国行政处罚法》第七十二条第一款第（一）项的规定，每日按罚款数额的百分之三加处罚款。")
    seal(doc)
    receipt_line(doc, "申请人")
    copies_note(doc, given="申请人")
    notice_footer(doc)
    return save(doc, "payment_deferral_permit")
