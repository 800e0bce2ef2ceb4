"""The legal basis of a penalty (法律依据): citations parsed, checked against the law as data.

The law table — each law's articles (text of the official publication) and, for the 法律责任 chapter,
who each article punishes, with which penalty kinds and within which fine range, and which duty articles
it punishes — is data (``templates/laws/``), registered from above through ``register_law_table`` as the
kinds' 代字 are (``validators.numbers.register_default_codes``); this module reads no files.

Document rule ``"legal_basis"`` (listed in a kind's ``x-wenshu.rules``; the fields it reads are named in
``x-wenshu.legal_basis``):

- a cited article, paragraph (款) or item (项) that the law does not have → error;
- a 依据 that is not a penalty article, or does not punish the 违反 article → error;
- a penalty kind the article does not provide for that party, or a fine outside the article's range for
  that party type → error, naming the range and the article (``以上``/``以下`` include the amount itself);
- the agency's 裁量基准 (``settings["discretion"]``) narrowing the range → warning; a matched
  不予处罚/从轻/减轻 list entry (``settings["leniency"]``) → warning, so it is shown;
- an entry not checked word for word (``verified: false``) only suggests: its findings are warnings.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from validators.context import CheckContext
from validators.findings import ERROR, WARNING, Finding, finding, pointer
from validators.law_table import law_table, register_law_table  # noqa: F401  (installed from above)
from validators.money import parse_amount
from validators.registry import document_rule, is_blank
from validators.rulebook import PENALTY_KINDS

_LawTable = Mapping[str, dict]


# --- numbers -------------------------------------------------------------------------------------
_CN_DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
_CN_UNITS = {"十": 10, "百": 100, "千": 1000}
_CN_NUM = "零〇一二三四五六七八九十百千两0-9０-９"


def cn_to_int(text: str) -> int | None:
    """``"一百零三"`` → 103, ``"十"`` → 10, ``"99"`` → 99; None when not a number."""
    text = text.translate(str.maketrans("０１２３４５６７８９", "0123456789"))
    if text.isdigit():
        return int(text)
    total, digit = 0, 0
    for ch in text:
        if ch in _CN_DIGITS:
            digit = _CN_DIGITS[ch]
        elif ch in _CN_UNITS:
            total += (digit or 1) * _CN_UNITS[ch]
            digit = 0
        else:
            return None
    return total + digit


def int_to_cn(n: int) -> str:
    """103 → ``"一百零三"``, 10 → ``"十"``, 99 → ``"九十九"`` (as the laws number articles)."""
    digits = "零一二三四五六七八九"
    if n < 10:
        return digits[n]
    if n < 20:
        return "十" + (digits[n % 10] if n % 10 else "")
    if n < 100:
        return digits[n // 10] + "十" + (digits[n % 10] if n % 10 else "")
    if n < 1000:
        rest = n % 100
        head = digits[n // 100] + "百"
        if rest == 0:
            return head
        if rest < 10:
            return head + "零" + digits[rest]
        return head + digits[rest // 10] + "十" + (digits[rest % 10] if rest % 10 else "")
    return str(n)


def article_label(n: int) -> str:
    return f"第{int_to_cn(n)}条"


def yuan(amount: Decimal | int) -> str:
    """50000 → ``"5万元"``, 12345 → ``"12345元"``."""
    d = Decimal(amount)
    if d >= 10000 and d % 100 == 0:
        wan = (d / 10000).normalize()
        return f"{wan:f}万元"
    return f"{d.normalize():f}元"


# --- citations -----------------------------------------------------------------------------------
@dataclass(frozen=True)
class Citation:
    """One article (and paragraph 款 / item 项) cited after a law's title in 《》."""

    law: str
    article: int
    paragraph: int | None = None
    item: int | None = None

    def label(self, title: str | None = None) -> str:
        out = f"《{title or self.law}》{article_label(self.article)}"
        if self.paragraph:
            out += f"第{int_to_cn(self.paragraph)}款"
        if self.item:
            out += f"第（{int_to_cn(self.item)}）项"
        return out


