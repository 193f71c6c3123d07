"""Several digits on one canvas -> one ink image per digit, left to right.

Ink comes in *pieces* that are never cut further: on the canvas, groups of
strokes (the canvas knows which stroke is which, so digits that touch stay
apart and a digit made of strokes that do not meet stays whole); in an image,
connected components (8-connected, found on runs of ink per row). Pieces
that share most of their horizontal extent are merged at once (a 7's
crossbar, a slashed zero, a 4 whose upright crosses its bar). What is left is
grouped by reading: neighbouring pieces become one digit when the recognizer
reads them together better than apart (:func:`group_by_reading`), which
keeps a 4 whose strokes miss each other and a 5 with a lifted bar whole.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Sequence

import numpy as np
from PIL import Image, ImageDraw

# Components are found on a copy whose longer side is at most this; a digit
# drawn on a canvas is never so thin that max-pooling by this factor breaks it.
WORK_SIZE = 240
INK_LEVEL = 0.25
# A piece whose horizontal extent lies this much inside another's joins it
# at once (a slash through a zero, a 7's crossbar); looser overlaps, such as
# a 1 leaning into its neighbour, are left to group_by_reading.
MERGE_OVERLAP = 0.8
# Specks smaller than this share of the largest component are dropped.
SPECK = 0.02
# More pieces than this (after merging) are not a number someone wrote but
# noise, a grid of dots, stripes or a ruler: they are refused as a whole
# (CrowdedInk) before anything is read, so reading stays within a second.
# The longest numbers read (a phone number, two or three pieces a digit)
# stay well under it.
MAX_NUMBER_PIECES = 48
# Components beyond this many are not even merged: the same answer, sooner.
MAX_COMPONENTS = 4000


class CrowdedInk(Exception):
    """The ink falls into more pieces than any written number (noise, dots, stripes)."""


@dataclass(frozen=True)
class DigitInk:
    left: int  # bounding box in the ink image's pixels
    top: int
    right: int  # exclusive
    bottom: int
    ink: np.ndarray  # this digit's ink alone, cropped to its box
    # The pen strokes that drew it, in drawing order, when they drew all of it
    # (none for an image's components, or where an eraser has been).
    strokes: tuple[int, ...] = ()


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
    rows, starts, ends = (a.tolist() for a in _runs(binary))  # Python ints: the loop below is Python's
    parent = list(range(len(rows)))

    def find(a):
        while parent[a] != a:
            parent[a] = parent[parent[a]]
            a = parent[a]
        return a

    row_first = {}
    for i, r in enumerate(rows):
        row_first.setdefault(r, i)
    current_row = None
    for i in range(len(rows)):
        r = rows[i]
        if r != current_row:
            current_row = r
            # The runs of the row above sit just before this row's first run.
            prev_lo, prev_hi = (row_first[r - 1], row_first[r]) if r - 1 in row_first else (0, 0)
            j = prev_lo
        # Both rows' runs are sorted: one pass over the two together (a row of
        # a hundred stripes under another took 10,000 comparisons a row).
        while j < prev_hi and ends[j] < starts[i]:
            j += 1
        k = j
        while k < prev_hi and starts[k] <= ends[i]:
            # Diagonal neighbours count: runs touch if they overlap after widening by one.
            ra, rb = find(i), find(k)
            if ra != rb:
                parent[ra] = rb
            k += 1
        j = max(j, k - 1)
    groups: dict[int, list] = {}
    for i in range(len(rows)):
        groups.setdefault(find(i), []).append((rows[i], starts[i], ends[i]))
    return list(groups.values())


def split_digits(ink: np.ndarray) -> list[DigitInk]:
    """Ink (light on 0, as :func:`training.reading.preprocess.ink_map` gives) -> pieces, left to right.

    Each piece is a connected component, or several that share most of their
    horizontal extent; :func:`group_by_reading` decides which pieces are one digit.
    """
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
    if len(kept) > MAX_COMPONENTS:
        raise CrowdedInk(len(kept))
    groups = _merge_overlapping(kept)
    if len(groups) > MAX_NUMBER_PIECES:
        raise CrowdedInk(len(groups))
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
        grown = grow(mask)
        top, left = gy0 * f, gx0 * f
        bottom, right = min(h, gy1 * f), min(w, gx1 * f)
        full_mask = np.repeat(np.repeat(grown, f, axis=0), f, axis=1)[:bottom - top, :right - left]
        piece = np.where(full_mask, crop[top:bottom, left:right], 0.0)
        digits.append(DigitInk(x0 + left, y0 + top, x0 + right, y0 + bottom, piece))
    return digits


def grow(mask: np.ndarray) -> np.ndarray:
    """A boolean mask grown by one pixel in all eight directions."""
    grown = mask.copy()
    grown[1:] |= mask[:-1]
    grown[:-1] |= mask[1:]
    grown[:, 1:] |= grown[:, :-1].copy()
    grown[:, :-1] |= grown[:, 1:].copy()
    return grown


def _merge_overlapping(parts: list[dict]) -> list[dict]:
    """Merge components sharing most of their horizontal extent, until none do.

    One sweep from left to right (near-linear): a part can only share
    extent with the groups still open where it starts, and a group that
    grows is checked again against the open ones. Restarting a double loop
    after every merge took minutes on a noisy image of a few thousand specks.
    """
    open_groups: list[dict] = []
    closed: list[dict] = []
    for part in sorted(parts, key=lambda p: p["x0"]):
        still_open = []
        for g in open_groups:
            (still_open if g["x1"] > part["x0"] else closed).append(g)
        group, merged = part, True
        while merged:
            merged = False
            for k, g in enumerate(still_open):
                if _share_most(g, group):
                    group = _combined(g, group)
                    del still_open[k]
                    merged = True
                    break
        open_groups = still_open + [group]
    return sorted(closed + open_groups, key=lambda p: p["x0"])


def _share_most(a: dict, b: dict) -> bool:
    overlap = min(a["x1"], b["x1"]) - max(a["x0"], b["x0"])
    narrower = min(a["x1"] - a["x0"], b["x1"] - b["x0"])
    return overlap > 0 and overlap >= MERGE_OVERLAP * narrower


def _combined(a: dict, b: dict) -> dict:
    return {"runs": a["runs"] + b["runs"], "area": a["area"] + b["area"],
            "x0": min(a["x0"], b["x0"]), "x1": max(a["x1"], b["x1"]),
            "y0": min(a["y0"], b["y0"]), "y1": max(a["y1"], b["y1"])}


# Strokes ---------------------------------------------------------------------

@dataclass(frozen=True)
class PenStroke:
    """One stroke as the canvas drew it: points and pen width in the ink image's pixels."""

    points: tuple[tuple[float, float], ...]
    width: float

    def box(self) -> tuple[float, float, float, float]:
        xs = [p[0] for p in self.points]
        ys = [p[1] for p in self.points]
        r = self.width / 2
        return min(xs) - r, min(ys) - r, max(xs) + r, max(ys) + r


