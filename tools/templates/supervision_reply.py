"""行政执法监督处理结果报告 (004 第二十二条): the written report to the 司法行政部门 of how the matters a
supervision notice raised were handled — 主送, the notice (name, number, date received), the matters, the
handling, 特此报告, the agency's seal and date, contact. The 2016 式样 has no such form; a report's plain
layout (title, 主送, body, seal)."""

from _form_kit import body, seal
from kit import SIZE_2, XIAOBIAOSONG, new_document, page_number_footer, paragraph, save


def build():
    doc = new_document(line_pt=28)
    paragraph(doc, "行政执法监督处理结果报告", font=XIAOBIAOSONG, size=SIZE_2, align="center", line_pt=40)
    paragraph(doc, "")
    paragraph(doc, "{{ recipient }}：")
    body(doc, "{{ agency }}于{{ received_date|date_cn }}接到《{{ notice_title }}》"
              "{% if notice_number %}（{{ notice_number }}）{% endif %}，指出以下问题：")
    paragraph(doc, "{%p for m in matters|lines %}")
    body(doc, "{{ m }}")
    paragraph(doc, "{%p endfor %}")
    body(doc, "收到后，本机关对所指出的问题逐项进行了核查和处理。现将处理结果报告如下：")
    paragraph(doc, "{%p for h in handling|lines %}")
    body(doc, "{{ h }}")
    paragraph(doc, "{%p endfor %}")
    body(doc, "特此报告。", keep_next=True)
    paragraph(doc, "", keep_next=True)
    paragraph(doc, "", keep_next=True)
    seal(doc)
    paragraph(doc, "")
    paragraph(doc, "{%p if contact_person or contact_phone %}")
    body(doc, "（联系人：{{ contact_person }}{% if contact_phone %}，联系电话：{{ contact_phone }}{% endif %}）")
    paragraph(doc, "{%p endif %}")
    page_number_footer(doc.sections[0])
    return save(doc, "supervision_reply")