_TITLE = re.compile(r"《([^《》]+)》")
_TOKEN = re.compile(
    rf"第([{_CN_NUM}]+)条"
    rf"|第([{_CN_NUM}]+)款"
    rf"|第?[（(]([{_CN_NUM}]+)[）)]项?"
    rf"|第([{_CN_NUM}]+)项"
)


def parse_citations(text: Any) -> list[Citation]:
    """Every article cited in ``text``: ``《中华人民共和国安全生产法》第九十九条第（二）项、第一百零二条`` →
    two citations. A 款 or 项 after an already complete citation (``第二项和第三项``) cites the same article."""
    if not isinstance(text, str):
        return []
    out: list[Citation] = []
    titles = list(_TITLE.finditer(text))
    for i, m in enumerate(titles):
        law = m.group(1).strip()
        segment = text[m.end(): titles[i + 1].start() if i + 1 < len(titles) else len(text)]
        current: dict | None = None
        cites: list[dict] = []
        for t in _TOKEN.finditer(segment):
            art, para, item_paren, item = t.groups()
            if art is not None:
                n = cn_to_int(art)
                if n is None:
                    continue
                current = {"article": n, "paragraph": None, "item": None}
                cites.append(current)
            elif current is None:
                continue
            elif para is not None:
                n = cn_to_int(para)
                if current["paragraph"] is not None or current["item"] is not None:
                    current = {"article": current["article"], "paragraph": n, "item": None}
                    cites.append(current)
                else:
                    current["paragraph"] = n
            else:
                n = cn_to_int(item_paren or item)
                if current["item"] is not None:
                    current = {**current, "item": n}
                    cites.append(current)
                else:
                    current["item"] = n
        out += [Citation(law, c["article"], c["paragraph"], c["item"]) for c in cites]
    return out


def _normal(title: str) -> str:
    return re.sub(r"\s", "", title).removeprefix("中华人民共和国")


def find_law(name: str, table: _LawTable | None = None) -> dict | None:
    """The law titled or called ``name`` (``中华人民共和国安全生产法``, ``安全生产法``), or None."""
    table = law_table() if table is None else table
    wanted = _normal(name)
    for short, law in table.items():
        if wanted in (_normal(short), _normal(law.get("title", "")), *map(_normal, law.get("aliases", ()))):
            return law
    return None


def article(law: dict, number: int) -> dict | None:
    return (law.get("articles") or {}).get(number)


def existence_findings(cite: Citation, law: dict, path: str) -> list[Finding]:
    """The cited article, paragraph and item exist in the law."""
    title = law.get("title") or cite.law
    art = article(law, cite.article)
    if art is None:
        count = len(law.get("articles") or {})
        return [finding(path, "law.no_article",
                        f"《{title}》没有{article_label(cite.article)}（共{int_to_cn(count)}条），请核对条文序号。")]
    paragraphs = art.get("paragraphs") or []
    if cite.paragraph is not None and not 1 <= cite.paragraph <= len(paragraphs):
        return [finding(path, "law.no_paragraph",
                        f"《{title}》{art['label']}没有第{int_to_cn(cite.paragraph)}款"
                        f"（共{int_to_cn(len(paragraphs))}款），请核对。")]
    if cite.item is not None:
        if cite.paragraph is not None:
            items = paragraphs[cite.paragraph - 1].get("items") or []
        else:
            items = [i for p in paragraphs for i in p.get("items") or []]
        if not 1 <= cite.item <= len(items):
            where = art["label"] + (f"第{int_to_cn(cite.paragraph)}款" if cite.paragraph else "")
            have = f"只有{int_to_cn(len(items))}项" if items else "不分项"
            return [finding(path, "law.no_item", f"《{title}》{where}没有第（{int_to_cn(cite.item)}）项（该条{have}），请核对。")]
    return []


