"""行政强制执行事先催告书 (应急执行催告; 2016 式样 41): what is owed (行政强制法 第三十五条: 期限、方式、金额、
陈述申辩权), and that the court will be applied to once ten days have passed (第五十三条、第五十四条)."""

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
TOTAL = "fine|money_total(late_fee)"


def build():
    doc = document("行政强制执行事先催告书")
    paragraph(doc, "{{ object.name }}：")
    body(doc, "本机关于{{ decision_date|date_cn }}对" + Y + "作出的{{ decision_number }}《{{ decision_title }}》尚未履行，" + Y
              + "在法定期限内未申请行政复议或者提起行政诉讼。依据《中华人民共和国行政强制法》第五十三条、第五十四条的规定，请"
              + Y + "：")
    paragraph(doc, "{%p if obligation == 'money' %}")
    body(doc, "于{{ pay_by|date_cn }}前将罚款人民币{{ fine|money_cn|replace('人民币', '') }}（￥{{ fine|money }}）"
              "{% if late_fee and (late_fee|money) != '0.00' %}，加处罚款人民币{{ late_fee|money_cn|replace('人民币', '') }}"
              "（￥{{ late_fee|money }}），合计人民币{{ (" + TOTAL + ")|money_cn|replace('人民币', '') }}（￥{{ (" + TOTAL + ")|money }}）"
              "{% endif %}缴至{{ payee }}。")
    paragraph(doc, "{%p else %}")
    body(doc, "立即履行以下行政决定：{{ other_obligation }}。")
    paragraph(doc, "{%p endif %}")
    body(doc, Y + "收到本催告书后，有权进行陈述和申辩（《中华人民共和国行政强制法》第三十五条第（四）项、第三十六条）。"
              "如" + Y + "不履行上述义务，本机关将在本催告书送达十日后，依据《中华人民共和国行政强制法》第五十三条、第五十四条的规定，"
              "申请人民法院强制执行。")
    contact_lines(doc)
    seal(doc)
    receipt_line(doc)
    copies_note(doc)
    notice_footer(doc)
    return save(doc, "enforcement_reminder")
