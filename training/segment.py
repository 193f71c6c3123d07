"""Several digits on one canvas -> one ink image per digit, left to right.

The ink is split into connected components (8-connected, found on runs of
ink per row, fast enough to run on every mouse move), then components that
share most of their horizontal extent are merged: a 5's detached top bar, a
4 drawn in two strokes, a 7's crossbar, the dot a shaky hand leaves. What is
left, ordered by x, is one digit each.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

# Components are found on a copy whose longer side is at most this; a digit
# drawn on a canvas is never so thin that max-pooling by this factor breaks it.
WORK_SIZE = 240
INK_LEVEL = 0.25
# A component narrower than this share of its neighbour's overlap joins it.
MERGE_OVERLAP = 0.5
# Specks smaller than this share of the largest component are dropped.
SPECK = 0.02


@dataclass(frozen=True)
class DigitInk:
    left: int  # bounding box in the ink image's pixels
    top: int
    right: int  # exclusive
    bottom: int
    ink: np.ndarray  # this digit's ink alone, cropped to its box


def _runs(binary: np.ndarray):
    """[(row, start, end_exclusive)] for every horizontal run of ink."""
    padded = np.zeros((binary.shape[0], binary.shape[1] + 2), np.int8)
    padded[:, 1:-1] = binary
    diff = np.diff(padded, axis=1)
    rows_s, starts = np.nonzero(diff == 1)
    _, ends = np.nonzero(diff == -1)
    return rows_s, starts, ends  # np.nonzero orders by row, then column: starts and ends pair up


def components(binary: np.ndarray) -> list[list[tuple[int, int, int]]]:
    """8-connected components of a boolean image, each a list of (row, start, end) runs."""
    rows, starts, ends = _runs(binary)
    parent = list(range(len(rows)))

    def find(a):
        while parent[a] != a:
            parent[a] = parent[parent[a]]
            a = parent[a]
        return a

    row_first = {}
    for i, r in enumerate(rows.tolist()):
        row_first.setdefault(r, i)
    current_row = None
    for i in range(len(rows)):
        r = int(rows[i])
        if r != current_row:
            current_row = r
            # The runs of the row above sit just before this row's first run.
            prev_lo, prev_hi = (row_first[r - 1], row_first[r]) if r - 1 in row_first else (0, 0)
        for j in range(prev_lo, prev_hi):
            # Diagonal neighbours count: runs touch if they overlap after widening by one.
            if starts[j] <= ends[i] and ends[j] >= starts[i]:
                ra, rb = find(i), find(j)
                if ra != rb:
                    parent[ra] = rb
    groups: dict[int, list] = {}
    for i in range(len(rows)):
        groups.setdefault(find(i), []).append((int(rows[i]), int(starts[i]), int(ends[i])))
    return list(groups.values())


def split_digits(ink: np.ndarray) -> list[DigitInk]:
    """Ink (light on 0, as :func:`training.preprocess.ink_map` gives) -> digits, left to right."""
    rows = np.flatnonzero(ink.any(axis=1))
    cols = np.flatnonzero(ink.any(axis=0))
    if rows.size == 0:
        return []
    # Everything below runs on the ink's bounding box only: most of a canvas is empty.
    y0, x0 = int(rows[0]), int(cols[0])
    crop = ink[y0:rows[-1] + 1, x0:cols[-1] + 1]
    h, w = crop.shape
    f = max(1, int(np.ceil(max(h, w) / WORK_SIZE)))
    hs, ws = -(-h // f), -(-w // f)
    padded = np.zeros((hs * f, ws * f), np.float32)
    padded[:h, :w] = crop
    small = padded.reshape(hs, f, ws, f).max(axis=(1, 3)) > INK_LEVEL

    parts = []
    for runs in components(small):
        r = np.array(runs)
        parts.append({"runs": runs, "area": int((r[:, 2] - r[:, 1]).sum()),
                      "x0": int(r[:, 1].min()), "x1": int(r[:, 2].max()),
                      "y0": int(r[:, 0].min()), "y1": int(r[:, 0].max()) + 1})
    if not parts:
        return []
    largest = max(p["area"] for p in parts)
    kept = [p for p in parts if p["area"] >= SPECK * largest]
    groups = _merge_overlapping(sorted(kept, key=lambda p: p["x0"]))
    if len(groups) == 1 and len(kept) == len(parts):
        return [DigitInk(x0, y0, x0 + w, y0 + h, crop)]

    digits = []
    for g in groups:
        # The group's mask, grown by one cell so each stroke keeps its faint
        # anti-aliased rim, within the group's box only.
        gy0, gy1 = max(0, g["y0"] - 1), min(hs, g["y1"] + 1)
        gx0, gx1 = max(0, g["x0"] - 1), min(ws, g["x1"] + 1)
        mask = np.zeros((gy1 - gy0, gx1 - gx0), bool)
        for row, start, end in g["runs"]:
            mask[row - gy0, start - gx0:end - gx0] = True
        grown = mask.copy()
        grown[1:] |= mask[:-1]
        grown[:-1] |= mask[1:]
        grown[:, 1:] |= grown[:, :-1].copy()
        grown[:, :-1] |= grown[:, 1:].copy()
        top, left = gy0 * f, gx0 * f
        bottom, right = min(h, gy1 * f), min(w, gx1 * f)
        full_mask = np.repeat(np.repeat(grown, f, axis=0), f, axis=1)[:bottom - top, :right - left]
        piece = np.where(full_mask, crop[top:bottom, left:right], 0.0)
        digits.append(DigitInk(x0 + left, y0 + top, x0 + right, y0 + bottom, piece))
    return digits


def _merge_overlapping(parts: list[dict]) -> list[dict]:
    """Merge components sharing most of their horizontal extent, until none do."""
    parts = list(parts)
    merged = True
    while merged:
        merged = False
        for i in range(len(parts)):
            for j in range(i + 1, len(parts)):
                a, b = parts[i], parts[j]
                overlap = min(a["x1"], b["x1"]) - max(a["x0"], b["x0"])
                narrower = min(a["x1"] - a["x0"], b["x1"] - b["x0"])
                if overlap > 0 and overlap >= MERGE_OVERLAP * narrower:
                    parts[i] = {"runs": a["runs"] + b["runs"], "area": a["area"] + b["area"],
                                "x0": min(a["x0"], b["x0"]), "x1": max(a["x1"], b["x1"]),
                                "y0": min(a["y0"], b["y0"]), "y1": max(a["y1"], b["y1"])}
                    del parts[j]
                    merged = True
                    break
            if merged:
                break
    return sorted(parts, key=lambda p: p["x0"])