def provisions_for(law: dict, cite: Citation) -> list[dict]:
    """The liability provisions (annotated article paragraphs) a citation names."""
    found = [p for p in law.get("provisions") or [] if p.get("article") == cite.article]
    if cite.paragraph is not None:
        found = [p for p in found if p.get("paragraph") in (None, cite.paragraph)]
    elif len(found) > 1:
        # no 款 given: the paragraph holding the cited item, else the first paragraph
        art = article(law, cite.article) or {}
        para = 1
        if cite.item is not None:
            for i, p in enumerate(art.get("paragraphs") or [], 1):
                if p.get("items"):
                    para = i
                    break
        found = [p for p in found if p.get("paragraph") in (None, para)] or found[:1]
    return found


def clauses_for(provision: dict, cite: Citation) -> list[dict]:
    return [c for c in provision.get("clauses") or []
            if cite.item is None or not c.get("items") or cite.item in c["items"]]


def duties_for(provision: dict, cite: Citation) -> list[str]:
    duties = provision.get("duties") or {}
    if cite.item is not None and str(cite.item) in duties:
        return list(duties[str(cite.item)])
    if "*" in duties:
        return list(duties["*"])
    return [d for v in duties.values() for d in v]


# --- parties ------------------------------------------------------------------------------------
ORGANIZATION = "单位"
PERSON_SUBJECTS = ("主要负责人", "其他负责人", "安全生产管理人员", "个人经营的投资人", "直接责任人员")
#: a 负责人 or 安全生产管理人员 may be punished as 直接负责的主管人员 where the article names no one else.
_FALLBACK = {"主要负责人": "直接责任人员", "其他负责人": "直接责任人员", "安全生产管理人员": "直接责任人员"}


def party_subjects(answers: dict, party: Any, clauses: list[dict]) -> tuple[list[str], bool]:
    """Candidate subjects for the party, most specific first, and whether the party is a person."""
    kind = party.get("type") if isinstance(party, dict) else None
    if kind != "person":
        return [ORGANIZATION], False
    role = answers.get("party_role") or (party.get("role") if isinstance(party, dict) else None)
    title = party.get("title") if isinstance(party, dict) else None
    if not role and isinstance(title, str):  # 职务 “主要负责人”“安全生产管理人员” …
        role = next((s for s in PERSON_SUBJECTS if s in title), None)
    present = [c["subject"] for c in clauses if c.get("subject") != ORGANIZATION]
    if isinstance(role, str) and role.strip():
        role = role.strip()
        return [role, *([_FALLBACK[role]] if role in _FALLBACK else [])], True
    facts = answers.get("facts") if isinstance(answers.get("facts"), str) else ""
    named = [s for s in PERSON_SUBJECTS if s in facts and s in present]
    return (named or list(dict.fromkeys(present))), True


def _markers(law: dict, text: str) -> set[str]:
    return {name for name, words in (law.get("markers") or {}).items() if any(w in text for w in words)}


def _fine_clause(clauses: list[dict], active: set[str]) -> tuple[dict | None, list[dict]]:
    """The fine clause that applies given the circumstances found (``active``), and the other fine
    clauses of the same subject (mentioned in the message)."""
    fines = [c for c in clauses if c.get("fine")]
    marked = [c for c in fines if c.get("when") and c["when"] in active]
    base = [c for c in fines if not c.get("when")]
    chosen = marked[-1] if marked else (base[0] if base else (fines[0] if len(fines) == 1 else None))
    return chosen, [c for c in fines if c is not chosen]


