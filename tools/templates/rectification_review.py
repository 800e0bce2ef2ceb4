"""整改复查意见书 (2016 式样 6, 应急复查): the order reviewed (date, name, 文号) and the review's opinion; the
reviewed unit's head and the officers (with 证号) sign."""

from _batch_a_kit import form_end, officer_cert_lines, party_sign
from _form_kit import body, document, paragraph, you
from kit import multiline, save


def build():
    doc = document("整改复查意见书")
    paragraph(doc, "{{ object.name }}：")
    body(doc, "本机关于{{ order_date|date_cn }}作出了{{ order_title }}的决定［{{ order_number }}］，经对" + you("object")
              + "整改情况进行复查，提出如下意见：")
    multiline(doc, "", "opinion")
    paragraph(doc, "")
    party_sign(doc, "被复查单位负责人")
    officer_cert_lines(doc)
    form_end(doc, given="被复查单位")
    return save(doc, "rectification_review")
