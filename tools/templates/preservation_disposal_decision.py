"""先行登记保存证据处理决定书 (2016 式样 22, 应急先保处; 行政处罚法 第五十六条: 先行登记保存后七日内及时作出处理
决定): the goods preserved and the 通知书's 文号, the decision, remedies."""

from _batch_a_kit import form_end
from _form_kit import body, document, paragraph, remedies, you
from kit import multiline, save

GOODS = ("{% for it in items %}{{ it.name }}{% if it.spec %}（{{ it.spec }}）{% endif %}{{ it.quantity }}"
         "{% if not loop.last %}、{% endif %}{% endfor %}")
GIVEN = '{% if object.type == "person" %}被取证人{% else %}被取证单位{% endif %}'


def build():
    doc = document("先行登记保存证据处理决定书")
    paragraph(doc, "{{ object.name }}：")
    body(doc, "本机关于{{ preserved_on|date_cn }}对" + you("object") + "的" + GOODS + "等物品进行了先行登记保存"
              "［文号：{{ preservation_number }}］。现依法对上述物品作出如下处理决定：")
    multiline(doc, "", "decision")
    remedies(doc, act="决定")
    form_end(doc, given=GIVEN)
    return save(doc, "preservation_disposal_decision")