def fine_range(clause: dict, income: Decimal | None) -> tuple[Decimal | None, Decimal | None, str] | None:
    """(minimum, maximum, described) of a clause's fine; None when it depends on what the answers do not
    give (the party's annual income)."""
    fine = clause.get("fine") or {}
    if "income_percent" in fine:
        return None
    if "income_multiple" in fine and income is not None and income >= Decimal(fine.get("income_threshold", 0)):
        lo, hi = fine["income_multiple"]
        return (income * lo, income * hi,
                f"违法所得{yuan(income)}的{int_to_cn(lo)}倍以上{int_to_cn(hi)}倍以下，即{yuan(income * lo)}以上{yuan(income * hi)}以下")
    lo = Decimal(fine["min"]) if "min" in fine else None
    hi = Decimal(fine["max"]) if "max" in fine else None
    if lo is not None and hi is not None:
        text = f"{yuan(lo)}以上{yuan(hi)}以下"
    elif hi is not None:
        text = f"{yuan(hi)}以下"
    elif lo is not None:
        text = f"{yuan(lo)}以上"
    else:
        return None
    return lo, hi, text


# --- the rule -------------------------------------------------------------------------------------
_DEFAULT_FIELDS = {"basis": "basis", "violated": "violated", "penalties": "penalties", "facts": "facts",
                   "party": "object"}
#: Kinds that are penalties (行政处罚法 第九条) and so must be provided for by the article.
_PENALTY_KINDS = frozenset(k for k in PENALTY_KINDS if k != "other")
_KIND_TITLES = {k: v for k, v in PENALTY_KINDS.items() if k in _PENALTY_KINDS}
#: 行政处罚法 第三十二条: 从轻或者减轻 — a fine below the minimum is then a mitigated fine, not a fault.
_MITIGATION = Citation("行政处罚法", 32)


def _subject_title(law: dict, subject: str) -> str:
    return (law.get("subjects") or {}).get(subject, subject)


@dataclass
class _Violation:
    cite: Citation
    law: dict
    provision: dict
    subject: str
    clauses: list[dict]


def _sev(verified: bool) -> str:
    return ERROR if verified else WARNING


_UNVERIFIED = "（该条标注尚未逐字核对，仅供参考）"


def check_legal_basis(answers: dict, context: CheckContext | None = None, fields: Mapping[str, str] | None = None,
                      table: _LawTable | None = None) -> list[Finding]:
    """All findings on the legal basis of ``answers`` (see the module's docstring)."""
    table = law_table() if table is None else table
    names = {**_DEFAULT_FIELDS, **(fields or {})}
    settings = context.settings if context is not None else {}
    basis_path, violated_path = pointer(names["basis"]), pointer(names["violated"])
    basis_text = answers.get(names["basis"])
    violated_text = answers.get(names["violated"])
    facts = answers.get(names["facts"]) if isinstance(answers.get(names["facts"]), str) else ""
    out: list[Finding] = []

    basis = [(c, find_law(c.law, table)) for c in parse_citations(basis_text)]
    violated = [(c, find_law(c.law, table)) for c in parse_citations(violated_text)]
    for cites, path in ((basis, basis_path), (violated, violated_path)):
        for c, law in cites:
            if law is not None:
                out += existence_findings(c, law, path)
    if any(f["code"].startswith("law.no_") for f in out):
        return out

    mitigated = any(law is not None and find_law(_MITIGATION.law, table) is law and c.article == _MITIGATION.article
                    for c, law in basis)
    party = answers.get(names["party"])
    violations: list[_Violation] = []
    by_law: dict[str, list[Citation]] = {}
    for c, law in basis:
        if law is not None and law.get("provisions"):
            by_law.setdefault(law["short"], []).append(c)
    for short, cites in by_law.items():
        law = table[short]
        penal = [(c, provisions_for(law, c)) for c in cites]
        if not any(p for _c, p in penal):
            c = cites[0]
            out.append(finding(basis_path, "law.not_penalty",
                               f"{c.label(law['title'])}不是法律责任条款，不能作为处罚依据；请引用该法“法律责任”一章中"
                               "规定处罚的条款。"))
            continue
        for c, provisions in penal:
            for provision in provisions:
                verified = bool(provision.get("verified"))
                if provision.get("administrative") is False:
                    out.append(finding(basis_path, "law.not_penalty",
                                       f"{c.label(law['title'])}规定的不是行政处罚（{provision.get('note', '')}），"
                                       "不能作为行政处罚的依据。", _sev(verified)))
                    continue
                out += _duty_findings(c, law, provision, violated, violated_path, basis_path)
                clauses = clauses_for(provision, c)
                if not clauses:
                    continue
                subjects, is_person = party_subjects(answers, party, clauses)
                subject = next((s for s in subjects if any(cl.get("subject") == s for cl in clauses)), None)
                if subject is None:
                    who = "、".join(dict.fromkeys(_subject_title(law, cl["subject"]) for cl in clauses))
                    party_word = "个人" if is_person else "单位"
                    out.append(finding(basis_path, "law.subject",
                                       f"{c.label(law['title'])}处罚的是{who}，没有对当事人（{party_word}）"
                                       "规定处罚；请核对处罚依据或当事人类别。",
                                       WARNING if is_person or not verified else ERROR))
                    continue
                violations.append(_Violation(c, law, provision, subject,
                                             [cl for cl in clauses if cl.get("subject") == subject]))

    penalties = answers.get(names["penalties"]) if names.get("penalties") else None
    if isinstance(penalties, list) and violations:
        out += _penalty_findings(violations, penalties, names["penalties"], facts, mitigated, settings)
    out += _leniency_findings(answers, names, settings, basis_path)
    return out


