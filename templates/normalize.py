"""Undo what Word and WPS do to docxtpl tags when a template is edited and saved (issue 19).

A template is a .docx an agency's legal staff edit in Word or WPS. Saving there breaks tags in ways
Jinja cannot read, although the text on screen still shows ``{{ object.name }}``:

- a tag is split over several runs (``{{ ob`` | ``ject.name }}``) — spell checking (``w:proofErr``),
  bookmarks, ``w:lang`` changes, revision marks and a change of font in the middle of a tag all start
  a new run;
- AutoFormat turns straight quotes into curly ones (``“”‘’``) inside ``{% if x == "person" %}``;
- spaces become non-breaking or full-width spaces (U+00A0, U+3000), and zero-width characters creep in;
- an IME in full-width mode types ``｛｛ … ｝｝`` and ``｛％ … ％｝``.

``normalize_docx`` rewrites the body, headers and footers so that every tag sits, cleaned, in the run
where it begins (the text around it and the run's formatting stay as they are), before docxtpl parses
the file. The same pass maps the default header line (``安全生产行政执法文书``, typed as text) to the
agency profile's header (``{{ _agency.header }}``), so every kind prints the profile's header line.
"""

from __future__ import annotations

import io
import re
import zipfile

from lxml import etree

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_P, _T = f"{{{W}}}p", f"{{{W}}}t"
XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"

#: The header line the 2016 式样 prints above every form; printed from the agency profile instead.
DEFAULT_HEADER = "安全生产行政执法文书"
HEADER_TAG = "{{ _agency.header }}"

#: Parts of a .docx that docxtpl renders.
_PART = re.compile(r"word/(document|header\d*|footer\d*|footnotes|endnotes)\.xml$")

_OPEN = {"{{": "}}", "{%": "%}", "{#": "#}"}
_FULLWIDTH = str.maketrans({"｛": "{", "｝": "}", "％": "%", "＃": "#"})
#: Quotes inside a tag and what they become (docxtpl itself maps “”‘’ the same way).
_QUOTES = str.maketrans({"“": '"', "”": '"', "„": '"', "‟": '"', "＂": '"',
                         "‘": "'", "’": "'", "‚": "'", "‛": "'", "＇": "'"})
#: Spacing Word puts between the words of a tag; outside string literals it becomes a plain space.
_SPACES = str.maketrans({"\u00a0": " ", "\u3000": " ", "\u2002": " ", "\u2003": " ", "\u2009": " ",
                         "\u202f": " ", "\u200b": None, "\u200c": None, "\u200d": None, "\u2060": None,
                         "\ufeff": None})


def _fullwidth_open(text: str, i: int) -> bool:
    return text[i] == "｛" and i + 1 < len(text) and text[i + 1] in "｛％＃{%#"


def tag_spans(text: str) -> list[tuple[int, int]]:
    """``(start, end)`` of every tag in a paragraph's text (full-width braces count as braces)."""
    flat = text.translate(_FULLWIDTH)
    spans: list[tuple[int, int]] = []
    i = 0
    while True:
        i = flat.find("{", i)
        if i < 0 or i + 1 >= len(flat):
            return spans
        opener = flat[i:i + 2]
        if opener not in _OPEN:
            i += 1
            continue
        j = flat.find(_OPEN[opener], i + 2)
        if j < 0:
            return spans
        spans.append((i, j + 2))
        i = j + 2


def clean_tag(tag: str) -> str:
    """A tag as Jinja must read it: ASCII braces, quotes, spaces and punctuation."""
    tag = tag[:2].translate(_FULLWIDTH) + tag[2:-2].translate(_QUOTES) + tag[-2:].translate(_FULLWIDTH)
    out: list[str] = []
    quote = ""
    for c in tag:
        if quote:
            quote = "" if c == quote else quote
            out.append(c)
        elif c in "\"'":
            quote = c
            out.append(c)
        else:
            out.append(c.translate(_SPACES))
    return "".join(out)


def _texts(p) -> list:
    # Only the paragraph's own text nodes: a nested table's paragraphs are handled on their own.
    return [t for t in p.iter(_T) if _owner(t) is p]


def _owner(t):
    node = t.getparent()
    while node is not None and node.tag != _P:
        node = node.getparent()
    return node


def normalize_paragraph(p) -> bool:
    """Gather each tag of paragraph ``p`` into the text node where it starts, cleaned; True if changed."""
    nodes = _texts(p)
    if not nodes:
        return False
    chars: list[tuple[int, str]] = [(n, c) for n, t in enumerate(nodes) for c in (t.text or "")]
    text = "".join(c for _, c in chars)
    if text.strip() == DEFAULT_HEADER or text.strip() == DEFAULT_HEADER + "（内部）":
        suffix = text.strip()[len(DEFAULT_HEADER):]
        nodes[0].text = HEADER_TAG + suffix
        for t in nodes[1:]:
            t.text = ""
        return True
    spans = tag_spans(text)
    if not spans:
        return False
    out: list[list[str]] = [[] for _ in nodes]
    pos = 0
    changed = False
    for start, end in spans:
        for k in range(pos, start):
            out[chars[k][0]].append(chars[k][1])
        raw = text[start:end]
        clean = clean_tag(raw)
        owner = chars[start][0]
        if clean != raw or any(chars[k][0] != owner for k in range(start, end)):
            changed = True
        out[owner].append(clean)
        pos = end
    for k in range(pos, len(chars)):
        out[chars[k][0]].append(chars[k][1])
    if not changed:
        return False
    for t, parts in zip(nodes, out, strict=True):
        t.text = "".join(parts)
        t.set(XML_SPACE, "preserve")
    return True


def normalize_xml(xml: bytes) -> bytes:
    """One part's XML with its tags normalised (unchanged bytes when nothing needed it)."""
    if b"{" not in xml and "｛".encode() not in xml and DEFAULT_HEADER.encode() not in xml:
        return xml
    root = etree.fromstring(xml)
    changed = False
    for p in root.iter(_P):
        changed |= normalize_paragraph(p)
    if not changed:
        return xml
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def normalize_docx(data: bytes) -> bytes:
    """The .docx ``data`` with every rendered part normalised (``normalize_xml``)."""
    src = zipfile.ZipFile(io.BytesIO(data))
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            content = src.read(info)
            if _PART.match(info.filename):
                content = normalize_xml(content)
            dst.writestr(info, content)
    return buf.getvalue()
