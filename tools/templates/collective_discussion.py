"""集体讨论记录 (DOMAIN.md §6; 002 第六条(三)(四); 000 第八条): a record with the six elements.

Elements: ``time``/``place``; ``officers`` = the case handlers who present it; ``object`` = the party of
the case; ``content`` = 讨论事项; ``process`` = 讨论经过. Every participant gets a signature line
(002 第六条(四)5: 由参加集体讨论人员在案卷讨论记录上签名) — names printed, signatures by hand.
"""

from kit import HEITI, SIZE_4, SIZE_SMALL_4, new_document, page_number_footer, paragraph, save, title


def build():
    doc = new_document()
    paragraph(doc, "安全生产行政执法文书", font=HEITI, size=SIZE_4, align="center")
    title(doc, "集体讨论记录")
    paragraph(doc, "{{ number }}", align="right")
    paragraph(doc, "讨论时间：{{ time.start|datetime_cn }}至{{ time.end|time_cn }}")
    paragraph(doc, "讨论地点：{{ place }}")
    paragraph(doc, "主持人：{{ host }}　　　　记录人：{{ recorder }}")
    paragraph(doc, "参加人员：{% for p in participants %}{{ p.name }}{% if p.title %}（{{ p.title }}）{% endif %}"
                   "{% if not loop.last %}、{% endif %}{% endfor %}")
    paragraph(doc, "案件承办人：{% for o in officers %}{{ o.name }}（执法证号{{ o.cert_no }}）"
                   "{% if not loop.last %}、{% endif %}{% endfor %}")
    paragraph(doc, "当事人：{{ object.name }}{% if object.type == 'organization' %}"
                   "{% if object.uscc %}，统一社会信用代码{{ object.uscc }}{% endif %}"
                   "{% if object.legal_rep %}，法定代表人（负责人）{{ object.legal_rep }}{% endif %}"
                   "{% else %}{% if object.id_no %}，居民身份证号码{{ object.id_no }}{% endif %}{% endif %}"
                   "{% if object.address %}，地址{{ object.address }}{% endif %}")
    paragraph(doc, "讨论事项：{{ content }}", indent_chars=0)
    paragraph(doc, "案情介绍及拟处理意见：{{ case_intro }}", indent_chars=0)
    paragraph(doc, "法制审核结论：{{ legal_review_conclusion }}{% if legal_review_note %}。"
                   "{{ legal_review_note }}{% endif %}")
    paragraph(doc, "讨论经过：{{ process }}")
    paragraph(doc, "参加人员意见：")
    paragraph(doc, "{%p for o in opinions %}")
    paragraph(doc, "{{ o.name }}：{{ o.opinion }}", indent_chars=2)
    paragraph(doc, "{%p endfor %}")
    paragraph(doc, "结论性意见：{{ conclusion }}", keep_next=True)
    paragraph(doc, "（此栏不够，可另附页）", size=SIZE_SMALL_4, align="right", keep_next=True)
    paragraph(doc, "参加人员签名：", keep_next=True)
    paragraph(doc, "{%p for p in participants %}")
    paragraph(doc, "　　{{ p.name }}：＿＿＿＿＿＿＿＿＿＿", keep_next=True)
    paragraph(doc, "{%p endfor %}")
    paragraph(doc, "记录人（签名）：＿＿＿＿＿＿＿＿＿＿　　　　日期：　　年　　月　　日")
    page_number_footer(doc.sections[0])
    return save(doc, "collective_discussion")