def _duty_findings(cite: Citation, law: dict, provision: dict, violated: list, violated_path: str,
                   basis_path: str) -> list[Finding]:
    duties = duties_for(provision, cite)
    ours = [c for c, vlaw in violated if vlaw is law]
    if not duties or not ours:
        return []
    duty_articles = {c.article for d in duties for c in parse_citations(f"《{law['title']}》{d}")}
    if any(c.article in duty_articles for c in ours):
        return []
    wanted = "、".join(duties)
    given = "、".join(c.label(law["title"]).split("》", 1)[1] for c in ours)
    return [finding(basis_path, "law.duty_mismatch",
                    f"{cite.label(law['title'])}处罚的是违反本法{wanted}的行为，与“违反的规定”所列{given}不对应；"
                    "请核对违反的条款或处罚依据。" + ("" if provision.get("verified") else _UNVERIFIED),
                    _sev(bool(provision.get("verified"))))]


def _amount(p: dict) -> Decimal | None:
    a = parse_amount(p.get("amount"))
    return a if a is not None and a > 0 else None


def _penalty_findings(violations: list[_Violation], penalties: list, field: str, facts: str, mitigated: bool,
                      settings: Mapping[str, Any]) -> list[Finding]:
    out: list[Finding] = []
    rows = [(i, p) for i, p in enumerate(penalties) if isinstance(p, dict) and p.get("kind")]
    income = sum((a for _i, p in rows if p["kind"] == "confiscate_income" and (a := _amount(p))), Decimal(0)) or None
    # penalty kinds: each must be provided for the party by at least one cited article
    for i, p in rows:
        kind = p["kind"]
        if kind not in _PENALTY_KINDS:
            continue
        if not any(kind in cl.get("kinds", ()) for v in violations for cl in v.clauses):
            v = violations[0]
            verified = all(x.provision.get("verified") for x in violations)
            cites = "、".join(x.cite.label(x.law["title"]) for x in violations)
            others = "、".join(dict.fromkeys(
                _subject_title(x.law, cl["subject"]) for x in violations
                for cl in clauses_for(x.provision, x.cite) if kind in cl.get("kinds", ())))
            elsewhere = f"（该条规定“{_KIND_TITLES[kind]}”的对象是{others}）" if others else ""
            out.append(finding(pointer(field, i, "kind"), "law.penalty_kind",
                               f"{cites}对{_subject_title(v.law, v.subject)}没有规定“{_KIND_TITLES[kind]}”这一处罚"
                               f"{elsewhere}，请核对处罚种类、处罚依据或当事人。" + ("" if verified else _UNVERIFIED),
                               _sev(verified)))
    fines = [(i, a) for i, p in rows if p["kind"] == "fine" and (a := _amount(p)) is not None]
    if not fines:
        return out
    fined = [v for v in violations if any(cl.get("fine") for cl in v.clauses)]
    if not fined:
        return out
    if len(fines) == len(fined):
        pairs = [([v], [f]) for v, f in zip(fined, fines, strict=True)]
    else:
        pairs = [(fined, fines)]
    for group, amounts in pairs:
        out += _range_findings(group, amounts, field, facts, income, mitigated, settings)
    return out


