"""恢复供电（供应民用爆炸物品）通知书 (2016 式样 14, 应急恢复通; 安全生产法 第七十条第二款 — 第六十七条第二款 in
the 2016 式样: 生产经营单位依法履行行政决定、采取相应措施消除事故隐患的，应当及时解除前款规定的措施)."""

from _batch_a_kit import form_end
from _form_kit import body, document, paragraph
from kit import save
from supply_stop_notice import THAT


def build():
    doc = document("恢复供电（供应民用爆炸物品）通知书")
    paragraph(doc, "{{ recipient }}：")
    body(doc, f"本机关于{{{{ stop_date|date_cn }}}}依法对{{{{ object.name }}}}作出了停止{{{{ supply }}}}的措施，{THAT}已于"
              f"{{{{ complied_date|date_cn }}}}依法履行了相关行政决定、采取相应措施消除事故隐患，依据《中华人民共和国安全生产法》"
              f"第七十条第二款的规定，本机关决定对{THAT}解除停止{{{{ supply }}}}措施。请你单位于{{{{ restore_time|datetime_cn }}}}"
              f"对{THAT}给予恢复{{{{ supply }}}}，请给予配合。")
    form_end(doc, given="相关单位")
    return save(doc, "supply_restore_notice")
