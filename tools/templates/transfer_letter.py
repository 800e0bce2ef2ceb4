"""案件移送书 (应急移; 2016 式样 44): the case, what the investigation found, the basis of the transfer (行政处罚法
第二十七条 for suspected crimes) and the materials handed over (共 N 份 M 页)."""

from _form_kit import body, copies_note, document, notice_footer, paragraph, seal
from kit import save


def build():
    doc = document("案件移送书")
    paragraph(doc, "{{ receiver }}：")
    body(doc, "本行政机关于{{ filed_date|date_cn }}对{{ case_name }}一案立案调查，因在调查中发现{{ found }}，故此案已超出本行政机关"
              "管辖范围，根据{{ basis }}的规定，移送你单位对该案件进一步审理，依法追究责任。")
    body(doc, "附该案件有关材料：")
    body(doc, "{%p for a in attachments %}", indent=False)
    body(doc, "{{ loop.index }}. {{ a }}")
    body(doc, "{%p endfor %}", indent=False)
    body(doc, "共{{ copies }}份{{ pages }}页。")
    seal(doc)
    paragraph(doc, "")
    paragraph(doc, "受移送机关签收（签名）：　　　　　　　　　　　　年　　月　　日")
    copies_note(doc, given="被移送单位")
    notice_footer(doc)
    return save(doc, "transfer_letter")
