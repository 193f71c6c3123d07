"""Make resources/samples: sample images and a tiny training set, all drawn by tests/strokes.py.

Nothing here comes from MNIST (whose copies stay out of the project): the
images are digits drawn as round-capped strokes, like mouse drawings.
- digit-N-canvas.png: light ink on black, as the canvas exports;
- digit-N-paper.jpg: dark ink on grey paper, like a photo or scan;
- drawn-digits.npz: a Keras-layout set (600 training, 200 test images, 28x28)
  for the self-test's one short epoch.
Run from the project root: python packaging/make_samples.py
"""

import sys
from pathlib import Path

import numpy as np
from PIL import Image

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]

from strokes import Style, draw_digit, random_style  # noqa: E402

from training.reading.preprocess import to_mnist  # noqa: E402

OUT = ROOT / "resources" / "samples"


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    for digit in range(10):
        canvas = draw_digit(digit, Style(variant=digit % 2, size=200, pen=16, slant=0.1, seed=digit))
        Image.fromarray(canvas).save(OUT / f"digit-{digit}-canvas.png", optimize=True)
        ink = draw_digit(digit, Style(variant=1, size=170, pen=12, centre=(150, 135), rotation=-5, seed=digit))
        paper = (210 - 0.65 * ink.astype(np.float32)).clip(0, 255).astype(np.uint8)
        Image.fromarray(np.stack([paper, paper, (paper * 0.92).astype(np.uint8)], -1)).save(
            OUT / f"digit-{digit}-paper.jpg", quality=88)

    rng = np.random.default_rng(42)

    def split(per_digit):
        images, labels = [], []
        for digit in range(10):
            for i in range(per_digit):
                images.append(to_mnist(draw_digit(digit, random_style(rng), light_ink=bool(i % 2))))
                labels.append(digit)
        order = rng.permutation(len(labels))
        x = (np.stack(images)[order] * 255).round().astype(np.uint8)
        return x, np.array(labels, np.uint8)[order]

    x_train, y_train = split(60)
    x_test, y_test = split(20)
    np.savez_compressed(OUT / "drawn-digits.npz", x_train=x_train, y_train=y_train, x_test=x_test, y_test=y_test)


if __name__ == "__main__":
    main()