def _range_findings(group: list[_Violation], amounts: list[tuple[int, Decimal]], field: str, facts: str,
                    income: Decimal | None, mitigated: bool, settings: Mapping[str, Any]) -> list[Finding]:
    lo_sum, hi_sum, texts, hints = Decimal(0), Decimal(0), [], []
    has_lo, has_hi = True, True
    verified = all(v.provision.get("verified") for v in group)
    for v in group:
        active = _markers(v.law, facts)
        clause, others = _fine_clause(v.clauses, active)
        if clause is None:
            return []
        described = fine_range(clause, income)
        if described is None:  # e.g. a percentage of the party's annual income: not known here
            return []
        lo, hi, text = described
        if clause.get("fine", {}).get("derived"):
            verified = False
        texts.append(f"{v.cite.label(v.law['title'])}对{_subject_title(v.law, v.subject)}：{text}")
        lo_sum += lo or 0
        has_lo = has_lo and lo is not None
        if hi is None:
            has_hi = False
        else:
            hi_sum += hi
        for o in others:
            r = fine_range(o, income)
            if r and o.get("when") and o["when"] not in active:
                hints.append(f"如属“{o['when']}”的情形（该情形为{r[2]}），请在违法事实中写明")
    total = sum((a for _i, a in amounts), Decimal(0))
    path = pointer(field, amounts[0][0], "amount") if len(amounts) == 1 else pointer(field)
    what = f"罚款{yuan(total)}" if len(amounts) == 1 else f"罚款合计{yuan(total)}"
    ranges = "；".join(texts)
    suffix = "" if verified else _UNVERIFIED
    hint = ("；" + "；".join(hints)) if hints else ""
    out: list[Finding] = []
    if has_hi and total > hi_sum:
        out.append(finding(path, "law.fine_above", f"{what}超出法定罚款幅度（{ranges}）{hint}。{suffix}", _sev(verified)))
    elif has_lo and lo_sum > 0 and total < lo_sum:
        if mitigated:
            out.append(finding(path, "law.fine_mitigated",
                               f"{what}低于法定罚款幅度（{ranges}），已引用行政处罚法第三十二条减轻处罚，请在决定书中写明减轻的理由。",
                               WARNING))
        else:
            out.append(finding(path, "law.fine_below",
                               f"{what}低于法定罚款幅度（{ranges}）；依法减轻处罚的，请在处罚依据中引用"
                               f"《中华人民共和国行政处罚法》第三十二条并写明理由。{suffix}", _sev(verified)))
    elif len(group) == 1:
        out += _discretion_findings(group[0], total, path, facts, settings)
    return out


# --- the agency's 裁量基准 and 不予处罚/从轻/减轻 lists (settings) ------------------------------------
def _matches_article(entry: Mapping[str, Any], cite: Citation, law: dict) -> bool:
    cited = parse_citations(entry.get("article") if "《" in str(entry.get("article", ""))
                            else f"《{law['title']}》{entry.get('article', '')}")
    for c in cited:
        if c.article == cite.article and c.paragraph in (None, cite.paragraph) and c.item in (None, cite.item):
            return find_law(c.law) is law or _normal(c.law) in (_normal(law["title"]), _normal(law["short"]))
    return False


