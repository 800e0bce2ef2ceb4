"""重大行政执法决定法制审核意见书 — 001 附件3 (内部文书; number ``（ ）安监法审〔 〕 号``).

The conclusion (001 第十二条: 同意 / 纠正 / 撤销或不予作出 / 移送) opens the opinions; the penalty
decision's ``legal_review`` rule reads it from the case (``validators.review_forms.legal_review_fact``).
"""

from _form_kit import form_document
from docx.shared import Pt
from kit import SIZE_4, paragraph, save


def build():
    doc = form_document(header="安全生产行政执法文书（内部）", heading="重大行政执法决定法制审核意见书")
    paragraph(doc, "{{ recipient }}：")
    paragraph(doc, "按照重大行政执法决定法制审核的有关规定，经法制机构对你机构（单位）提交的{{ matter }}进行法制审核，"
                   "提出以下审查意见：", indent_chars=2)
    paragraph(doc, "审核结论：{{ {'同意': '同意', '纠正': '提出纠正意见', '撤销或不予作出': '撤销或不予作出行政执法决定', "
                   "'移送': '移送有关机关处理'}.get(conclusion, conclusion) }}。", indent_chars=2)
    paragraph(doc, "{%p for o in opinions %}")
    paragraph(doc, "{{ loop.index }}. {{ o }}", indent_chars=2)
    paragraph(doc, "{%p endfor %}")
    paragraph(doc, "", keep_next=True)
    paragraph(doc, "", keep_next=True)
    paragraph(doc, "{{ legal_office }}（印章）", align="right", keep_next=True, size=SIZE_4)
    date = paragraph(doc, "{{ date|date_cn }}", align="right")
    date.paragraph_format.right_indent = Pt(SIZE_4.pt * 2)
    return save(doc, "legal_review_opinion")