def group_strokes(strokes: Sequence[PenStroke]) -> list[list[int]]:
    """Indices of strokes that share most of their horizontal extent, left to right."""
    parts = []
    for i, stroke in enumerate(strokes):
        x0, y0, x1, y1 = stroke.box()
        parts.append({"runs": [i], "area": 0, "x0": x0, "x1": x1, "y0": y0, "y1": y1})
    return [p["runs"] for p in _merge_overlapping(parts)]


def drawn_whole(ink: np.ndarray, stroke: PenStroke) -> bool:
    """True when ink lies under (nearly) all of ``stroke``'s line: no eraser has cut it."""
    h, w = ink.shape
    points = np.asarray(stroke.points, np.float64).reshape(-1, 2)
    if len(points) > 1:  # a pixel every pixel along the line, not only the points (a fast stroke has two)
        along = np.concatenate([[0.0], np.cumsum(np.hypot(*np.diff(points, axis=0).T))])
        steps = np.arange(0.0, along[-1] + 1.0)
        points = np.stack([np.interp(steps, along, points[:, 0]), np.interp(steps, along, points[:, 1])], axis=1)
    at = points.round().astype(int)
    if not ((at[:, 0] >= 0) & (at[:, 0] < w) & (at[:, 1] >= 0) & (at[:, 1] < h)).all():
        return False
    return float((ink[at[:, 1], at[:, 0]] > INK_LEVEL).mean()) >= 0.95


