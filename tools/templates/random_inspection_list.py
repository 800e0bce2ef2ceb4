"""双随机抽查结果清单 (002 第七条 “双随机、一公开”: 随机抽取检查对象和检查人员，全程留痕): the drawn targets with
the inspectors drawn for each, and how the draw can be checked — 抽取编号, 随机种子, the sizes of both lists. The
2016 式样 has no such form; a list in the 卷内目录's style (title, table with a repeated header row)."""

from _form_kit import body, grid_table, min_height, seal
from kit import SIZE_2, SIZE_SMALL_4, XIAOBIAOSONG, new_document, page_number_footer, paragraph, save

WIDTHS = [14, 56, 48, 38]


def build():
    doc = new_document(line_pt=26)
    paragraph(doc, "双随机抽查结果清单", font=XIAOBIAOSONG, size=SIZE_2, align="center", line_pt=40)
    paragraph(doc, "")
    body(doc, "抽查事项：{{ matter }}", indent=False)
    body(doc, "抽取时间：{{ drawn_at|datetime_cn }}", indent=False)
    body(doc, "抽取方式：从{{ targets_total }}个检查对象中随机抽取{{ entries|length }}个，从{{ inspectors_total }}名"
              "持有效执法证件的检查人员中为每个对象随机抽取{{ per_target }}名（有利害关系的人员已回避）。", indent=False)
    t = grid_table(doc, WIDTHS, ["序号", "检查对象", "统一社会信用代码\n（身份证号）", "检查人员"],
                   ["{{ loop.index }}", "{{ e.target }}", "{{ e.code }}", "{{ e.inspectors }}"], "e in entries")
    min_height(t.rows[0], 11)
    min_height(t.rows[2], 10)
    paragraph(doc, "")
    body(doc, "抽取编号：{{ draw_id }}；随机种子：{{ seed }}。以相同的名单和随机种子重新抽取，结果相同。",
         indent=False, size=SIZE_SMALL_4)
    paragraph(doc, "", keep_next=True)
    seal(doc)
    page_number_footer(doc.sections[0])
    return save(doc, "random_inspection_list")
