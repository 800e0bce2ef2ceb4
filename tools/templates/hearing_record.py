"""听证笔录: the six elements, hearing staff and attendees, the course of the hearing, signatures."""

from _form_kit import (
    body,
    closing,
    document,
    officers_sign_line,
    party_lines,
    record_footer,
    record_officers,
    record_time_place,
    sign_line,
    video_line,
)
from kit import save


def build():
    doc = document("听证笔录", number=False)  # 2016 式样: no 文号 on this 笔录
    body(doc, "案由：{{ case_name }}", indent=False)
    record_time_place(doc, "听证时间", "听证地点")
    body(doc, "听证方式：{% if public %}公开{% else %}不公开{% endif %}", indent=False)
    body(doc, "听证主持人：{{ host }}　　记录员：{{ clerk }}", indent=False)
    record_officers(doc, "案件调查人员", recorder=False)
    party_lines(doc, "object", "当事人")
    body(doc, "当事人方参加人员：{% for a in attendees %}{{ a.name }}（{{ a.role }}{% if a.unit %}，{{ a.unit }}{% endif %}）"
              "{% if not loop.last %}、{% endif %}{% endfor %}", indent=False)
    body(doc, "听证事项：{{ content }}", indent=False)
    body(doc, "听证过程：{{ process }}")
    body(doc, "（此栏不够，可另附页）", indent=False)
    video_line(doc)
    closing(doc)
    sign_line(doc, "当事人（代理人）", count=2)
    officers_sign_line(doc, "案件调查人员")
    sign_line(doc, "听证主持人")
    sign_line(doc, "记录员")
    record_footer(doc, "听证参加人")
    return save(doc, "hearing_record")
