"""延长查封扣押期限决定书 (2016 式样 10, 应急查扣延期; 行政强制法 第二十五条: 情况复杂的，经行政机关负责人批准，
可以延长，但是延长期限不得超过三十日；延长的决定应当及时书面告知当事人，并说明理由)."""

from _batch_a_kit import form_end
from _form_kit import body, control, document, paragraph, remedies, you
from kit import save


def build():
    doc = document("延长查封扣押期限决定书")
    paragraph(doc, "{{ object.name }}：")
    body(doc, "本机关于{{ seizure_date|date_cn }}根据《查封扣押决定书》［{{ seizure_number }}］对" + you("object")
              + "的{{ target }}作出了{{ measure }}的行政强制措施。因{{ reason.rstrip('。；;.，, ') }}，依据《中华人民共和国"
              "行政强制法》第二十五条的规定，决定将以上行政强制措施的期限延长至{{ extended_until|date_cn }}。")
    control(doc, "if list_number")
    body(doc, "附件：《查封扣押（场所、设施、财物）清单》第{{ list_number }}号")
    control(doc, "endif")
    remedies(doc, act="决定")
    form_end(doc)
    return save(doc, "seizure_extension")
