"""查封扣押处理决定书 (2016 式样 11, 应急查扣处; 行政强制法 第二十七条: 在期限内作出处理决定 — 没收、销毁或者
解除查封扣押; 第二十八条: 解除的情形)."""

from _batch_a_kit import form_end
from _form_kit import body, document, paragraph, remedies, you
from kit import multiline, save


def build():
    doc = document("查封扣押处理决定书")
    paragraph(doc, "{{ object.name }}：")
    body(doc, "本机关于{{ seizure_date|date_cn }}根据《查封扣押决定书》［{{ seizure_number }}］，对" + you("object")
              + "的{{ target }}作出了{{ measure }}的行政强制措施。依据{{ legal_basis }}的规定，现作出以下处理决定：")
    multiline(doc, "", "decision")
    remedies(doc, act="决定")
    form_end(doc)
    return save(doc, "seizure_disposal")
