"""停止供电（供应民用爆炸物品）通知书 (2016 式样 12, 应急停供通; 安全生产法 第七十条第一款: 通知应当采用书面形式，
有关单位应当予以配合): to the power company or the explosives supplier, about the unit that refused a decision."""

from _batch_a_kit import form_end
from _form_kit import body, document, paragraph
from kit import save

#: The 生产经营单位 the notice is about, in the third person (a 个体 operator is not 该单位).
THAT = '{% if object.type == "person" %}该生产经营者{% else %}该单位{% endif %}'


def build():
    doc = document("停止供电（供应民用爆炸物品）通知书")
    paragraph(doc, "{{ recipient }}：")
    body(doc, f"因{{{{ object.name }}}}存在重大生产安全事故隐患，本机关于{{{{ prior_date|date_cn }}}}依法对{THAT}作出了"
              f"{{{{ prior_decision }}}}的决定，{THAT}未执行以上决定，没有及时消除事故隐患，存在发生生产安全事故现实危险。"
              f"为保障安全生产，依据《中华人民共和国安全生产法》第七十条第一款的规定，本机关决定对{THAT}采取停止{{{{ supply }}}}"
              f"措施，强制其履行决定。请你单位于{{{{ start_time|datetime_cn }}}}对{THAT}停止{{{{ supply }}}}，请给予配合。")
    body(doc, f"{THAT}依法履行行政决定、采取相应措施消除事故隐患的，本机关将及时通知你单位解除有关措施。")
    form_end(doc, given="相关单位")
    return save(doc, "supply_stop_notice")