def stroke_pieces(ink: np.ndarray, strokes: Sequence[PenStroke], keep_strokes: bool = False) -> list[DigitInk]:
    """The canvas's ink cut by its strokes: one piece per stroke group, then any ink no stroke made.

    Each group's piece is the ink under its strokes (painted again as a mask,
    a little wider than the pen), so an eraser's work is respected and ink that
    two digits share goes to both. Ink that no stroke explains (an image placed
    on the canvas) is split into components as in an image.

    ``keep_strokes``: each piece names its strokes when they drew all of it
    (checked along every line: an eraser may have cut one), for a model that
    also reads the pen's path; the check costs time on every reading otherwise.
    """
    h, w = ink.shape
    covered = np.zeros((h, w), bool)
    pieces = []
    groups = group_strokes(strokes)
    if len(groups) > MAX_NUMBER_PIECES:  # each group paints a mask as large as the canvas
        raise CrowdedInk(len(groups))
    for group in groups:
        mask_image = Image.new("1", (w, h), 0)
        draw = ImageDraw.Draw(mask_image)
        for i in group:
            s = strokes[i]
            width = max(1, int(math.ceil(s.width + 3)))
            r = width / 2
            if len(s.points) > 1:
                draw.line(s.points, fill=1, width=width, joint="curve")
            # PIL leaves notches where short wide segments turn: a disc on every point fills them.
            for x, y in s.points:
                draw.ellipse((x - r, y - r, x + r, y + r), fill=1)
        mask = np.asarray(mask_image, bool)
        # PIL's wide diagonal lines miss the edge of Qt's by a pixel on every
        # other row: without the margin, a fast straight stroke (two points)
        # left dozens of one-pixel "pieces" along its edge.
        covered |= grow(mask)
        piece = np.where(mask, ink, 0.0)
        rows = np.flatnonzero(piece.max(axis=1) > INK_LEVEL)
        cols = np.flatnonzero(piece.max(axis=0) > INK_LEVEL)
        if rows.size == 0:
            continue  # rubbed out
        t, b, l, r_ = int(rows[0]), int(rows[-1]) + 1, int(cols[0]), int(cols[-1]) + 1
        intact = keep_strokes and all(drawn_whole(ink, strokes[i]) for i in group)
        pieces.append(DigitInk(l, t, r_, b, piece[t:b, l:r_], tuple(sorted(group)) if intact else ()))
    rest = np.where(covered, 0.0, ink)
    # Ink no stroke explains counts only when there is a fair amount of it
    # (a placed image), never for the anti-aliased fringe of a stroke.
    if (rest > INK_LEVEL).sum() > max(16, 0.02 * (ink > INK_LEVEL).sum()):
        pieces += split_digits(rest)
    return sorted(pieces, key=lambda p: p.left)


# Grouping by reading ------------------------------------------------------------

# Pieces are joined into one digit only if the result is no wider than this
# times its height, and the pieces are no further apart than GAP times it.
MAX_ASPECT = 1.6
MAX_GAP = 0.35
MAX_PIECES = 3
# A piece this much shorter than the tallest piece near it is a fragment (a
# lifted bar, a dot): it is read alone only at a heavy cost.
FRAGMENT_HEIGHT = 0.5
FRAGMENT_COST = math.log(0.05)
# Joined pieces that do not touch must read a little more surely than the
# pieces apart: two digits that each read well are never joined into one.
# Pieces whose ink touches (the strokes of a 4 that meet) join at no cost:
# what they read as together decides. (Not with a bonus: a 1 touching its
# neighbour often reads as that neighbour when joined, and a tie must stay
# two digits; measured on numbers of held-out writers, a 2% bonus cost 4%.)
JOIN_COST = math.log(0.8)
# People write the digits of a number side by side, not on top of each
# other: cutting between two pieces that share more than this share of the
# wider one's width costs more the more they share. (Of the wider one: a
# narrow 1 leaning into its neighbour shares most of its own width, little
# of the neighbour's.)
STACKED = 0.6


def horizontal_overlap(a: DigitInk, b: DigitInk) -> int:
    """Pixels of width the two pieces share (negative: the gap between them)."""
    return min(a.right, b.right) - max(a.left, b.left)


# The digits of a number stand on one line, about as tall as each other. Two
# pieces side by side that do not (the shorter one starts or ends this share
# of the taller one's height away from it) and that touch or nearly do (gap
# under NEAR_GAP of that height), and that read together as a digit neither
# reads alone, are one digit more often than two: a 4 whose stem is written
# apart, from its bar down (pendigits writers: read "11"). Such a join of two
# pieces gets OFF_LINE_BONUS. Without the last condition (a cost on cutting
# them) it mended those 4s and broke four numbers of 1,000 for one it mended
# ("951" read "95": the 1 joined to the 5 read as the 5 alone); without a
# least height, a 1's flag and stem read "7".
OFF_LINE = 0.3
OFF_LINE_SHORTER = (0.45, 0.8)  # the shorter piece's height, as a share of the taller's: not a flag or a dot
NEAR_GAP = 0.1
OFF_LINE_BONUS = math.log(5)


