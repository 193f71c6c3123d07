"""Image files a user can hand the app: each bad one answered in one sentence, never hanging, never huge."""

import os
import time
import tracemalloc

import numpy as np
import pytest
from PIL import Image

from training.errors import ImageError
from training.reading.preprocess import load_image


@pytest.fixture
def folder(tmp_path):
    return tmp_path


def test_postscript_and_pdf_are_refused_by_name_and_never_interpreted(folder):
    looping = folder / "loop.eps"
    looping.write_text("%!PS-Adobe-3.0 EPSF-3.0\n%%BoundingBox: 0 0 10 10\n{ } loop\n")
    started = time.perf_counter()
    with pytest.raises(ImageError, match="loop.eps is a PostScript/EPS file; only raster images are read"):
        load_image(looping)
    assert time.perf_counter() - started < 1
    (folder / "doc.pdf").write_bytes(b"%PDF-1.4\n...")
    with pytest.raises(ImageError, match="doc.pdf is a PDF document"):
        load_image(folder / "doc.pdf")
    (folder / "renamed.png").write_bytes(b"\xc5\xd0\xd3\xc6" + b"\x00" * 40)  # binary EPS under a PNG name
    with pytest.raises(ImageError, match="PostScript/EPS"):
        load_image(folder / "renamed.png")


def test_a_small_file_declaring_a_huge_image_is_refused_without_decoding(folder):
    bomb = folder / "bomb.png"
    Image.new("L", (13375, 13375), 255).save(bomb, optimize=True)
    assert bomb.stat().st_size < 400_000
    tracemalloc.start()
    with pytest.raises(ImageError, match=r"too large \(13,375 x 13,375 pixels\)"):
        load_image(bomb)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    assert peak < 50 * 2**20


def test_a_large_jpeg_is_reduced_while_decoding(folder):
    big = folder / "big.jpg"
    image = np.full((6000, 5000), 255, np.uint8)
    image[2000:4000, 2400:2600] = 0
    Image.fromarray(image).save(big, quality=70)
    gray = load_image(big)
    assert gray.shape[0] * gray.shape[1] <= 24_000_000 and gray.shape[0] < 6000


def test_malformed_truncated_and_unknown_files_are_one_sentence(folder):
    Image.new("L", (64, 64), 128).save(folder / "ok.png")
    data = (folder / "ok.png").read_bytes()
    (folder / "trunc.png").write_bytes(data[: len(data) // 2])
    (folder / "x.dds").write_bytes(b"DDS |" + b"\x00" * 200)
    (folder / "junk.jpg").write_bytes(os.urandom(500))
    for name, words in (("trunc.png", "damaged or truncated"), ("x.dds", "not an image in a format this app reads"),
                        ("junk.jpg", "not an image in a format this app reads")):
        with pytest.raises(ImageError, match=words) as caught:
            load_image(folder / name)
        assert "\n" not in str(caught.value) and name in str(caught.value)


def test_a_fifo_is_refused_instead_of_hanging(folder):
    fifo = folder / "pipe.png"
    os.mkfifo(fifo)
    with pytest.raises(ImageError, match="not a regular file"):
        load_image(fifo)


def test_a_float_tiff_of_0_to_1_is_read_not_blank(folder):
    array = np.zeros((40, 40), np.float32)
    array[8:32, 18:22] = 1.0
    Image.fromarray(array, "F").save(folder / "float.tif")
    gray = load_image(folder / "float.tif")
    assert gray.max() == pytest.approx(1.0) and gray.min() == 0.0
    sixteen = (array * 65535).astype(np.uint16)
    Image.fromarray(sixteen).save(folder / "deep.png")
    assert load_image(folder / "deep.png").max() == pytest.approx(1.0, abs=0.01)
