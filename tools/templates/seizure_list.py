"""查封扣押（场所、设施、财物）清单 (2016 式样 9; 行政强制法 第二十四条第一款: 制作并当场交付查封、扣押决定书和
清单): 编号、名称、规格（型号）或者地址、单位、数量或者面积、备注; the party signs or seals, the officers sign
beside their 证号."""

from _batch_a_kit import officer_cert_lines
from _form_kit import DATE_BLANK, copies_note, form_document, grid_table, notice_footer, paragraph
from kit import _right_tab, overflow_note, rich, save


def build():
    doc = form_document(header="", heading="查封扣押（场所、设施、财物）清单", number="第{{ list_number }}号")
    grid_table(doc, [14, 34, 42, 14, 22, 30],
               ["编号", "名称", "规格（型号）\n或者地址", "单位", "数量或者\n面积", "备注"],
               ["{{ loop.index }}", "{{ it.name }}", "{{ it.spec }}", "{{ it.unit }}", "{{ it.quantity }}",
                "{{ it.note }}"], "it in items")
    overflow_note(doc)
    paragraph(doc, "")
    p = rich(doc, ["当事人（签名或者盖章）：", ("\u3000" * 5, {"u": True}), "\t" + DATE_BLANK], keep_next=True)
    _right_tab(p)
    paragraph(doc, "")
    officer_cert_lines(doc, with_date=True)
    paragraph(doc, "")
    copies_note(doc)
    notice_footer(doc)
    return save(doc, "seizure_list")
