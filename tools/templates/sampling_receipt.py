"""抽样取证凭证: the six elements and the samples in a table; both sides sign; the unit keeps a copy."""

from _form_kit import (
    body,
    document,
    grid_table,
    notice_footer,
    officers_sign_line,
    paragraph,
    party_lines,
    party_word,
    record_officers,
    record_time_place,
    sign_line,
    video_line,
)
from kit import save


def build():
    doc = document("抽样取证凭证")
    party_lines(doc, "object", party_word("被抽样", "object"))
    record_time_place(doc, "抽样时间", "抽样地点")
    record_officers(doc, "抽样人", recorder=False)
    body(doc, "抽样目的：{{ content }}", indent=False)
    body(doc, "抽样过程：{{ process }}")
    body(doc, "抽取样品如下：", indent=False)
    grid_table(doc, [14, 42, 28, 28, 22, 22], ["序号", "样品名称", "规格型号", "批号或编号", "抽样基数", "抽样数量"],
               ["{{ loop.index }}", "{{ s.name }}", "{{ s.spec }}", "{{ s.batch }}", "{{ s.base }}", "{{ s.quantity }}"],
               "s in samples")
    video_line(doc)
    body(doc, "本凭证一式两份，一份交" + party_word("被抽样", "object") + "。", keep_next=True)
    sign_line(doc, party_word("被抽样", "object"))
    officers_sign_line(doc, "抽样人")
    paragraph(doc, "{{ agency }}（印章）", align="right")
    notice_footer(doc)
    return save(doc, "sampling_receipt")
