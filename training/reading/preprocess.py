"""Any grayscale image of a digit -> the 28x28 form MNIST was made in.

MNIST's recipe (LeCun et al.): the ink's bounding box is scaled, aspect kept and
anti-aliased, so that its longer side is 20 px; it is placed in a 28x28 field
so that its centre of mass sits at the centre. Canvas strokes, image files,
personal samples and the training data checks all go through :func:`to_mnist`,
so the model sees the same kind of pixels everywhere.
"""

from __future__ import annotations

import os
from pathlib import Path

import numpy as np
from PIL import Image, ImageOps, UnidentifiedImageError

from training.errors import ImageError

# Bumped whenever the pixels this module produces change; model sidecars
# record it so that a model is never fed a different preprocessing silently.
PREPROCESS_VERSION = 1

SIZE = 28
BOX = 20
# Below this contrast (0-1) between ink and paper the image counts as blank:
# sensor noise and paper texture stay under it, a faint pencil stroke does not.
MIN_CONTRAST = 0.15
# Ink fainter than this fraction of the darkest stroke is treated as paper
# (shadows, JPEG ringing, the faint fringe of anti-aliasing).
INK_FLOOR = 0.15


def to_grayscale(image) -> np.ndarray:
    """A PIL image or an array (2-D, or RGB/RGBA) -> float32 in [0, 1]."""
    if isinstance(image, Image.Image):
        if image.mode in ("F", "I", "I;16", "I;16B", "I;16L", "I;16N"):
            return _scaled_gray(np.asarray(image), image.mode)
        if image.mode in ("RGBA", "LA", "PA") or "transparency" in image.info:
            image = _flatten_alpha(image)
        image = np.asarray(image.convert("L"))
    array = np.asarray(image)
    if array.ndim == 3:
        if array.shape[2] == 4:
            return to_grayscale(Image.fromarray(array.astype(np.uint8), "RGBA"))
        array = array[..., :3].astype(np.float32) @ np.array([0.299, 0.587, 0.114], np.float32)
        return (array / 255.0).astype(np.float32)
    if array.ndim != 2:
        raise ValueError(f"expected a 2-D grayscale image, got shape {array.shape}")
    if np.issubdtype(array.dtype, np.integer):
        return (array.astype(np.float32) / 255.0)
    return np.clip(array.astype(np.float32), 0.0, 1.0)


def _scaled_gray(array: np.ndarray, mode: str) -> np.ndarray:
    """Float and 16/32-bit images by their own range: a float TIFF holds 0-1, a 16-bit PNG 0-65535."""
    array = np.nan_to_num(array.astype(np.float64), nan=0.0, posinf=0.0, neginf=0.0)
    if mode == "F":
        top = 1.0 if array.max(initial=0) <= 1.0 else (255.0 if array.max() <= 255.0 else float(array.max()))
    else:
        top = 65535.0 if array.max(initial=0) > 255 else 255.0
    return np.clip(array / top, 0.0, 1.0).astype(np.float32)


def _flatten_alpha(image: Image.Image) -> Image.Image:
    """Put transparent pixels on a background opposite to the ink's colour.

    A transparent PNG of white strokes would vanish on white paper, and one of
    black strokes on black, so the background is chosen from the ink itself.
    """
    rgba = image.convert("RGBA")
    alpha = np.asarray(rgba)[..., 3]
    luminance = np.asarray(rgba.convert("L"), dtype=np.float32)
    opaque = alpha > 127
    ink_is_light = opaque.any() and luminance[opaque].mean() > 127
    background = Image.new("RGBA", rgba.size, (0, 0, 0, 255) if ink_is_light else (255, 255, 255, 255))
    return Image.alpha_composite(background, rgba).convert("L")


