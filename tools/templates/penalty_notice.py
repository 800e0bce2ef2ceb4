"""行政处罚告知书 (应急罚告): facts, evidence, articles, proposed penalty, rights (DOMAIN.md §6 wording).

The hearing sentence is printed when ``hearing_right`` is true; the rule ``hearing_rights`` makes the flag
compulsory when 行政处罚法 第六十三条 applies, so the template needs no threshold of its own.
"""

from _form_kit import body, contact_lines, control, document, notice_end, paragraph, you
from kit import save

from templates.filters import cn_num
from validators.rulebook import PERIODS


def build():
    statement = cn_num(PERIODS["statement"].amount)
    hearing = cn_num(PERIODS["hearing_request"].amount)
    doc = document("行政处罚告知书")
    paragraph(doc, "{{ object.name }}：")
    # the facts often begin with 经查 themselves: never printed twice
    body(doc, "{% if not facts.lstrip().startswith('经查') %}经查，{% endif %}{{ facts }}")
    body(doc, "以上事实有{{ evidence }}等证据为证。")
    body(doc, you("object") + "的上述行为违反了{{ violated }}的规定，依据{{ applied }}的规定，本机关拟对" + you("object") + "作出如下行政处罚：")
    control(doc, "for p in penalties")
    body(doc, "{{ loop.index }}．{{ p|penalty_phrase }}{% if loop.last %}。{% else %}；{% endif %}")
    control(doc, "endfor")
    body(doc, "根据《中华人民共和国行政处罚法》第四十四条、第四十五条{% if hearing_right %}、第六十三条、第六十四条{% endif %}"
              "的规定，现将本机关拟作出行政处罚的事实、理由、依据及处罚内容告知" + you("object") + "。")
    body(doc, you("object") + f"有权进行陈述和申辩。如要求陈述和申辩，可在收到本告知书之日起{statement}日内向本机关提出。")
    control(doc, "if hearing_right")
    body(doc, you("object") + f"有要求举行听证的权利，可在收到本告知书之日起{hearing}日内向本机关提出。")
    control(doc, "endif")
    body(doc, "逾期未提出陈述、申辩{% if hearing_right %}或者听证要求{% endif %}的，视为放弃上述权利。")
    contact_lines(doc)
    notice_end(doc)
    return save(doc, "penalty_notice")
