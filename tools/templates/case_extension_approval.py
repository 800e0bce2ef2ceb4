"""案件延期审批表 (应急案延; 2016 式样 45): 案件名称, 当事人基本情况, 案件延期理由 (承办人签名), 审核意见,
审批意见 (行政处罚法 第六十条: 立案之日起九十日内作出决定，法律、法规、规章另有规定的除外)."""

from _batch_b import CHAIN, chain_rows, party_cell, rows
from _form_kit import form_document, form_table, keep_rows_together, label, min_height, opinion
from kit import save


def build():
    doc = form_document(heading="案件延期审批表")
    t = form_table(doc, 5, [30, 126])
    rows(t, 0, [("案件名称", "{{ case_name }}")])
    label(t.rows[1].cells[0], "当事人\n基本情况")
    party_cell(t.rows[1].cells[1])
    label(t.rows[2].cells[0], "案件\n延期理由")
    opinion(t.rows[2].cells[1], "立案日期：{{ filed_date|date_cn }}。{{ reason }}"
                                "{% if extended_until %}拟延长至{{ extended_until|date_cn }}。{% endif %}", "承办人（签名）", min_lines=2)
    min_height(t.rows[2], 40)
    chain_rows(t, 3, 28, chain=CHAIN[1:])
    keep_rows_together(t)
    return save(doc, "case_extension_approval")
