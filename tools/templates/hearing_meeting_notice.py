"""行政处罚听证会通知书 (应急听通; 2016 式样 第27页): the hearing's time, place, 主持人, 听证员, 书记员, the
回避 right and the 注意事项 (行政处罚法 第六十四条)."""

from _form_kit import body, control, copies_note, document, notice_footer, paragraph, receipt_line, seal, you
from kit import save


def build():
    doc = document("行政处罚听证会通知书")
    paragraph(doc, "{{ object.name }}：")
    body(doc, "根据" + you("object") + "申请，关于{{ case_name[:-1] if case_name.endswith('案') else case_name }}一案，现定于{{ hearing_time|datetime_cn }}在{{ hearing_place }}"
              "{% if public %}公开{% else %}不公开{% endif %}举行听证会议，请准时出席。")
    body(doc, "听证主持人姓名：{{ host }}　　职务：{{ host_title }}", indent=False)
    control(doc, "for m in members")
    body(doc, "听证员姓名：{{ m.name }}　　职务：{{ m.title }}", indent=False)
    control(doc, "endfor")
    body(doc, "书记员姓名：{{ clerk }}　　职务：{{ clerk_title }}", indent=False)
    body(doc, "根据《中华人民共和国行政处罚法》第六十四条第（四）项的规定，" + you("object") + "认为主持人与本案有直接利害关系的，"
              "有权申请回避。")
    body(doc, "注意事项：")
    body(doc, "1.请事先准备相关证据，通知证人和委托代理人准时参加。")
    body(doc, "2.委托代理人参加听证的，应当在听证会前向本机关提交授权委托书等有关证明。")
    body(doc, "3.申请延期举行的，应当在举行听证会前向本机关提出，由本机关决定是否延期。")
    body(doc, "4.不按时参加听证会且未事先说明理由的，视为放弃听证权利。")
    body(doc, "特此通知。")
    seal(doc)
    body(doc, "本机关地址：{{ contact.address }}", indent=False)
    body(doc, "邮政编码：{{ contact.postcode }}", indent=False)
    body(doc, "联系人：{{ contact.person }}　　联系电话：{{ contact.phone }}", indent=False)
    receipt_line(doc, "申请听证人")
    copies_note(doc, given="申请听证人")
    notice_footer(doc)
    return save(doc, "hearing_meeting_notice")