def ink_map(gray: np.ndarray) -> np.ndarray | None:
    """Grayscale of either polarity -> ink in [0, 1] on 0 paper, or None if blank.

    The paper is whatever fills the image's border; ink is what differs from it
    in the other direction, so dark-on-light photos and light-on-dark canvas
    exports come out alike.
    """
    border = np.concatenate([gray[0], gray[-1], gray[1:-1, 0], gray[1:-1, -1]])
    paper = float(np.median(border))
    if (np.abs(gray - paper) < 1.5 / 255).mean() > 0.5:
        # Most of the picture is exactly one colour, as on a canvas or a clean export: that is the paper.
        return normalize_ink((paper - gray) if paper > 0.5 else (gray - paper))
    # A photo's border may be a dark table edge or a shadow; the paper is what
    # fills most of the picture.
    dark_ink = float(np.median(gray)) > 0.5
    background = paper_background(gray, dark_ink)
    # Ink as a fraction of the paper's own brightness where it lies: a shadow
    # dims paper and ink alike, so their ratio stays.
    if dark_ink:
        ink = 1.0 - gray / np.maximum(background, 0.05)
    else:
        ink = (gray - background) / np.maximum(1.0 - background, 0.05)
    ink = normalize_ink(np.clip(ink, 0.0, 1.0), floor=PHOTO_INK_FLOOR)
    if ink is None or not plausible_ink(ink):
        return None
    ink = without_edge_bands(ink, gray)
    if min(gray.shape) >= 200:
        # A shadow's sharp rim leaves a hairline the background could not follow;
        # writing in a picture this size is wider than two pixels.
        ink = _window(_window(ink, np.min, 3), np.max, 3)
    return normalize_ink(ink, floor=PHOTO_INK_FLOOR)


