"""责令限期整改指令书 (应急责改): problems with a deadline each, basis, remedies, 不停止执行 (DOMAIN.md §6)."""

from _form_kit import (
    body,
    document,
    grid_table,
    notice_end,
    officers_sign_line,
    paragraph,
    party_word,
    remedies,
    you,
)
from kit import save


def build():
    doc = document("责令限期整改指令书")
    paragraph(doc, "{{ object.name }}：")
    body(doc, "经查，" + you("object") + "存在下列问题：")
    grid_table(doc, [14, 58, 40, 44], ["序号", "存在的问题", "违反的规定", "整改期限"],
               ["{{ loop.index }}", "{{ it.problem }}", "{{ it.basis }}", "{{ it.deadline|date_cn }}前"],
               "it in items")
    body(doc, "依据{{ legal_basis }}的规定，现责令" + you("object") + "对上述问题于所列期限内整改完毕，达到有关法律、法规、规章和"
              "国家标准或者行业标准规定的要求。整改期间，应当采取必要的安全防范措施，防止事故发生。")
    remedies(doc, act="指令")
    officers_sign_line(doc)
    notice_end(doc, party_word("被责令", "object"))
    return save(doc, "rectification_order")
