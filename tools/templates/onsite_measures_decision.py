"""现场处理措施决定书 (2016 式样 4, 应急现决; 安全生产法 第六十五条第一款第（二）（三）项): the problems found on
the inspection, the basis, the measures decided on the spot, remedies, officers with 证号, the unit's signature."""

from _batch_a_kit import form_end, numbered, officer_cert_lines, party_sign
from _form_kit import body, document, paragraph, remedies, you
from kit import save


def build():
    doc = document("现场处理措施决定书")
    paragraph(doc, "{{ object.name }}：")
    body(doc, "本机关于{{ inspection_date|date_cn }}现场检查时，发现" + you("object") + "有下列违法违规行为和事故隐患：")
    numbered(doc, "problems")
    body(doc, "以上存在的问题无法保证安全生产，依据{{ legal_basis }}的规定，现作出如下现场处理决定：")
    numbered(doc, "measures")
    remedies(doc, act="决定")
    paragraph(doc, "")
    officer_cert_lines(doc)
    party_sign(doc, "被检查单位负责人")
    form_end(doc, given="被检查单位")
    return save(doc, "onsite_measures_decision")