def without_edge_bands(ink: np.ndarray, gray: np.ndarray | None = None) -> np.ndarray:
    """Remove ink that runs along an edge of the picture: a table, the paper's edge, a dark frame.

    Near each side, rows or columns that are mostly ink are a band, not
    writing: a digit reaching the edge of a tight crop never fills a row.
    "Near" is the outer tenth, and, where ``gray`` (the photo) shows a band
    darker or lighter than the paper along that side, also the band's inner
    border, wherever the band's measured width puts it: a 60 px shadow band
    in a 280 px photo left its rim, a line that read as a "1" before the
    digit, when only the outer tenth was looked at. The band's soft rim,
    two lines on each side, goes with it.
    """
    out = ink.copy()
    inked = ink > 0.5
    widths = edge_band_widths(gray) if gray is not None else ((0, 0), (0, 0))
    for lines, target, (first, last) in ((inked, out, widths[0]), (inked.T, out.T, widths[1])):
        size = len(lines)
        margin = max(1, size // 10)
        rim = max(BAND_RIM, size // 40)
        near = set(range(margin)) | set(range(size - margin, size))
        if first:
            near |= set(range(max(0, first - rim), min(size, first + rim)))
        if last:
            near |= set(range(max(0, size - last - rim), min(size, size - last + rim)))
        for k in sorted(near):
            if lines[k].mean() >= BAND_SHARE:
                target[max(0, k - 2):k + 3] = 0.0
    return out


# A row or column this much inked, near an edge or a band's border, is part of the band, not writing.
BAND_SHARE = 0.6
# A band's border is looked for this many lines (or a 40th of the picture) either side of its measured width.
BAND_RIM = 3
# Lines whose middle brightness differs this much from the whole photo's are a band (a shadow, a table).
BAND_CONTRAST = 0.15


def edge_band_widths(gray: np.ndarray) -> tuple[tuple[int, int], tuple[int, int]]:
    """How many rows from the top and bottom, and columns from the left and right, are a band along that
    edge: lines whose median brightness is far from the photo's paper, counted from the edge up to half
    the photo."""
    paper = float(np.median(gray))
    out = []
    for medians in (np.median(gray, axis=1), np.median(gray, axis=0)):
        banded = np.abs(medians - paper) > BAND_CONTRAST
        half = len(banded) // 2
        widths = []
        for side in (banded[:half], banded[::-1][:half]):
            outside = np.flatnonzero(~side)
            widths.append(int(outside[0]) if outside.size else half)
        out.append(tuple(widths))
    return out[0], out[1]


# The paper's own brightness is estimated on a copy this small: shadows and
# vignetting vary slowly, and strokes are thin enough at this scale to vanish
# under a 7x7 closing (dark ink) or opening (light ink).
BACKGROUND_SIZE = 64
# In photos, faint differences are the paper's texture or a shadow's edge.
PHOTO_INK_FLOOR = 0.35
MAX_INK_SHARE = 0.35
MAX_EDGES_PER_INK = 2.0


def paper_background(gray: np.ndarray, dark_ink: bool) -> np.ndarray:
    """The paper's brightness under the ink, shadows and dark edges included, at full size."""
    h, w = gray.shape
    scale = BACKGROUND_SIZE / max(h, w)
    small = np.asarray(Image.fromarray(gray.astype(np.float32), "F").resize(
        (max(3, round(w * scale)), max(3, round(h * scale))), Image.Resampling.BOX), np.float32)
    grow, shrink = (np.max, np.min) if dark_ink else (np.min, np.max)
    small = _window(_window(small, grow, 7), shrink, 7)  # removes the strokes, keeps the paper and its edges
    return np.asarray(Image.fromarray(small, "F").resize((w, h), Image.Resampling.BILINEAR), np.float32)


def _window(array: np.ndarray, reduce, size: int) -> np.ndarray:
    pad = size // 2
    padded = np.pad(array, pad, mode="edge")
    return reduce(np.lib.stride_tricks.sliding_window_view(padded, (size, size)), axis=(2, 3)).astype(np.float32)


def plausible_ink(ink: np.ndarray) -> bool:
    """False for noise or texture: ink that is mostly edges (specks) or covers much of the picture is not writing.

    A stroke w pixels wide has about 4/w edges per inked pixel; isolated
    specks have nearly 4. Writing with strokes at least two pixels wide
    stays below 2.
    """
    inked = ink > 0.5
    count = int(inked.sum())
    if count == 0 or count > MAX_INK_SHARE * inked.size:
        return count == 0
    edges = int((inked[:, 1:] != inked[:, :-1]).sum() + (inked[1:] != inked[:-1]).sum())
    return edges / count < MAX_EDGES_PER_INK


def normalize_ink(ink: np.ndarray, floor: float = INK_FLOOR) -> np.ndarray | None:
    """Ink of any strength -> 0-1 with its strongest stroke at 1 and faint fringes cut; None if too faint."""
    strongest = float(ink.max()) if ink.size else 0.0
    if strongest < MIN_CONTRAST:
        return None
    ink = np.clip(ink / strongest, 0.0, 1.0)
    ink[ink < floor] = 0.0
    return ink


def to_mnist(image) -> np.ndarray | None:
    """Return the (28, 28) float32 input in [0, 1], or None when there is no digit."""
    ink = ink_map(to_grayscale(image))
    if ink is None:
        return None
    return fit_to_mnist_box(ink)


def fit_to_mnist_box(ink: np.ndarray) -> np.ndarray | None:
    """Ink (light on 0) of any size -> MNIST's 20 px box, centred by mass in 28x28."""
    rows = np.flatnonzero(ink.any(axis=1))
    cols = np.flatnonzero(ink.any(axis=0))
    if rows.size == 0:
        return None
    crop = ink[rows[0]:rows[-1] + 1, cols[0]:cols[-1] + 1]
    h, w = crop.shape
    scale = BOX / max(h, w)
    new_w, new_h = max(1, round(w * scale)), max(1, round(h * scale))
    # Pillow's resampling widens its filter when shrinking, so this is a true
    # anti-aliased reduction, not point sampling.
    resized = Image.fromarray(crop.astype(np.float32), "F").resize(
        (new_w, new_h), Image.Resampling.LANCZOS)
    box = np.clip(np.asarray(resized, dtype=np.float32), 0.0, 1.0)

    total = float(box.sum())
    if total <= 0.0:
        return None
    ys, xs = np.indices(box.shape)
    com_y, com_x = float((ys * box).sum() / total), float((xs * box).sum() / total)
    # MNIST's centres of mass sit at (14.0, 14.0) (mean over its training set),
    # not at the geometric 13.5. The shift is sub-pixel: rounding it would make
    # the input jump by a whole pixel as a stroke grows, and the chart flicker.
    centre = SIZE / 2.0
    # Clamped so that a lopsided digit (a 7's heavy top) is moved, never cut.
    top = float(np.clip(centre - com_y, 0, SIZE - new_h))
    left = float(np.clip(centre - com_x, 0, SIZE - new_w))
    field = Image.new("F", (SIZE, SIZE), 0.0)
    field.paste(Image.fromarray(box, "F"), (int(left), int(top)))
    frac_x, frac_y = left - int(left), top - int(top)
    if frac_x or frac_y:
        field = field.transform((SIZE, SIZE), Image.Transform.AFFINE,
                                (1, 0, -frac_x, 0, 1, -frac_y), Image.Resampling.BILINEAR)
    return np.clip(np.asarray(field, dtype=np.float32), 0.0, 1.0)


# Raster formats only: EPS and PDF would be handed to Ghostscript, an
# interpreter with no time limit, and a user's file never goes to one.
RASTER_FORMATS = ("PNG", "JPEG", "BMP", "DIB", "GIF", "TIFF", "WEBP", "PPM", "TGA", "ICO", "QOI", "PCX")
FORMAT_NAMES = "PNG, JPEG, BMP, GIF, TIFF, WebP, PPM, TGA, ICO"
# Larger images are reduced while decoding (JPEG) or refused: a 200 KB PNG can
# declare 13,000 x 13,000 pixels, 170 MB of gray and four times that in RGBA.
MAX_PIXELS = 24_000_000
_REFUSED_BY_NAME = ((b"%!PS", "a PostScript/EPS file"), (b"\xc5\xd0\xd3\xc6", "a PostScript/EPS file"),
                    (b"%PDF", "a PDF document"), (b"<?xml", "an XML or SVG document"), (b"<svg", "an SVG drawing"))


def load_image(path: str | os.PathLike) -> np.ndarray:
    """Read an image file as grayscale float32 in [0, 1]; ImageError, in one sentence, if it cannot be."""
    import stat
    import warnings

    path = Path(path)
    name = path.name
    try:
        info = path.stat()
    except FileNotFoundError:
        raise ImageError("{path}: no such file.", path=path) from None
    except OSError as exc:
        raise ImageError("{path} cannot be opened ({reason}).", path=path, reason=exc.strerror or exc) from None
    if stat.S_ISDIR(info.st_mode):
        raise ImageError("{path} is a folder, not an image.", path=path)
    if not stat.S_ISREG(info.st_mode):  # a FIFO or a device would block or never end
        raise ImageError("{path} is not a regular file.", path=path)
    try:
        with open(path, "rb") as f:
            head = f.read(16)
    except OSError as exc:
        raise ImageError("{path} cannot be opened ({reason}).", path=path, reason=exc.strerror or exc) from None
    for magic, what in _REFUSED_BY_NAME:
        if head.lstrip().startswith(magic):
            raise ImageError("{name} is {what}; only raster images are read ({FORMAT_NAMES}).",
                             name=name, what=what, FORMAT_NAMES=FORMAT_NAMES)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # Pillow's own warnings are reported as sentences below
            with Image.open(path, formats=RASTER_FORMATS) as image:
                width, height = image.size
                if width * height > MAX_PIXELS:
                    if image.format in ("JPEG", "MPO"):
                        # Decoded at 1/2, 1/4 or 1/8 size, the smallest that keeps at
                        # least half of the side MAX_PIXELS allows.
                        side = (MAX_PIXELS / (width * height)) ** 0.5 / 2
                        image.draft("L", (int(width * side), int(height * side)))
                    if image.size[0] * image.size[1] > MAX_PIXELS:
                        raise ImageError(
                            "{name} is too large ({width} x {height} pixels); images of up to {value} megapixels are read.",
                            name=name, width=f"{width:,}", height=f"{height:,}", value=MAX_PIXELS // 1_000_000)
                image = ImageOps.exif_transpose(image)  # phone photos carry rotation in EXIF
                image.load()
                return to_grayscale(image)
    except ImageError:
        raise
    except UnidentifiedImageError:
        raise ImageError("{name} is not an image in a format this app reads ({FORMAT_NAMES}).",
                         name=name, FORMAT_NAMES=FORMAT_NAMES) from None
    except Image.DecompressionBombError:
        raise ImageError("{name} declares too many pixels to be read safely.", name=name) from None
    except MemoryError:
        raise ImageError("{name} needs more memory to decode than this computer can give.", name=name) from None
    except Exception as exc:  # truncated or malformed files raise many types inside Pillow's decoders
        raise ImageError("{name} is damaged or truncated and cannot be read ({short}).",
                         name=name, short=_short(exc)) from None


def _short(exc: Exception) -> str:
    text = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
    return text if len(text) <= 120 else text[:text.rfind(" ", 0, 117)] + "..."


def model_batches(images: np.ndarray, batch_size: int):
    """(start, float32 chunk in [0, 1]) over (N, 28, 28) images given as uint8 0-255 or float 0-1."""
    images = np.asarray(images)
    if images.ndim != 3 or images.shape[1:] != (28, 28):
        raise ValueError(f"expected (N, 28, 28) images, got {images.shape}")
    scale = 1 / 255.0 if images.dtype == np.uint8 else 1.0
    for start in range(0, len(images), batch_size):
        yield start, images[start:start + batch_size].astype(np.float32) * scale
