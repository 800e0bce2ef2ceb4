"""卷内目录 (2016 式样 48): the title 卷 内 目 录 and a bordered table 序号 / 文件名称及编号 / 日期 / 页号 / 备注,
a row per document of the case file in binding order; 页号 is the page of the case file on which the
document begins (the archive counts the real pages). The header row repeats on every page."""

from _form_kit import grid_table, min_height
from kit import SIZE_2, XIAOBIAOSONG, new_document, page_number_footer, paragraph, save

WIDTHS = [12, 84, 26, 14, 20]


def build():
    doc = new_document(line_pt=28)
    paragraph(doc, "卷　内　目　录", font=XIAOBIAOSONG, size=SIZE_2, align="center", line_pt=40)
    paragraph(doc, "")
    t = grid_table(doc, WIDTHS, ["序号", "文件名称及编号", "日期", "页号", "备注"],
                   ["{{ loop.index }}", "{{ e.title }}{% if e.number %}　{{ e.number }}{% endif %}",
                    "{% if e.date %}{{ e.date|replace('-', '.') }}{% endif %}", "{{ e.page }}", "{{ e.note }}"],
                   "e in entries")
    for i in (2, 3, 4):
        for p in t.rows[2].cells[i].paragraphs:
            p.alignment = 1  # centred
    min_height(t.rows[0], 11)
    min_height(t.rows[2], 10)
    page_number_footer(doc.sections[0])
    return save(doc, "case_file_index")
