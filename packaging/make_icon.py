"""Draw the app icon (resources/icons/digit-recognizer.png, plus .ico for Windows).

A dark tile with a hand-drawn 7 and a small probability chart whose top bar
is highlighted, the app's two halves. Run from the project root.
"""

from pathlib import Path

from PIL import Image, ImageDraw

SIZE = 1024
OUT = Path("resources/icons")


def draw() -> Image.Image:
    img = Image.new("RGBA", (SIZE, SIZE), (0, 0, 0, 0))
    d = ImageDraw.Draw(img)
    d.rounded_rectangle((40, 40, SIZE - 40, SIZE - 40), radius=200, fill=(28, 32, 44, 255))
    pen = 70
    seven = [(230, 250), (640, 250), (400, 760)]
    d.line(seven, fill=(245, 245, 245, 255), width=pen, joint="curve")
    for x, y in (seven[0], seven[-1]):
        d.ellipse((x - pen / 2, y - pen / 2, x + pen / 2, y + pen / 2), fill=(245, 245, 245, 255))
    heights = [60, 90, 40, 330, 70]
    for i, h in enumerate(heights):
        x = 600 + i * 64
        colour = (255, 150, 30, 255) if h == max(heights) else (90, 140, 220, 255)
        d.rounded_rectangle((x, 860 - h, x + 44, 860), radius=10, fill=colour)
    return img


if __name__ == "__main__":
    OUT.mkdir(parents=True, exist_ok=True)
    icon = draw()
    icon.resize((256, 256), Image.Resampling.LANCZOS).save(OUT / "digit-recognizer.png")
    icon.resize((256, 256), Image.Resampling.LANCZOS).save(
        OUT / "digit-recognizer.ico", sizes=[(16, 16), (32, 32), (48, 48), (64, 64), (128, 128), (256, 256)])
