"""查封扣押决定书 (安全生产法 第六十五条; 行政强制法 第二十四、二十五条): reason, basis, goods, period, remedies."""

from _form_kit import (
    body,
    document,
    grid_table,
    notice_end,
    officers_sign_line,
    paragraph,
    remedies,
    video_line,
    you,
)
from kit import save


def build():
    doc = document("查封扣押决定书")
    paragraph(doc, "{{ object.name }}：")
    body(doc, "地址：{{ object.address }}", indent=False)  # 行政强制法 第二十四条第二款（一）
    body(doc, "{{ facts }}")
    body(doc, "依据{{ legal_basis }}的规定，本机关决定对" + you("object") + "的下列场所、设施或者财物予以{{ measure }}：")
    grid_table(doc, [14, 44, 42, 22, 34], ["序号", "名称", "规格型号", "数量", "备注"],
               ["{{ loop.index }}", "{{ it.name }}", "{{ it.spec }}", "{{ it.quantity }}", "{{ it.note }}"], "it in items")
    body(doc, "{{ measure }}期限为{{ period_days }}日，自本决定送达之日起计算；{{ measure }}物品存放地点：{{ storage_place }}。"
              "{{ measure }}期间，" + you("object") + "不得擅自启封、动用或者转移上述物品。情况复杂需要延长期限的，本机关将依法书面告知。")
    remedies(doc, act="决定")
    video_line(doc)
    officers_sign_line(doc)
    notice_end(doc)
    return save(doc, "seizure_decision")
