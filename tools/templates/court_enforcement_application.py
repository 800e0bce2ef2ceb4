"""强制执行申请书 (应急强执; 2016 式样 42), addressed to the court: the decision, that it was not challenged nor
performed, the reminder (行政强制法 第五十四条), the application (行政处罚法 第七十二条第一款第（四）项; 行政强制法
第五十三条、第五十四条) and the materials of 第五十五条; 签发人 signs by hand."""

from _form_kit import body, document, paragraph, seal, sign_line
from kit import page_number_footer, save


def build():
    doc = document("强制执行申请书")
    sign_line(doc, "签发人", with_date=False)
    paragraph(doc, "{{ court }}：")
    body(doc, "本行政机关于{{ decision_date|date_cn }}对被申请执行人{{ object.name }}作出了{{ decision_title }}的行政决定"
              "（文号：{{ decision_number }}），被申请执行人在法定的期限内未申请行政复议或者提起行政诉讼，又不履行该行政决定。"
              "本行政机关已{% if reminder_delivered %}于{{ reminder_delivered|date_cn }}{% endif %}以{{ reminder_number }}"
              "《行政强制执行事先催告书》催告被申请执行人履行义务，催告书送达十日后被申请执行人仍未履行。根据《中华人民共和国"
              "行政处罚法》第七十二条第一款第（四）项及《中华人民共和国行政强制法》第五十三条、第五十四条的规定，特申请贵院强制执行。")
    body(doc, "被申请执行人：{{ object.name }}{% if object.type == 'person' %}，居民身份证号码{{ object.id_no }}"
              "{% else %}，统一社会信用代码{{ object.uscc }}，法定代表人（负责人）{{ object.legal_rep }}{% endif %}，"
              "地址：{{ object.address }}。", indent=False)
    body(doc, "附有关材料：", indent=False)
    body(doc, "{%p for a in attachments %}", indent=False)
    body(doc, "{{ loop.index }}. {{ a }}")
    body(doc, "{%p endfor %}", indent=False)
    body(doc, "联系人：{{ contact.person }}　　联系电话：{{ contact.phone }}", indent=False)
    seal(doc)
    page_number_footer(doc.sections[0])
    return save(doc, "court_enforcement_application")
