"""停止供电（供应民用爆炸物品）决定书 (2016 式样 13, 应急停供决; 安全生产法 第七十条第一款 — in the 2016 式样 still
第六十七条 of the 2014 law): the unit refused to carry out a 停产停业 decision; from when the supply stops; remedies."""

from _batch_a_kit import form_end
from _form_kit import body, document, paragraph, remedies, you
from kit import save


def build():
    doc = document("停止供电（供应民用爆炸物品）决定书")
    paragraph(doc, "{{ object.name }}：")
    y = you("object")
    body(doc, f"因{y}存在重大生产安全事故隐患，本机关于{{{{ prior_date|date_cn }}}}依法对{y}作出了{{{{ prior_decision }}}}的决定，"
              f"{y}未执行以上决定，没有及时消除事故隐患，存在发生生产安全事故现实危险。为保障安全生产，依据《中华人民共和国"
              f"安全生产法》第七十条第一款的规定，本机关决定自{{{{ start_time|datetime_cn }}}}起，对{y}采取停止{{{{ supply }}}}措施，"
              f"强制{y}履行决定。")
    body(doc, f"{y}依法履行行政决定、采取相应措施消除事故隐患的，本机关将及时通知有关单位解除上述有关措施。")
    remedies(doc, act="决定")
    form_end(doc, given="相关单位")
    return save(doc, "supply_stop_decision")
