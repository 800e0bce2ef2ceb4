"""现场检查记录 template (DOMAIN.md §6; standard identity sentence of §6 “Standard wording”)."""

from _form_kit import party_word, you
from kit import (
    SIZE_4,
    header_line,
    labeled,
    multiline,
    new_document,
    number_line,
    officer_certs,
    officer_names,
    officer_signature_line,
    overflow_note,
    page_number_footer,
    rich,
    save,
    signature_line,
    spacer,
    tag_paragraph,
    title,
)


def build():
    doc = new_document(body_size=SIZE_4, line_pt=28)
    header_line(doc)
    title(doc, "现场检查记录")
    number_line(doc)
    labeled(doc, [(party_word("被检查", "object"), "{{ object.name|blank(16) }}")])
    labeled(doc, [("地址", "{{ object.address|blank(20) }}")])
    tag_paragraph(doc, '{%p if object.type == "person" %}')
    labeled(doc, [("身份证号码", "{{ object.id_no|blank(12) }}")])
    tag_paragraph(doc, "{%p else %}")
    labeled(doc, [("法定代表人（负责人）", "{{ object.legal_rep|blank(5) }}"), ("职务", "{{ object.title|blank(5) }}")])
    tag_paragraph(doc, "{%p endif %}")
    labeled(doc, [("联系电话", "{{ object.phone|blank(8) }}"), ("现场负责人", "{{ site_person|blank(5) }}")])
    labeled(doc, [("检查场所", "{{ place|blank(20) }}")])
    labeled(doc, [("检查时间", "{{ time.start|datetime_cn }}至{{ time.end|until_cn(time.start) }}")])
    rich(doc, ["我们是", ("{{ agency|blank(8) }}", {"u": True}), "行政执法人员", (officer_names(), {"u": True}),
               "，证件号码为", (officer_certs(), {"u": True}),
               "，这是我们的证件（出示证件）。现依法对" + you("object") + "进行现场检查，请予以配合。"], indent_chars=2)
    multiline(doc, "检查内容：", "content")
    multiline(doc, "检查情况：", "process")
    overflow_note(doc)
    spacer(doc, 14)
    officer_signature_line(doc, "检查人员", keep_next=True)
    signature_line(doc, "被检查单位现场负责人", width=5)
    page_number_footer(doc.sections[0])
    return save(doc, "inspection_record")
