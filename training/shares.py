"""Shares (0-1) as percentages for people: never "100%" for what is not all, nor "0%" for what is not none."""

from __future__ import annotations


def percent_text(share: float, decimals: int = 1) -> str:
    """0.99998 -> "99.9%" with one decimal (not "100.0%"); 1.0 is "100.0%", 0.0 is "0.0%".

    The GUI's ``app.widgets.percent`` follows the same rule in the user's locale.
    """
    step = 10.0 ** -decimals
    value = round(float(share) * 100, decimals)
    if share < 1:
        value = min(value, 100 - step)
    if share > 0:
        value = max(value, step)
    return f"{value:.{decimals}f}%"
