"""行政执法监督文书登记表 (004 第二十二条): a received supervision notice recorded — 来文机关、文书名称及文号、
发文/收文日期、涉及案件、监督事项、处理要求 — with the thirty-day written reply it starts, and blank lines for
the 拟办 and 负责人 opinions (signed by hand). The 2016 式样 has no such form; it follows the 结案审批表's layout."""

from _form_kit import form_document, form_table, keep_rows_together, label, min_height, opinion, value
from kit import save

from validators.citations import cite_cn
from validators.rulebook import PERIODS

REPLY = PERIODS["supervision_reply"]
DAYS_CN = {30: "三十"}[REPLY.amount]  # 004 第二十二条 “三十日内”, in the seed's own words


def build():
    doc = form_document(header="安全生产行政执法文书（内部）", heading="行政执法监督文书登记表", number=None)
    rows = [("来文机关", "{{ issuing_organ }}", 12),
            ("文书名称\n及文号", "《{{ notice_title }}》{% if notice_number %}　{{ notice_number }}{% endif %}", 12),
            ("发文日期", "{% if issued_date %}{{ issued_date|date_cn }}{% endif %}", 10),
            ("收文日期", "{{ received_date|date_cn }}", 10),
            ("涉及案件", "{{ case_name }}", 12),
            ("监督事项", "{{ matters }}", 34),
            ("处理要求", "{{ requirements }}", 20),
            ("报告期限", f"自接到本文书之日起{DAYS_CN}日内将处理结果书面报告{{{{ issuing_organ }}}}"
                         f"（{cite_cn(REPLY.source)}）。", 12)]
    t = form_table(doc, len(rows) + 2, [30, 126])
    for row, (name, text, height) in zip(t.rows, rows, strict=False):
        label(row.cells[0], name)
        value(row.cells[1], text)
        min_height(row, height)
    label(t.rows[len(rows)].cells[0], "拟办意见")
    opinion(t.rows[len(rows)].cells[1], "{{ handler_opinion }}", "承办人（签名）", min_lines=2)
    min_height(t.rows[len(rows)], 26)
    label(t.rows[len(rows) + 1].cells[0], "负责人\n意见")
    opinion(t.rows[len(rows) + 1].cells[1], "", "负责人（签名）", min_lines=2)
    min_height(t.rows[len(rows) + 1], 26)
    keep_rows_together(t)
    from kit import paragraph

    paragraph(doc, "收文机关：{{ agency }}　　　　登记人：{{ registrar }}", size=None)
    return save(doc, "supervision_notice")
