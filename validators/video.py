"""Audio/video recording references (音像记录): 001 第十、十一条; 003 第十七、十八、二十一、三十二条.

A kind declares as data whether its act must be recorded on video, under ``x-wenshu.video_required``:

- ``true`` — always (warning ``video.missing`` when the ``video`` reference is absent);
- a list of conditions ``[{"if": {"method": "留置"}, "severity": "error", "source": "…"}, …]`` — the first
  condition whose ``if`` matches the answers applies (a value or a list of allowed values per field);
- absent or ``false`` — not required.

The rule ``video_record`` (listed in the kind's ``x-wenshu.rules``) reads the declaration of the kind
being checked from ``context.meta``; it never branches on a kind's name. The reference is ``video: {device,
file_id, start, end}`` (``templates/common.json#/$defs/video``).
"""

from __future__ import annotations

from typing import Any

from validators.context import CheckContext
from validators.datetimes import parse_datetime
from validators.findings import ERROR, WARNING, Finding, finding, pointer
from validators.registry import document_rule, is_blank
from validators.rulebook import PERIODS

VIDEO_FIELDS = {"device": "录制设备", "file_id": "文件编号", "start": "开始时间", "end": "结束时间"}


def storage_reminder() -> str:
    """The storage duty of 003 第三十二条, in the words shown to the user."""
    p = PERIODS["video_storage"]
    return f"音像记录制作完成后应当在{p.amount}个工作日内存储至执法信息系统或专用储存器（{p.source}）。"


def _matches(cond: dict, answers: dict) -> bool:
    for key, want in cond.items():
        have = answers.get(key)
        allowed = want if isinstance(want, list) else [want]
        if have not in allowed:
            return False
    return True


def requirement(declaration: Any, answers: dict) -> dict | None:
    """``{"severity", "source"}`` when the declaration requires a recording for these answers, else None."""
    if declaration is True:
        return {"severity": WARNING, "source": "003 第十七条、第十八条"}
    if isinstance(declaration, dict):
        declaration = [declaration]
    if isinstance(declaration, list):
        for cond in declaration:
            if isinstance(cond, dict) and _matches(cond.get("if") or {}, answers):
                return {"severity": cond.get("severity", WARNING), "source": cond.get("source", "003 第十八条")}
    return None


def _declaration(context: Any) -> Any:
    """The checked kind's ``x-wenshu.video_required`` (``context.meta``)."""
    meta = getattr(context, "meta", None)
    if not isinstance(meta, dict) or not meta:
        return True  # the kind listed the rule but is unknown here: remind rather than stay silent
    return meta.get("video_required", False)


def video_findings(video: Any, need: dict) -> list[Finding]:
    """Findings for a required recording reference ``video`` (missing, incomplete, end before start)."""
    severity = need["severity"]
    base = pointer("video")
    if not is_blank(video) and not isinstance(video, dict):
        return []  # a text or number where the reference belongs: the wrong type is the finding (field.type)
    if not isinstance(video, dict) or all(is_blank(video.get(k)) for k in VIDEO_FIELDS):
        word = "应当" if severity == ERROR else "应当（根据实际情况）"
        return [finding(base, "video.missing",
                        f"此项执法行为{word}进行音像记录（{need['source']}），请填写音像记录的录制设备、文件编号和起止时间。"
                        + storage_reminder(), severity)]
    out: list[Finding] = []
    for key, title in VIDEO_FIELDS.items():
        if is_blank(video.get(key)):
            out.append(finding(base + pointer(key), "video.incomplete", f"请填写音像记录的「{title}」。", severity))
    start, end = parse_datetime(video.get("start")), parse_datetime(video.get("end"))
    for key in ("start", "end"):
        if not is_blank(video.get(key)) and parse_datetime(video.get(key)) is None:
            out.append(finding(base + pointer(key), "video.time_format",
                               f"音像记录的「{VIDEO_FIELDS[key]}」应写作 2026-11-20T09:30 的形式。"))
    if start and end and end <= start:
        out.append(finding(base + pointer("end"), "video.end_before_start", "音像记录的结束时间应晚于开始时间。"))
    return out


@document_rule("video_record")
def video_record(answers: dict, context: CheckContext) -> list[Finding]:
    """Warn (or error, as the kind declares) when a recording the act requires is not referenced."""
    need = requirement(_declaration(context), answers)
    if need is None:
        return []
    return video_findings(answers.get("video"), need)
