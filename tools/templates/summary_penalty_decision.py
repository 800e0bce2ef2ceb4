"""行政（当场）处罚决定书（单位/个人） (应急罚当; 2016 式样 32–33), one kind: the party lines follow its type.
Contents of 行政处罚法 第五十二条: the violation, kind and basis of the penalty, the fine, time and place, the
remedies and the agency, signed by the officers; the party signs for receipt (拒绝签收的注明)."""

from _form_kit import HEADER, body, copies_note, officers_sign_line, paragraph, seal, sign_line
from kit import HEITI, SIZE_4, new_document, page_number_footer, save, title


def build():
    # the 式样 prints the whole decision on one page, handed over on the spot: a slightly tighter line
    doc = new_document(line_pt=20)
    paragraph(doc, HEADER, font=HEITI, size=SIZE_4, align="center")
    title(doc, "行政（当场）处罚决定书（{% if object.type == 'person' %}个人{% else %}单位{% endif %}）")
    paragraph(doc, "{{ number }}", align="right")
    paragraph(doc, "{%p if object.type == 'person' %}")
    body(doc, "被处罚人：{{ object.name }}　　性别：{{ object.gender|blank(2) }}　　年龄：{{ object.id_no|age_on(time)|blank(2) }}"
              "　　身份证号：{{ object.id_no }}", indent=False)
    body(doc, "家庭住址：{{ object.address }}　　所在单位：{{ employer|blank(6) }}", indent=False)
    body(doc, "单位地址：{{ employer_address|blank(6) }}　　联系电话：{{ object.phone }}", indent=False)
    paragraph(doc, "{%p else %}")
    body(doc, "被处罚单位：{{ object.name }}", indent=False)
    body(doc, "统一社会信用代码：{{ object.uscc }}　　联系电话：{{ object.phone }}", indent=False)
    body(doc, "地址：{{ object.address }}{% if postcode %}　　邮政编码：{{ postcode }}{% endif %}", indent=False)
    body(doc, "法定代表人（负责人）：{{ object.legal_rep }}　　职务：{{ object.title }}", indent=False)
    paragraph(doc, "{%p endif %}")
    body(doc, "处罚时间：{{ time|datetime_cn }}　　处罚地点：{{ place }}", indent=False)
    body(doc, "违法事实及证据：{{ facts }}")
    body(doc, "以上事实违反了{{ violated }}的规定，依据{{ basis }}的规定，决定给予"
              "{% if warning %}警告{% endif %}{% if warning and fine %}，并处{% endif %}"
              "{% if fine %}罚款人民币{{ fine|money_cn|replace('人民币', '') }}（￥{{ fine|money }}）{% endif %}的行政处罚。")
    paragraph(doc, "{%p if fine %}")
    body(doc, "罚款的履行方式和期限：{% if payment_method == 'onsite' %}当场缴纳。执法人员当场收缴罚款的，出具财政部门统一制发的"
              "专用票据（行政处罚法 第六十八条、第七十条）。{% else %}自收到本决定书之日起十五日内缴至{{ bank }}，账号{{ account }}，"
              "到期不缴每日按罚款数额的百分之三加处罚款。{% endif %}")
    paragraph(doc, "{%p endif %}")
    body(doc, "如果不服本处罚决定，可以依法在六十日内向{{ reconsideration_organ }}申请行政复议，或者在六个月内依法向{{ court }}"
              "提起行政诉讼，但本决定不停止执行，法律另有规定的除外。逾期不申请行政复议、不提起行政诉讼又不履行的，本机关将依法"
              "申请人民法院强制执行或者依照有关规定强制执行。")
    officers_sign_line(doc, "行政执法人员", with_date=False)
    sign_line(doc, "当事人或者委托代理人", with_date=False)
    seal(doc, "time")
    copies_note(doc, given="{% if object.type == 'person' %}被处罚人{% else %}被处罚单位{% endif %}")
    page_number_footer(doc.sections[0])
    return save(doc, "summary_penalty_decision")
