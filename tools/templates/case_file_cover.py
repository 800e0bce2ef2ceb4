"""案卷（首页） (应急案, 2016 式样 47): the agency's name over 安全生产违法案件 / 案卷（首页） and the number,
then 案件名称, a bordered box for 案由 and 处理结果 (labels set vertically, as in the form), and the lines
立案、结案、承办人、归档日期、归档号、保存期限. Filled by the archive (``wenshu case archive``)."""

from _form_kit import CELL_LINE_PT, fix_grid, min_height
from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT
from kit import (
    SIZE_2,
    SIZE_4,
    XIAOBIAOSONG,
    cell_text,
    new_document,
    page_number_footer,
    paragraph,
    rich,
    save,
    table,
)

LINE_PT = 27


def build():
    doc = new_document(line_pt=LINE_PT)
    paragraph(doc, "{{ agency }}", font=XIAOBIAOSONG, size=SIZE_2, align="center", line_pt=34)
    paragraph(doc, "安全生产违法案件", font=XIAOBIAOSONG, size=SIZE_2, align="center", line_pt=34)
    paragraph(doc, "案卷（首页）", font=XIAOBIAOSONG, size=SIZE_2, align="center", line_pt=34)
    paragraph(doc, "{{ number }}", align="center", size=SIZE_4)
    paragraph(doc, "")
    rich(doc, ["案件名称：", ("{{ case_name }}", {"u": True})])
    widths = [16, 140]
    t = table(doc, 2, 2, widths)
    fix_grid(t, widths)
    for row, (name, text, height) in zip(t.rows, (("案\n由", "{{ cause }}", 34),
                                                  ("处\n理\n结\n果", "{{ result }}", 48)), strict=True):
        cell_text(row.cells[0], name, align="center", line_pt=CELL_LINE_PT + 4)
        row.cells[0].vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.CENTER
        cell_text(row.cells[1], text, line_pt=CELL_LINE_PT + 2)
        row.cells[1].vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.CENTER
        min_height(row, height)
    paragraph(doc, "")
    rich(doc, ["立案：", ("{{ filing_date|date_cn }}", {"u": True})])
    rich(doc, ["结案：", ("{{ closing_date|date_cn }}", {"u": True})])
    rich(doc, ["承办人：", ("{% for o in handlers %}{{ o.name }}{% if not loop.last %}　　{% endif %}{% endfor %}",
                          {"u": True})])
    rich(doc, ["归档日期：", ("{{ archive_date|date_cn }}", {"u": True})])
    rich(doc, ["归档号：", ("{{ archive_no }}", {"u": True})])
    rich(doc, ["保存期限：", ("{{ retention }}", {"u": True})])
    page_number_footer(doc.sections[0])
    return save(doc, "case_file_cover")
