"""询问笔录 template (DOMAIN.md §6; opening and closing formulae of §6 “Standard wording”).

Besides the form's usual lines it prints the record's 执法对象 (当事人) and 执法过程 (询问经过), so that all
six elements of DOMAIN.md §3 are on paper, not only in the file.

The interviewee signs every page: the signature line sits in the footer above ``第 N 页 共 M 页``.
"""

from kit import (
    SIZE_4,
    header_line,
    labeled,
    multiline,
    new_document,
    officer_certs,
    officer_names,
    page_number_footer,
    paragraph,
    rich,
    save,
    signature_line,
    spacer,
    tag_paragraph,
    title,
)

QA = {"hanging_chars": 2}


def build():
    doc = new_document(body_size=SIZE_4, line_pt=28)
    header_line(doc)
    title(doc, "询问笔录")
    paragraph(doc, "第{{ session|blank(1) }}次询问", align="right")
    labeled(doc, [("询问时间", "{{ time.start|datetime_cn }}至{{ time.end|until_cn(time.start) }}")])
    labeled(doc, [("询问地点", "{{ place|blank(20) }}")])
    labeled(doc, [("询问人", "{{ inquirer|blank(5) }}"), ("记录人", "{{ recorder|blank(5) }}")])
    labeled(doc, [("当事人", "{{ object.name|blank(16) }}")])  # 执法对象, one of the six elements (DOMAIN.md §3)
    labeled(doc, [("被询问人", "{{ interviewee.name|blank(5) }}"), ("性别", "{{ interviewee.gender|blank(2) }}"),
                  ("年龄", "{{ interviewee.age|blank(2) }}")])
    labeled(doc, [("身份证号码", "{{ interviewee.id_no|blank(12) }}")])
    labeled(doc, [("工作单位", "{{ interviewee.employer|blank(10) }}"), ("职务", "{{ interviewee.title|blank(4) }}")])
    labeled(doc, [("住址", "{{ interviewee.address|blank(20) }}")])
    labeled(doc, [("联系电话", "{{ interviewee.phone|blank(8) }}")])
    rich(doc, ["问：我们是", ("{{ agency|blank(8) }}", {"u": True}), "的行政执法人员", (officer_names(), {"u": True}),
               "，证件号码为", (officer_certs(), {"u": True}),
               "，这是我们的证件（出示证件）。我们依法就", ("{{ content }}", {"u": True}),
               "的有关问题向您了解情况，您有如实回答问题的义务，也有陈述、申辩和申请回避的权利。您听清楚了吗？"], **QA)
    rich(doc, ["答：", "{{ heard_answer }}"], **QA)
    rich(doc, ["问：你是否申请回避？"], **QA)
    rich(doc, ["答：", "{{ recusal_answer }}"], **QA)
    tag_paragraph(doc, "{%p for item in qa %}")
    rich(doc, ["问：", "{{ item.q }}"], **QA)
    rich(doc, ["答：", "{{ item.a }}"], **QA)
    tag_paragraph(doc, "{%p endfor %}")
    multiline(doc, "询问经过：", "process")  # 执法过程, one of the six elements (DOMAIN.md §3)
    rich(doc, ["以上笔录我看过（或向我宣读过），与我说的相符。"], indent_chars=2, keep_next=True)
    spacer(doc, 14)
    signature_line(doc, "被询问人", width=6, keep_next=True)
    rich(doc, ["询问人（签名）：", ("\u3000" * 5, {"u": True}), "\u3000\u3000记录人（签名）：", ("\u3000" * 5, {"u": True})])
    page_number_footer(doc.sections[0], extra_segments=["被询问人（签名）：", ("\u3000" * 7, {"u": True})])
    return save(doc, "inquiry_record")
