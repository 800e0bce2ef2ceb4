"""Word refuses a .docx whose property elements are out of schema order ("unreadable content"); LibreOffice
does not mind, so the layout tests cannot catch it. Check the templates and rendered samples directly."""

from __future__ import annotations

import zipfile

import pytest
from lxml import etree

from templates.kinds import get_kind
from templates.render import render_document

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
#: ECMA-376 Part 1 §17 child sequences (the elements our templates use, in order).
ORDER = {
    "pPr": "pStyle keepNext keepLines pageBreakBefore framePr widowControl numPr suppressLineNumbers pBdr shd tabs "
           "suppressAutoHyphens kinsoku wordWrap overflowPunct topLinePunct autoSpaceDE autoSpaceDN bidi "
           "adjustRightInd snapToGrid spacing ind contextualSpacing mirrorIndents suppressOverlap jc textDirection "
           "textAlignment textboxTightWrap outlineLvl divId cnfStyle rPr sectPr pPrChange",
    "rPr": "rStyle rFonts b bCs i iCs caps smallCaps strike dstrike outline shadow emboss imprint noProof snapToGrid "
           "vanish webHidden color spacing w kern position sz szCs highlight u effect bdr shd fitText vertAlign rtl "
           "cs em lang eastAsianLayout specVanish oMath",
    "trPr": "cnfStyle divId gridBefore gridAfter wBefore wAfter cantSplit trHeight tblHeader tblCellSpacing jc hidden",
    "tblPr": "tblStyle tblpPr tblOverlap bidiVisual tblStyleRowBandSize tblStyleColBandSize tblW jc tblCellSpacing "
             "tblInd tblBorders shd tblLayout tblCellMar tblLook",
}
MINE = ["notice", "legal_review_application", "legal_review_approval", "legal_review_opinion",
        "collective_discussion", "publication_summary", "case_filing", "case_closing"]


def out_of_order(data: bytes) -> list[str]:
    bad = []
    with zipfile.ZipFile(__import__("io").BytesIO(data)) as z:
        for name in z.namelist():
            if not name.startswith("word/") or not name.endswith(".xml"):
                continue
            root = etree.fromstring(z.read(name))
            for parent, seq in ORDER.items():
                order = seq.split()
                for el in root.iter(W + parent):
                    kids = [c.tag.replace(W, "") for c in el if c.tag.startswith(W)]
                    known = [k for k in kids if k in order]
                    if known != sorted(known, key=order.index) or len(set(kids)) != len(kids):
                        bad.append(f"{name}: {parent} {kids}")
    return bad


@pytest.mark.parametrize("name", MINE)
def test_template_and_rendered_sample_keep_schema_order(name, tmp_path):
    kind = get_kind(name)
    assert out_of_order(kind.template_path.read_bytes()) == []
    out = tmp_path / "x.docx"
    render_document(kind, kind.sample(), out)
    assert out_of_order(out.read_bytes()) == []
