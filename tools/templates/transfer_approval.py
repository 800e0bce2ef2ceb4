"""案件移送审批表 (应急移审; 2016 式样 43): 案由, 当事人, 地址, 受移送机关, 案情简介, 移送理由, then the
承办人员拟办意见, 审核意见, 审批意见 with blank signature lines (行政处罚法 第二十七条)."""

from _batch_b import CHAIN, SIMPLE_PARTY, chain_rows, rows
from _form_kit import form_document, form_table, keep_rows_together
from kit import save


def build():
    doc = form_document(heading="案件移送审批表")
    t = form_table(doc, 9, [30, 126])
    rows(t, 0, [("案　由", "{{ case_name }}"), ("当事人", SIMPLE_PARTY), ("地　址", "{{ object.address }}"),
                ("受移送机关", "{{ receiver }}"), ("案情简介", "{{ summary }}", 34), ("移送理由", "{{ reason }}", 30)])
    chain_rows(t, 6, 24, chain=(("承办人员\n拟办意见", *CHAIN[0][1:]), *CHAIN[1:]))
    keep_rows_together(t)
    return save(doc, "transfer_approval")
