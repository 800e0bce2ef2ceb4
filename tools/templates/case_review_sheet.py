"""行政执法案卷评查表 — one row per criterion of 002 第八条（一）—（八）, the score, the reviewers' signatures."""

from _form_kit import body, form_document, grid_table
from kit import SIZE_SMALL_4, paragraph, save, signature_line


def build():
    doc = form_document(header="", heading="行政执法案卷评查表", number=None)
    body(doc, "被评查案卷：{{ case_name }}", indent=False)
    body(doc, "评查机关：{{ agency }}　　　　评查日期：{{ date|date_cn }}", indent=False)
    paragraph(doc, "评查依据：行政执法监督制度 第八条；行政执法协调监督实施细则 第十二条。", size=SIZE_SMALL_4)
    grid_table(doc, [58, 70, 14, 14], ["评查项目", "评查情况", "得分", "分值"],
               ["{{ r.item }}", "{{ r.result }}", "{{ r.score }}", "{{ r.max }}"], "r in rows")
    body(doc, "总得分：{{ score }}分（满分100分）{% if not complete %}。人工评分项目尚未全部评分，总得分只计已评部分{% endif %}。",
         indent=False)
    signature_line(doc, "评查人员", signers=2, width=4, date=False, keep_next=True)
    signature_line(doc, "评查机构负责人", signers=1, width=4, keep_next=True)
    return save(doc, "case_review_sheet")
