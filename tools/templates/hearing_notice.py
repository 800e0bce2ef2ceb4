"""听证告知书 (应急听告): time, place, 主持人 and the party's rights at the hearing (行政处罚法 第六十四条)."""

from _form_kit import body, contact_lines, document, notice_end, paragraph
from kit import save


def build():
    doc = document("听证告知书")
    paragraph(doc, "{{ object.name }}：")
    body(doc, "根据你（单位）的申请，依据《中华人民共和国行政处罚法》第六十三条、第六十四条的规定，本机关定于"
              "{{ hearing_time|datetime_cn }}在{{ hearing_place }}就{{ case_name }}举行听证。听证由{{ host }}主持"
              "{% if clerk %}，{{ clerk }}担任记录员{% endif %}。本次听证{% if public %}公开举行{% else %}因涉及国家秘密、"
              "商业秘密或者个人隐私，不公开举行{% endif %}。")
    body(doc, "你（单位）享有下列权利：")
    body(doc, "一、可以亲自参加听证，也可以委托一至二人代理参加听证；委托代理人参加的，应当在听证举行前向本机关提交"
              "载明委托事项和权限的授权委托书。")
    body(doc, "二、认为听证主持人、记录员与本案有直接利害关系或者有其他关系可能影响公正听证的，有权申请回避。")
    body(doc, "三、在听证中进行陈述、申辩和质证，并可以出示证据。")
    body(doc, "四、听证结束后审阅听证笔录，认为有错误的，有权要求补正。")
    body(doc, "请你（单位）按时参加听证，并携带身份证明及有关证据材料。无正当理由拒不出席听证或者未经许可中途退出听证的，"
              "视为放弃听证权利，本机关终止听证。")
    contact_lines(doc)
    notice_end(doc)
    return save(doc, "hearing_notice")
