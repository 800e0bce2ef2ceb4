"""询问通知书 (2016 式样 15, 应急询): why, when and where the party is to be asked, the papers to bring (打√处),
the agency's address and contact."""

from _form_kit import (
    body,
    document,
    notice_footer,
    paragraph,
    seal,
    you,
)
from kit import save

BOX = "{% if KEY %}√{% else %}□{% endif %}"


def build():
    doc = document("询问通知书")
    paragraph(doc, "{{ object.name }}：")
    body(doc, "因{{ reason.rstrip('。；;.，, ') }}，请" + you("object") + "于{{ inquiry_time|datetime_cn }}到{{ inquiry_place }}"
              "接受询问调查，来时请携带下列证件材料（见打√处）：")
    for key, name in (("bring_id_card", "身份证"), ("bring_license", "营业执照"),
                      ("bring_authorization", "法定代表人身份证明或者委托书")):
        body(doc, BOX.replace("KEY", key) + name)
    body(doc, BOX.replace("KEY", "bring_other") + "{{ bring_other|blank(10) }}")
    body(doc, "如无法按时前来，请及时联系。")
    paragraph(doc, "")
    body(doc, "{{ agency }}地址：{{ contact.address }}", indent=False)
    body(doc, "联系人：{{ contact.person }}　　联系电话：{{ contact.phone }}", indent=False)
    paragraph(doc, "", keep_next=True)
    seal(doc)
    notice_footer(doc)
    return save(doc, "inquiry_notice")
