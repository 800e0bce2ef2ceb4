"""鉴定委托书 (2016 式样 23, 应急鉴): to the appraisal body — the goods, the requirements, the date the result is due,
the contact; the 式样's 注 on the report (signed by the appraisers, sealed by the body)."""

from _form_kit import body, document, grid_table, notice_footer, paragraph, seal
from kit import SIZE_SMALL_4, multiline, save


def build():
    doc = document("鉴定委托书")
    paragraph(doc, "{{ appraiser }}：")
    body(doc, "因调查有关安全生产违法案件的需要，本行政机关现委托你单位对下列物品进行鉴定。")
    grid_table(doc, [14, 46, 36, 22, 38], ["序号", "物品名称", "规格型号", "数量", "备注"],
               ["{{ loop.index }}", "{{ it.name }}", "{{ it.spec }}", "{{ it.quantity }}", "{{ it.note }}"], "it in items")
    multiline(doc, "鉴定要求：", "requirements")
    body(doc, "请于{{ due_date|date_cn }}前向本行政机关提交鉴定结果。")
    body(doc, "联系人：{{ contact_person }}　　联系电话：{{ contact_phone }}")
    paragraph(doc, "", keep_next=True)
    seal(doc)
    body(doc, "注：鉴定结果请提出具体鉴定报告书，并由鉴定人员签名或者盖章，加盖鉴定机构印章。", indent=False, size=SIZE_SMALL_4)
    notice_footer(doc)
    return save(doc, "appraisal_commission")
