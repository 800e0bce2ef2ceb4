"""加处罚款决定书 (应急加罚; 2016 式样 37). The late fee is computed from the fine and the days since the payment
period ended (``late_fee`` filter: 3 % a day, never more than the fine — 行政处罚法 第七十二条第一款第（一）项;
行政强制法 第四十五条), never typed."""

from _form_kit import body, copies_note, document, notice_footer, paragraph, receipt_line, seal, you
from kit import save

Y = you("object")
FEE = "fine|late_fee(payment_due, until)"


def build():
    doc = document("加处罚款决定书")
    paragraph(doc, "{{ object.name }}：")
    body(doc, "本机关于{{ decision_date|date_cn }}作出{{ decision_number }}《行政处罚决定书》，对" + Y + "罚款人民币"
              "{{ fine|money_cn|replace('人民币', '') }}（￥{{ fine|money }}），要求于{{ payment_due|date_cn }}前履行。"
              "{% if reminder_number %}经{{ reminder_number }}《缴纳罚款催告书》催告，{% else %}经催告，{% endif %}"
              + Y + "截至{{ until|date_cn }}仍未履行该行政处罚决定。根据《中华人民共和国行政处罚法》第七十二条第一款第（一）项、"
              "《中华人民共和国行政强制法》第四十五条的规定，本机关决定对" + Y + "加处罚款：自罚款缴纳期限届满的次日起至"
              "{{ until|date_cn }}共{{ " + FEE.replace("late_fee", "late_fee_days") + " }}日，每日按罚款数额的百分之三计算，"
              "加处罚款的数额不超出罚款的数额，计人民币{{ (" + FEE + ")|money_cn|replace('人民币', '') }}（￥{{ (" + FEE + ")|money }}）。"
              "现要求" + Y + "立即向{{ payee }}缴纳依法加处的罚款。")
    body(doc, "如果不服本决定，可以依法在六十日内向{{ reconsideration_organ }}申请行政复议，或者在六个月内依法向{{ court }}提起"
              "行政诉讼，但本决定不停止执行，法律另有规定的除外。逾期不申请行政复议、不提起行政诉讼又不履行的，本机关将依法申请"
              "人民法院强制执行。")
    seal(doc)
    receipt_line(doc)
    copies_note(doc)
    notice_footer(doc)
    return save(doc, "late_fee_decision")
