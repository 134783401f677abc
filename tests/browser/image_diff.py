"""Compare a screenshot with its committed baseline: the share of pixels that really differ.

A pixel differs when any of its red, green or blue values moves by more than PIXEL_THRESHOLD
(of 255). That ignores the faint changes of anti-aliased text edges between two renderings, but
catches any moved edge, box or glyph, whose pixels change by far more. A screenshot passes when at
most MAX_SHARE of its pixels differ (and its size is the same).
"""

from __future__ import annotations

import io
from dataclasses import dataclass

import numpy as np
from PIL import Image

PIXEL_THRESHOLD = 32
# 0.05 %: about 200 pixels of a 375 px wide screenshot of the exam's question, 500 of the 1280 px
# chapter one. Measured: rendering on one machine differed in 0 pixels over three runs on a loaded
# machine; moving the choices' text 1 px to the right differed in 2.5 to 5.3 % (21,000 to 28,000 pixels).
MAX_SHARE = 0.0005


@dataclass(frozen=True)
class Comparison:
    """How far an actual screenshot is from its baseline."""

    expected_size: tuple[int, int]
    actual_size: tuple[int, int]
    differing: int
    total: int
    mask: np.ndarray  # True where a pixel differs (over the larger of the two sizes)

    @property
    def share(self) -> float:
        return self.differing / self.total if self.total else 0.0

    @property
    def passed(self) -> bool:
        return self.expected_size == self.actual_size and self.share <= MAX_SHARE

    def summary(self) -> str:
        if self.expected_size != self.actual_size:
            return (
                f"size {self.actual_size[0]}x{self.actual_size[1]} px, baseline "
                f"{self.expected_size[0]}x{self.expected_size[1]} px; "
                f"{self.differing} of {self.total} pixels differ"
            )
        return (
            f"{self.differing} of {self.total} pixels differ ({self.share:.3%}; "
            f"at most {MAX_SHARE:.3%} may differ by more than {PIXEL_THRESHOLD}/255 in a channel)"
        )


def load_rgb(data: bytes) -> np.ndarray:
    """A PNG's pixels as an H x W x 3 array of int16 (room for signed differences)."""
    with Image.open(io.BytesIO(data)) as image:
        return np.asarray(image.convert("RGB"), dtype=np.int16)


def _padded(pixels: np.ndarray, height: int, width: int) -> np.ndarray:
    """The image on a canvas of the given size; the uncovered part is -255, so it always differs."""
    canvas = np.full((height, width, 3), -255, dtype=np.int16)
    canvas[: pixels.shape[0], : pixels.shape[1]] = pixels
    return canvas


def compare(expected_png: bytes, actual_png: bytes, threshold: int = PIXEL_THRESHOLD) -> Comparison:
    expected, actual = load_rgb(expected_png), load_rgb(actual_png)
    height = max(expected.shape[0], actual.shape[0])
    width = max(expected.shape[1], actual.shape[1])
    delta = np.abs(_padded(expected, height, width) - _padded(actual, height, width))
    mask = (delta > threshold).any(axis=2)
    return Comparison(
        expected_size=(expected.shape[1], expected.shape[0]),
        actual_size=(actual.shape[1], actual.shape[0]),
        differing=int(mask.sum()),
        total=height * width,
        mask=mask,
    )


def diff_png(actual_png: bytes, comparison: Comparison) -> bytes:
    """The actual screenshot, faded, with every differing pixel in red."""
    actual = load_rgb(actual_png)
    height, width = comparison.mask.shape
    faded = np.full((height, width, 3), 255, dtype=np.int16)
    faded[: actual.shape[0], : actual.shape[1]] = 255 - (255 - actual) // 4
    faded[comparison.mask] = (220, 0, 0)
    return png_bytes(faded)


def png_bytes(pixels: np.ndarray) -> bytes:
    """An H x W x 3 array as a small PNG (the baselines are committed)."""
    out = io.BytesIO()
    Image.fromarray(np.clip(pixels, 0, 255).astype(np.uint8), "RGB").save(out, format="PNG", optimize=True)
    return out.getvalue()


def baseline_png(actual_png: bytes) -> bytes:
    """A screenshot as a small baseline: 256 colours when that moves no channel by more than half the
    threshold (so quantizing cannot hide or fake a difference), otherwise full colour."""
    actual = load_rgb(actual_png)
    with Image.open(io.BytesIO(png_bytes(actual))) as image:
        palette = image.quantize(256, method=Image.Quantize.FASTOCTREE, dither=Image.Dither.NONE)
    if np.abs(np.asarray(palette.convert("RGB"), dtype=np.int16) - actual).max() > PIXEL_THRESHOLD // 2:
        return png_bytes(actual)
    out = io.BytesIO()
    palette.save(out, format="PNG", optimize=True)
    return out.getvalue()


def stack(pngs: list[bytes], gap: int = 8) -> bytes:
    """Screenshots of several regions one above the other, on white, as one PNG."""
    images = [load_rgb(data) for data in pngs]
    width = max(image.shape[1] for image in images)
    height = sum(image.shape[0] for image in images) + gap * (len(images) - 1)
    canvas = np.full((height, width, 3), 255, dtype=np.int16)
    top = 0
    for image in images:
        canvas[top : top + image.shape[0], : image.shape[1]] = image
        top += image.shape[0] + gap
    return png_bytes(canvas)
