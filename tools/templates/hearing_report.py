"""听证会报告书 (应急听报; 2016 式样 29): 案件名称, 主持人/听证员/书记员, 听证会基本情况摘要 (详见听证笔录),
主持人意见 and 负责人审核意见 with blank signature lines (行政处罚法 第六十四条、第六十五条)."""

from _batch_b import rows
from _form_kit import form_document, form_table, keep_rows_together, label, min_height, opinion, value
from kit import save


def build():
    doc = form_document(heading="听证会报告书")
    t = form_table(doc, 5, [30, 126])
    rows(t, 0, [("案件名称", "{{ case_name }}"),
                ("听证人员", "主持人：{{ host }}　　听证员：{{ hearing_officers|blank(4) }}　　书记员：{{ clerk }}")])
    label(t.rows[2].cells[0], "听证会\n基本情况\n摘要")
    value(t.rows[2].cells[1], "{% if hearing_date %}{{ hearing_date|date_cn }}举行听证。{% endif %}{{ summary }}"
                              "（详见听证笔录，笔录附后）")
    min_height(t.rows[2], 60)
    label(t.rows[3].cells[0], "主持人\n意见")
    opinion(t.rows[3].cells[1], "{{ host_opinion }}", "主持人（签名）", min_lines=2)
    min_height(t.rows[3], 36)
    label(t.rows[4].cells[0], "负责人\n审核意见")
    opinion(t.rows[4].cells[1], "{{ head_opinion }}", "负责人（签名）", min_lines=3)
    min_height(t.rows[4], 36)
    keep_rows_together(t)
    return save(doc, "hearing_report")
