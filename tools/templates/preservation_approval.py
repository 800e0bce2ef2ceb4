"""先行登记保存证据审批表 (2016 式样 19, 应急先保审; 行政处罚法 第五十六条: 经行政机关负责人批准，可以先行登记保存):
案件名称、当事人及基本情况、案件基本情况、证据名称及数量、提请理由及依据、保存方式, and the four opinions."""

from _batch_a_kit import GOODS_TEXT, PARTY_LINES, approval_form


def build():
    return approval_form("preservation_approval", "先行登记保存证据审批表", [
        ("案件名称", "{{ case_name }}", 9), ("当事人\n及基本情况", PARTY_LINES, 0),
        ("案件基本情况", "{{ case_summary }}", 18), ("证据名称\n及数量", GOODS_TEXT, 11),
        ("提请理由\n及依据", "{{ reason }}", 16), ("保存方式", "{{ storage_method }}", 11)])
