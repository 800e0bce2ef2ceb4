"""勘验笔录: the six elements, persons present, the course and result of the survey, and the 2016 式样's own
closing (第17页): no 询问笔录 formula — the note on the 勘验图 and the signatures of 勘验人, 当事人, 被邀请人, 记录人."""

from _form_kit import (
    body,
    control,
    document,
    officers_sign_line,
    party_lines,
    party_word,
    record_footer,
    record_officers,
    record_time_place,
    show_credentials,
    sign_line,
    video_line,
)
from kit import save


def build():
    doc = document("勘验笔录")
    record_time_place(doc, "勘验时间", "勘验地点")
    party_lines(doc, "object", party_word("被勘验", "object"))
    body(doc, "当事人或其代表：{{ present.name }}　　工作单位及职务：{{ present.unit }}{{ present.title }}", indent=False)
    control(doc, "if invitee.name")
    body(doc, "被邀请人：{{ invitee.name }}　　工作单位：{{ invitee.unit }}", indent=False)
    control(doc, "endif")
    record_officers(doc, "勘验人")
    body(doc, "勘验事由：{{ content }}", indent=False)
    show_credentials(doc, "现依法进行勘验检查，请予以配合。")
    body(doc, "勘验情况：{{ process }}")
    control(doc, "if attachments")
    body(doc, "附件：{{ attachments }}", indent=False)
    control(doc, "endif")
    body(doc, "本页填写不下的内容或者需绘制勘验图的，可另附页。", indent=False)
    video_line(doc)
    officers_sign_line(doc, "勘验人")
    sign_line(doc, "当事人或其代表")
    control(doc, "if invitee.name")
    sign_line(doc, "被邀请人")
    control(doc, "endif")
    sign_line(doc, "记录人")
    record_footer(doc, "当事人或其代表")
    return save(doc, "survey_record")
