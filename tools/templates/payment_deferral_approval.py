"""延期（分期）缴纳罚款审批表 (应急缴审; 2016 式样 38): 案件名称, 处罚决定书文号, 当事人, 违法事实及处罚决定,
当事人申请的理由, then 承办人, 审核, 审批 opinions with blank signature lines (行政处罚法 第六十六条第二款)."""

from _batch_b import SIMPLE_PARTY, chain_rows, rows
from _form_kit import form_document, form_table, keep_rows_together
from kit import save


def build():
    doc = form_document(heading="延期（分期）缴纳罚款审批表")
    t = form_table(doc, 8, [36, 120])
    rows(t, 0, [("案件名称", "{{ case_name }}"), ("处罚决定书\n文号", "{{ decision_number }}"),
                ("当事人", SIMPLE_PARTY + "\n地址：{{ object.address }}"),
                ("违法事实\n及处罚决定", "{{ facts_and_decision }}", 22),
                ("当事人申请延期\n（分期）缴纳\n罚款的理由", "{{ reason }}", 22)])
    chain_rows(t, 5, 20)
    keep_rows_together(t)
    return save(doc, "payment_deferral_approval")