def off_line(a: DigitInk, b: DigitInk) -> bool:
    """True when neighbouring pieces nearly touch but do not share a line as two digits would."""
    tall = max(1, a.bottom - a.top, b.bottom - b.top)
    low, high = OFF_LINE_SHORTER
    if not low * tall <= min(a.bottom - a.top, b.bottom - b.top) <= high * tall:
        return False
    if horizontal_overlap(a, b) < -NEAR_GAP * tall:
        return False
    return max(abs(a.top - b.top), abs(a.bottom - b.bottom)) >= OFF_LINE * tall


def split_cost(a: DigitInk, b: DigitInk) -> float:
    wider = max(1, a.right - a.left, b.right - b.left)
    share = horizontal_overlap(a, b) / wider
    return 0.0 if share <= STACKED else math.log(max(0.05, 1 - (share - STACKED) / (1 - STACKED)))
# A piece read as "not a digit" beside other ink may be part of a digit (the
# bar of a 4 whose strokes miss): reading it alone costs a little.
REJECTED_PART_COST = math.log(0.5)
# Joined pieces must read as a digit, and surely: a weak joined reading (a 2
# and an A read together as a 4 at 37%) is no reason to join.
MIN_JOINED_CONFIDENCE = 0.5
# ... except a letter: pieces whose ink meets, together no wider than this
# times their height, may be read together as "not a digit" (an R, a P or a
# K whose strokes would read "12" or "14" apart). Numbers are wider: chosen
# on the training writers' letters and numbers, it refused 4% more letters
# and cost no number (1.2 cost numbers).
LETTER_ASPECT = 1.1
# A 1 touching its neighbour often reads as that neighbour when joined, as
# surely as the neighbour alone: a tie the join used to win by rounding. Such
# a join (redundant_join) costs this. Chosen on the training writers' numbers
# (97.5% -> 98.0% exactly right, no digit split), then measured on held-out
# writers' numbers: 94.8% -> 95.5%; without the overlap limit it split a 9.
REDUNDANT_SURE = 0.95
REDUNDANT_HEIGHT = 0.75
REDUNDANT_OVERLAP = 0.6
REDUNDANT_JOIN_COST = math.log(0.5)


def union(pieces: Sequence[DigitInk]) -> DigitInk:
    if len(pieces) == 1:
        return pieces[0]
    left, top = min(p.left for p in pieces), min(p.top for p in pieces)
    right, bottom = max(p.right for p in pieces), max(p.bottom for p in pieces)
    ink = np.zeros((bottom - top, right - left), np.float32)
    for p in pieces:
        view = ink[p.top - top:p.bottom - top, p.left - left:p.right - left]
        np.maximum(view, p.ink, out=view)
    strokes = tuple(sorted(i for p in pieces for i in p.strokes)) if all(p.strokes for p in pieces) else ()
    return DigitInk(left, top, right, bottom, ink, strokes)


def touching(a: DigitInk, b: DigitInk) -> bool:
    """True when the two pieces' ink meets (within a pixel)."""
    left, right = max(a.left, b.left) - 1, min(a.right, b.right) + 1
    top, bottom = max(a.top, b.top) - 1, min(a.bottom, b.bottom) + 1
    if left >= right or top >= bottom:
        return False

    def window(p):
        out = np.zeros((bottom - top, right - left), bool)
        y0, x0 = max(top, p.top), max(left, p.left)
        y1, x1 = min(bottom, p.bottom), min(right, p.right)
        if y0 < y1 and x0 < x1:
            out[y0 - top:y1 - top, x0 - left:x1 - left] = p.ink[y0 - p.top:y1 - p.top, x0 - p.left:x1 - p.left] > INK_LEVEL
        return out

    wa, wb = window(a), window(b)
    return bool((grow(wa) & wb).any())


def candidate_spans(pieces: Sequence[DigitInk]) -> list[tuple[int, int]]:
    """(first, last+1) runs of neighbouring pieces that could be one digit."""
    spans = []
    for i in range(len(pieces)):
        for j in range(i + 1, min(len(pieces), i + MAX_PIECES) + 1):
            group = pieces[i:j]
            if j - i > 1:
                left, right = min(p.left for p in group), max(p.right for p in group)
                top, bottom = min(p.top for p in group), max(p.bottom for p in group)
                height = bottom - top
                gap = max(group[k + 1].left - max(p.right for p in group[:k + 1]) for k in range(len(group) - 1))
                if right - left > MAX_ASPECT * height or gap > MAX_GAP * height:
                    break
            spans.append((i, j))
    return spans