def discretion_entries(settings: Mapping[str, Any], cite: Citation, law: dict, subject: str) -> list[dict]:
    return [e for e in settings.get("discretion") or [] if isinstance(e, Mapping) and _matches_article(e, cite, law)
            and (e.get("subject") or ORGANIZATION) == subject]


def _discretion_findings(v: _Violation, total: Decimal, path: str, facts: str, settings: Mapping[str, Any]) -> list:
    entries = discretion_entries(settings, v.cite, v.law, v.subject)
    if not entries:
        return []
    matched = [e for e in entries if any(w and w in facts for w in e.get("keywords") or [])]
    chosen = matched or [e for e in entries if not e.get("keywords")]
    if not chosen:
        return []
    e = chosen[0]
    lo = parse_amount(e.get("min")) if not is_blank(e.get("min")) else None
    hi = parse_amount(e.get("max")) if not is_blank(e.get("max")) else None
    if (lo is not None and total < lo) or (hi is not None and total > hi):
        band = (f"{yuan(lo)}以上" if lo is not None else "") + (f"{yuan(hi)}以下" if hi is not None else "")
        return [finding(path, "law.discretion",
                        f"按本机关裁量基准，{v.cite.label(v.law['title'])}“{e.get('circumstance', '')}”情形的罚款为{band}，"
                        f"本案罚款{yuan(total)}不在此幅度内；如有理由，请在决定书中说明。", WARNING)]
    return []


def _leniency_findings(answers: dict, names: Mapping[str, str], settings: Mapping[str, Any], path: str) -> list:
    facts = answers.get(names["facts"]) if isinstance(answers.get(names["facts"]), str) else ""
    out = []
    for e in settings.get("leniency") or []:
        if not isinstance(e, Mapping):
            continue
        words = [w for w in e.get("keywords") or [] if w]
        if words and all(w in facts for w in words):
            out.append(finding(path, "law.leniency",
                               f"违法事实符合本机关{e.get('list', '从轻、减轻、不予处罚清单')}第{e.get('number', '')}项"
                               f"“{e.get('circumstance', '')}”（{e.get('treatment', '')}），请核对是否适用。", WARNING))
    return out


@document_rule("legal_basis")
def legal_basis_rule(answers: dict, context: CheckContext) -> list[Finding]:
    """The 处罚依据 and 违反 articles exist, match, and the penalties lie within the article's range."""
    fields = (context.meta or {}).get("legal_basis") or {}
    return check_legal_basis(answers, context, fields)


def search(query: str, table: _LawTable | None = None, limit: int = 50) -> list[dict]:
    """Articles whose text contains every word of ``query`` (split on white space), or the article whose
    number is ``query`` (``第九十九条``, ``99``)."""
    table = law_table() if table is None else table
    words = [w for w in re.split(r"\s+", query.strip()) if w]
    out: list[dict] = []
    for law in table.values():
        for number, art in (law.get("articles") or {}).items():
            text = article_text(art)
            names = (art["label"], str(number), law["short"], law.get("title", ""))
            hit = all(w in text or w in names for w in words)
            if hit:
                out.append({"law": law["title"], "short": law["short"], "article": art["label"], "number": number,
                            "text": text})
                if len(out) >= limit:
                    return out
    return out


def article_text(art: Mapping[str, Any]) -> str:
    """The article as printed: its label, then each paragraph with the items under it, one per line."""
    lines: list[str] = []
    for i, p in enumerate(art.get("paragraphs") or []):
        lines.append((art["label"] + " " if i == 0 else "") + p["text"])
        lines += list(p.get("items") or [])
    return "\n".join(lines)


def iter_clauses(law: dict) -> Iterable[tuple[dict, dict]]:
    for p in law.get("provisions") or []:
        for c in p.get("clauses") or []:
            yield p, c
