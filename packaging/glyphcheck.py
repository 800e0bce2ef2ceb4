#!/usr/bin/env python3
"""Does a screenshot show real glyphs, or boxes?  ``python3 packaging/glyphcheck.py SHOT.png [...]``

A program whose fonts are missing (Qt's offscreen platform on Windows, a PC without any CJK font)
draws every character as the same hollow rectangle ("tofu"). This check reads the PNG (standard
library only: it runs inside ``build.py`` on a bare Windows Python and on the Linux side of the Wine
run), takes the dark ink of the picture apart into connected pieces of glyph size, and counts

- ``shapes``: how many *different* piece shapes there are — real Chinese text is made of hundreds of
  different strokes and radicals; boxes are one or two shapes, whatever the text says;
- ``boxes``: the pieces that are hollow rectangles (all ink on the outline) — a tofu box.

It passes when there are at least ``MIN_SHAPES`` different shapes (more on a big picture:
``MIN_SHAPES_PER_MEGAPIXEL``) and boxes are at most
``MAX_BOX_SHARE`` of the pieces. Prints one JSON object per file; exit 0 only when every file passed.
"""

from __future__ import annotations

import json
import struct
import sys
import zlib
from pathlib import Path

#: Darker than this (0–255 luminance) is ink. Text in the app is dark on light backgrounds.
INK = 110
#: A piece taller or wider than this is a frame, a line or a filled area, not part of a glyph.
MAX_PIECE = 40
MIN_SHAPES = 40
#: ... and at least this many per million pixels: a whole window drawn in boxes still has ~70 shapes
#: (Latin letters, digits, icons — seen under Wine, 1280×728), where its real text has 430–690.
MIN_SHAPES_PER_MEGAPIXEL = 100
MAX_BOX_SHARE = 0.25


def read_png(path: str | Path) -> tuple[int, int, bytes]:
    """(width, height, luminance bytes row by row) of an 8-bit, non-interlaced PNG (gray, RGB, RGBA,
    gray+alpha or palette) — what Qt's ``QPixmap.save`` writes."""
    data = Path(path).read_bytes()
    if data[:8] != b"\x89PNG\r\n\x1a\n":
        raise ValueError(f"{path}: not a PNG file")
    pos, idat, palette = 8, [], b""
    width = height = depth = ctype = interlace = 0
    while pos < len(data):
        (length,) = struct.unpack(">I", data[pos:pos + 4])
        tag = data[pos + 4:pos + 8]
        body = data[pos + 8:pos + 8 + length]
        pos += 12 + length
        if tag == b"IHDR":
            width, height, depth, ctype, _c, _f, interlace = struct.unpack(">IIBBBBB", body)
        elif tag == b"PLTE":
            palette = body
        elif tag == b"IDAT":
            idat.append(body)
        elif tag == b"IEND":
            break
    if depth != 8 or interlace:
        raise ValueError(f"{path}: only 8-bit non-interlaced PNGs are read (depth {depth}, interlace {interlace})")
    channels = {0: 1, 2: 3, 3: 1, 4: 2, 6: 4}[ctype]
    raw = zlib.decompress(b"".join(idat))
    stride = width * channels
    prev = bytearray(stride)
    lum = bytearray(width * height)
    for y in range(height):
        base = y * (stride + 1)
        kind = raw[base]
        line = bytearray(raw[base + 1:base + 1 + stride])
        if kind == 1:
            for i in range(channels, stride):
                line[i] = (line[i] + line[i - channels]) & 255
        elif kind == 2:
            for i in range(stride):
                line[i] = (line[i] + prev[i]) & 255
        elif kind == 3:
            for i in range(stride):
                left = line[i - channels] if i >= channels else 0
                line[i] = (line[i] + ((left + prev[i]) >> 1)) & 255
        elif kind == 4:
            for i in range(stride):
                a = line[i - channels] if i >= channels else 0
                b = prev[i]
                c = prev[i - channels] if i >= channels else 0
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                pred = a if pa <= pb and pa <= pc else (b if pb <= pc else c)
                line[i] = (line[i] + pred) & 255
        row = y * width
        if ctype == 3:
            for x in range(width):
                r, g, b = palette[3 * line[x]:3 * line[x] + 3]
                lum[row + x] = (r * 299 + g * 587 + b * 114) // 1000
        elif channels >= 3:
            for x in range(width):
                i = x * channels
                lum[row + x] = (line[i] * 299 + line[i + 1] * 587 + line[i + 2] * 114) // 1000
        else:
            lum[row:row + width] = line[::channels]
        prev = line
    return width, height, bytes(lum)


def pieces(width: int, height: int, lum: bytes):
    """Connected pieces (8-neighbourhood) of ink pixels, each as (x0, y0, w, h, set of (x, y))."""
    ink = bytearray(1 if v < INK else 0 for v in lum)
    for start in range(width * height):
        if not ink[start]:
            continue
        ink[start] = 0
        stack, pixels = [start], []
        while stack:
            p = stack.pop()
            pixels.append(p)
            y, x = divmod(p, width)
            for dy in (-1, 0, 1):
                ny = y + dy
                if not 0 <= ny < height:
                    continue
                for dx in (-1, 0, 1):
                    nx = x + dx
                    if 0 <= nx < width:
                        q = ny * width + nx
                        if ink[q]:
                            ink[q] = 0
                            stack.append(q)
        xs = [p % width for p in pixels]
        ys = [p // width for p in pixels]
        x0, y0 = min(xs), min(ys)
        yield x0, y0, max(xs) - x0 + 1, max(ys) - y0 + 1, {(x - x0, y - y0) for x, y in zip(xs, ys, strict=True)}


def _is_box(w: int, h: int, pixels: set) -> bool:
    """A hollow rectangle: big enough, and (nearly) all its ink on its outline, with an empty inside."""
    if w < 5 or h < 7:
        return False
    edge = sum(1 for x, y in pixels if x <= 1 or y <= 1 or x >= w - 2 or y >= h - 2)
    inside = (w - 4) * (h - 4)
    return edge >= 0.95 * len(pixels) and len(pixels) >= w + h and inside > 0


def check(path: str | Path) -> dict:
    """The verdict for one screenshot: ok, and the figures it rests on."""
    width, height, lum = read_png(path)
    shapes: set = set()
    count = boxes = 0
    for _x, _y, w, h, pixels in pieces(width, height, lum):
        if w > MAX_PIECE or h > MAX_PIECE or (w < 3 and h < 3):
            continue  # frames, filled areas, dots and single pixels say nothing about glyphs
        count += 1
        boxes += _is_box(w, h, pixels)
        shapes.add((w, h, frozenset(pixels)))
    share = round(boxes / count, 3) if count else 1.0
    need = max(MIN_SHAPES, int(width * height / 1e6 * MIN_SHAPES_PER_MEGAPIXEL))
    ok = len(shapes) >= need and share <= MAX_BOX_SHARE
    return {"file": str(path), "ok": ok, "size": [width, height], "pieces": count, "shapes": len(shapes),
            "shapes_needed": need, "boxes": boxes, "box_share": share}


def main(argv: list[str]) -> int:
    if not argv:
        print(__doc__.strip().splitlines()[0], file=sys.stderr)
        return 2
    results = [check(p) for p in argv]
    for r in results:
        print(json.dumps(r, ensure_ascii=False))
    return 0 if all(r["ok"] for r in results) else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
