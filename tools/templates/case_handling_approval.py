"""案件处理呈批表 (应急处呈; 2016 式样 30): 当事人基本情况, 违法事实及处罚依据, 当事人的申辩意见, then
承办人意见, 审核意见, 审批意见, each with a blank signature line (行政处罚法 第五十七条)."""

from _batch_b import chain_rows, party_cell, rows
from _form_kit import form_document, form_table, keep_rows_together, label
from kit import save


def build():
    doc = form_document(heading="案件处理呈批表")
    t = form_table(doc, 7, [30, 126])
    rows(t, 0, [("案件名称", "{{ case_name }}")])
    label(t.rows[1].cells[0], "当事人\n基本情况")
    party_cell(t.rows[1].cells[1])
    rows(t, 2, [("违法事实\n及处罚依据", "{{ facts_and_basis }}", 30), ("当事人的\n申辩意见", "{{ statement }}", 16)])
    chain_rows(t, 4, 22)
    keep_rows_together(t)
    return save(doc, "case_handling_approval")
