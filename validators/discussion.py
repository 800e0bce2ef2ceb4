"""Rules of the 集体讨论记录 (002 第六条(三)(四); 000 第八条).

The six elements are checked by the shared ``elements`` rule; this one checks what makes a collective
discussion valid: enough participants, the host among them, every opinion from a participant, no
discussion of a decision the 法制审核 found unlawful (002 第六条(二)).
"""

from __future__ import annotations

from validators import rulebook
from validators.context import CheckContext
from validators.findings import WARNING, Finding, finding, pointer
from validators.registry import document_rule, is_blank


def _names(items: object, key: str = "name") -> list[str]:
    if not isinstance(items, list):
        return []
    return [str(i.get(key, "")).strip() for i in items if isinstance(i, dict)]


@document_rule("collective_discussion")
def discussion_rule(answers: dict, context: CheckContext) -> list[Finding]:
    out: list[Finding] = []
    people = _names(answers.get("participants"))
    present = [n for n in people if n]
    if isinstance(answers.get("participants"), list) and len(present) < rulebook.MIN_DISCUSSION_PARTICIPANTS:
        out.append(finding(pointer("participants"), "discussion.too_few",
                           f"集体讨论的参加人员不得少于{rulebook.MIN_DISCUSSION_PARTICIPANTS}人，请补充。"))
    seen: set[str] = set()
    for i, name in enumerate(people):
        if name and name in seen:
            out.append(finding(pointer("participants", i, "name"), "discussion.duplicate",
                               f"参加人员“{name}”重复，请删去重复项。"))
        seen.add(name)
    host = answers.get("host")
    if isinstance(host, str) and not is_blank(host) and present and host.strip() not in seen:
        out.append(finding(pointer("host"), "discussion.host_absent",
                           f"主持人“{host.strip()}”不在参加人员名单中，请将其列入参加人员。"))
    spoken = _names(answers.get("opinions"))
    for i, name in enumerate(spoken):
        if name and present and name not in seen:
            out.append(finding(pointer("opinions", i, "name"), "discussion.opinion_not_participant",
                               f"发言人“{name}”不是参加人员，请核对姓名或将其列入参加人员。"))
    if isinstance(answers.get("opinions"), list):
        silent = [n for n in present if n not in spoken]
        if silent:
            out.append(finding(pointer("opinions"), "discussion.opinion_missing",
                               f"以下参加人员没有记录意见：{'、'.join(silent)}。每位参加人员应当发表意见。",
                               WARNING))
    review = answers.get("legal_review_conclusion")
    if review == "撤销或不予作出":
        out.append(finding(pointer("legal_review_conclusion"), "discussion.review_unlawful",
                           "法制审核结论为撤销或不予作出的，不得提交集体讨论（002 第六条）。"))
    recorded = (context.case.get("legal_review") or {}).get("conclusion") if context.case else None
    if recorded and review and review != "不适用" and recorded != review:
        out.append(finding(pointer("legal_review_conclusion"), "discussion.review_mismatch",
                           f"本案法制审核意见书的结论是“{recorded}”，与此处填写的“{review}”不一致，请核对。",
                           WARNING))
    return out
