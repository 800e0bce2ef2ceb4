"""陈述申辩笔录: the six elements, the statement, the closing formula, the signer's line on every page."""

from _form_kit import (
    body,
    closing,
    document,
    officers_sign_line,
    party_lines,
    record_footer,
    record_officers,
    record_time_place,
    show_credentials,
    sign_line,
    you,
)
from kit import save


def build():
    doc = document("陈述申辩笔录", number=False)  # 2016 式样: no 文号 on this 笔录
    record_time_place(doc, "时间", "地点")
    party_lines(doc, "object", "当事人")
    body(doc, "陈述申辩人：{{ speaker.name }}　　工作单位及职务：{{ speaker.unit }}{{ speaker.title }}"
              "{% if speaker.phone %}　　联系电话：{{ speaker.phone }}{% endif %}", indent=False)
    record_officers(doc)
    body(doc, "告知事项：{{ content }}", indent=False)
    show_credentials(doc, "现就本机关拟作出的行政处罚听取" + you("object") + "的陈述和申辩。你有如实陈述的义务，也有陈述、申辩和申请回避的权利。")
    body(doc, "过程：{{ process }}")
    body(doc, "陈述申辩内容：{{ statement }}")
    body(doc, "（此栏不够，可另附页）", indent=False)
    closing(doc)
    sign_line(doc, "陈述申辩人")
    officers_sign_line(doc)
    sign_line(doc, "记录人")
    record_footer(doc, "陈述申辩人")
    return save(doc, "statement_record")
