"""先行登记保存证据通知书 (行政处罚法 第五十六条): the goods, where kept, the 7-day decision, no destruction."""

from _form_kit import body, document, grid_table, notice_end, officers_sign_line, party_lines, video_line, you
from kit import save

from templates.filters import cn_num
from validators.rulebook import PRESERVATION_DECISION_DAYS


def build():
    doc = document("先行登记保存证据通知书")
    party_lines(doc, "object", "当事人")
    body(doc, "因" + you("object") + "{{ reason.rstrip('。；;.， ') }}，在证据可能灭失或者以后难以取得的情况下，依据《中华人民共和国行政处罚法》"
              "第五十六条的规定，经本机关负责人批准，决定对" + you("object") + "的下列物品先行登记保存：")
    grid_table(doc, [14, 44, 42, 22, 34], ["序号", "名称", "规格型号", "数量", "备注"],
               ["{{ loop.index }}", "{{ it.name }}", "{{ it.spec }}", "{{ it.quantity }}", "{{ it.note }}"], "it in items")
    body(doc, "保存方式：{{ storage_method }}　　保存地点：{{ storage_place }}", indent=False)
    body(doc, "在先行登记保存期间，" + you("object") + "不得损毁、销毁或者转移上述物品。本机关将在"
              f"{cn_num(PRESERVATION_DECISION_DAYS)}日内依法作出处理决定。")
    video_line(doc)
    officers_sign_line(doc)
    notice_end(doc)
    return save(doc, "evidence_preservation_notice")
