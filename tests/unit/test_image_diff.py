"""The screenshot comparison: what counts as a differing pixel, the tolerance, sizes, baselines."""

from __future__ import annotations

import io

import numpy as np
from PIL import Image

from tests.browser.image_diff import (
    MAX_SHARE,
    PIXEL_THRESHOLD,
    baseline_png,
    compare,
    diff_png,
    load_rgb,
    png_bytes,
    stack,
)


def page_like(height: int = 400, width: int = 300) -> np.ndarray:
    """White with dark "text" rows and a teal box: a few colours, like a screenshot."""
    pixels = np.full((height, width, 3), 255, dtype=np.int16)
    pixels[20:30, 10:200] = (30, 30, 30)
    pixels[50:60, 10:250] = (30, 30, 30)
    pixels[100:140, 10:120] = (0, 104, 94)
    return pixels


def test_the_same_image_passes_with_no_differing_pixel() -> None:
    image = png_bytes(page_like())
    result = compare(image, image)
    assert result.differing == 0 and result.passed


def test_a_faint_change_within_the_threshold_is_ignored() -> None:
    changed = page_like()
    changed[20:30, 10:200] += PIXEL_THRESHOLD  # anti-aliasing noise: at most the threshold per channel
    assert compare(png_bytes(page_like()), png_bytes(changed)).differing == 0


def test_a_moved_box_fails_and_counts_its_pixels() -> None:
    moved = page_like()
    moved[100:140, 10:120] = 255
    moved[100:140, 12:122] = (0, 104, 94)  # the box two pixels to the right
    result = compare(png_bytes(page_like()), png_bytes(moved))
    assert result.differing == 2 * 40 * 2
    assert not result.passed
    assert "160 of 120000 pixels differ" in result.summary()


def test_a_change_below_the_tolerated_share_passes() -> None:
    image = page_like()
    allowed = int(MAX_SHARE * image.shape[0] * image.shape[1])  # 60 of 120,000
    changed = image.copy()
    changed[200, :allowed] = 0
    assert compare(png_bytes(image), png_bytes(changed)).passed
    changed[201, : allowed + 1] = 0
    assert not compare(png_bytes(image), png_bytes(changed)).passed


def test_a_different_size_fails_even_when_few_pixels_differ() -> None:
    tall = np.full((3000, 1000, 3), 255, dtype=np.int16)
    taller = np.full((3001, 1000, 3), 255, dtype=np.int16)  # one row more: 0.03 % of the pixels
    result = compare(png_bytes(tall), png_bytes(taller))
    assert result.differing == 1000 and result.share < MAX_SHARE
    assert not result.passed
    assert "size 1000x3001 px, baseline 1000x3000 px" in result.summary()


def test_the_diff_image_marks_differing_pixels_in_red() -> None:
    changed = page_like()
    changed[300:310, 100:110] = 0
    result = compare(png_bytes(page_like()), png_bytes(changed))
    diff = load_rgb(diff_png(png_bytes(changed), result))
    assert (diff[305, 105] == (220, 0, 0)).all()
    assert (diff[200, 200] == 255).all()  # unchanged white stays white
    assert ((diff[result.mask] == (220, 0, 0)).all(axis=1)).sum() == 100


def test_a_baseline_is_stored_in_256_colours_when_that_loses_less_than_half_the_threshold() -> None:
    image = page_like()
    image[200:260, 10:290] = np.linspace(0, 255, 280, dtype=np.int16)[None, :, None]  # a grey ramp
    stored = baseline_png(png_bytes(image))
    with Image.open(io.BytesIO(stored)) as opened:
        assert opened.mode == "P"
    assert np.abs(load_rgb(stored) - image).max() <= PIXEL_THRESHOLD // 2
    assert compare(stored, png_bytes(image)).differing == 0


def test_a_baseline_with_too_many_colours_stays_in_full_colour() -> None:
    noise = np.random.default_rng(1).integers(0, 256, size=(64, 64, 3), dtype=np.int16)
    stored = baseline_png(png_bytes(noise))
    with Image.open(io.BytesIO(stored)) as opened:
        assert opened.mode == "RGB"
    assert (load_rgb(stored) == noise).all()


def test_stacked_regions_sit_one_above_the_other_with_a_gap() -> None:
    top, bottom = page_like(100, 300), page_like(50, 200)
    stacked = load_rgb(stack([png_bytes(top), png_bytes(bottom)], gap=8))
    assert stacked.shape == (158, 300, 3)
    assert (stacked[:100] == top).all()
    assert (stacked[108:158, :200] == bottom).all()
    assert (stacked[100:108] == 255).all()