def redundant_join(digit: int, group: Sequence[DigitInk], readings, reject_class) -> bool:
    """True when side-by-side pieces, each a sure digit alone, read together as what one of them reads alone.

    A 1 touching the 3 after it reads "3" together as surely as the 3 alone:
    the 1's ink explains nothing, so it is a digit of its own. Not for pieces
    under one another (the tail of a 9 hangs below its loop).
    """
    if any(r is None for r in readings):
        return False
    heights = [p.bottom - p.top for p in group]
    if any(h < REDUNDANT_HEIGHT * max(heights) for h in heights):
        return False
    for a, b in zip(group, group[1:]):
        narrower = max(1, min(a.right - a.left, b.right - b.left))
        if horizontal_overlap(a, b) > REDUNDANT_OVERLAP * narrower:
            return False
    answers = [int(np.argmax(r)) for r in readings]
    return (all(a != reject_class and float(np.max(r)) >= REDUNDANT_SURE for a, r in zip(answers, readings))
            and digit in answers)


def letter_like(group: Sequence[DigitInk], meets: Sequence[bool]) -> bool:
    """Neighbouring pieces that meet, together no wider than LETTER_ASPECT times their height.

    ``meets``: :func:`touching` for each neighbouring pair, as the caller already has it.
    """
    if not all(meets):
        return False
    width = max(p.right for p in group) - min(p.left for p in group)
    height = max(p.bottom for p in group) - min(p.top for p in group)
    return width <= LETTER_ASPECT * height


def group_by_reading(pieces: Sequence[DigitInk], spans: Sequence[tuple[int, int]],
                     probabilities: np.ndarray, reject_class: int | None) -> list[tuple[int, int]]:
    """The split of ``pieces`` into digits whose readings are jointly the most probable.

    ``probabilities[k]`` is the recognizer's answer for ``spans[k]`` read as
    one digit. A split is scored by the sum of the log-confidence of its
    digits, so pieces are joined only when the joined reading is surer than
    the pieces read apart. Joined pieces must read as a digit (two digits
    side by side, touching or not, can look like a letter), unless they are
    :func:`letter_like`: then "not a digit" together may win. Joining
    pieces that do not touch costs a little (JOIN_COST); cutting between
    pieces stacked over each other costs (split_cost); pieces :func:`off_line`
    that read together as something new join more readily; a fragment much shorter
    than its neighbours, or a piece read as "not a digit" beside other
    pieces, costs more when read alone.
    """
    n = len(pieces)
    heights = [p.bottom - p.top for p in pieces]
    alone = {i: p for (i, j), p in zip(spans, probabilities) if j - i == 1}
    meets = [touching(pieces[k], pieces[k + 1]) for k in range(n - 1)]  # once per pair, not per span
    score = {}
    for (i, j), p in zip(spans, probabilities):
        best = int(np.argmax(p))
        joined = j - i > 1
        if joined and best == reject_class and letter_like(pieces[i:j], meets[i:j - 1]):
            score[(i, j)] = math.log(max(float(p[best]), 1e-9))
            continue
        if joined and (best == reject_class or p[best] < MIN_JOINED_CONFIDENCE):
            continue
        s = math.log(max(float(p[best]), 1e-9))
        if joined:
            s += sum(0.0 if meets[k] else JOIN_COST for k in range(i, j - 1))
            readings = [alone.get(k) for k in range(i, j)]
            if redundant_join(best, pieces[i:j], readings, reject_class):
                s += REDUNDANT_JOIN_COST
            elif (j - i == 2 and off_line(pieces[i], pieces[i + 1])
                  and all(r is not None and int(np.argmax(r)) != best for r in readings)):
                s += OFF_LINE_BONUS
        elif n > 1:
            near = max(heights[max(0, i - 1):min(n, i + 2)])
            if heights[i] < FRAGMENT_HEIGHT * near:
                s += FRAGMENT_COST
            if best == reject_class:
                s += REJECTED_PART_COST
        score[(i, j)] = s
    best_total = [0.0] + [-math.inf] * n
    back = [0] * (n + 1)
    cut = [0.0] + [split_cost(pieces[k - 1], pieces[k]) for k in range(1, n)]  # cutting before piece k
    for j in range(1, n + 1):
        for i in range(max(0, j - MAX_PIECES), j):
            total = best_total[i] + score.get((i, j), -math.inf) + cut[i]
            if total > best_total[j]:
                best_total[j] = total
                back[j] = i
    out, j = [], n
    while j > 0:
        out.append((back[j], j))
        j = back[j]
    return out[::-1]
