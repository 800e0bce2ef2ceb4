"""现场检查记录 template (DOMAIN.md §6; standard identity sentence of §6 “Standard wording”)."""

from kit import HEITI, SIZE_4, SIZE_SMALL_4, new_document, page_number_footer, paragraph, save, title


def build():
    doc = new_document()
    paragraph(doc, "安全生产行政执法文书", font=HEITI, size=SIZE_4, align="center")
    title(doc, "现场检查记录")
    paragraph(doc, "{{ number }}", align="right")
    paragraph(doc, "被检查单位（人）：{{ object.name }}")
    paragraph(doc, "地址：{{ object.address }}")
    paragraph(doc, "法定代表人（负责人）：{{ object.legal_rep }}　　职务：{{ object.title }}　　联系电话：{{ object.phone }}")
    paragraph(doc, "检查场所：{{ place }}")
    paragraph(doc, "检查时间：{{ time.start|datetime_cn }}至{{ time.end|time_cn }}")
    paragraph(doc, "我们是{{ agency }}行政执法人员{% for o in officers %}{{ o.name }}{% if not loop.last %}、{% endif %}"
                  "{% endfor %}，证件号码为{% for o in officers %}{{ o.cert_no }}{% if not loop.last %}、{% endif %}{% endfor %}，"
                  "这是我们的证件（出示证件）。现依法对你单位进行现场检查，请予以配合。", indent_chars=2)
    paragraph(doc, "检查内容：{{ content }}", indent_chars=2)
    paragraph(doc, "检查情况：{{ process }}", indent_chars=2)
    paragraph(doc, "（此栏不够，可另附页）", size=SIZE_SMALL_4, align="right")
    paragraph(doc, "")
    paragraph(doc, "检查人员（签名）：__________　__________　　　　日期：　　年　　月　　日", keep_next=True)
    paragraph(doc, "被检查单位现场负责人（签名）：__________　　　　日期：　　年　　月　　日")
    page_number_footer(doc.sections[0])
    return save(doc, "inspection_record")
