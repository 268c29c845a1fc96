"""Charts drawn on the server as SVG: the same image on the page and in the PDF (WeasyPrint), readable
without scripts. Each chart names itself (title) and is followed on the page by its figures."""

import uuid
from dataclasses import dataclass

from django.utils.html import escape

FONT = "DejaVu Sans,Arial,sans-serif"
BAR = "#1d5f8a"
BAR_LIGHT = "#d5e4ee"
TEXT = "#1a1a1a"


@dataclass(frozen=True)
class Bar:
    label: str
    value: float
    # For a share ("3 of 5"): the whole; the bar's length is value / whole.
    whole: float | None = None
    text: str = ""


def _svg(width: int, height: int, title: str, body: str) -> str:
    title_id = f"chart-{uuid.uuid4().hex[:8]}"
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart" role="img" aria-labelledby="{title_id}" '
        f'width="{width}" height="{height}" viewBox="0 0 {width} {height}" font-family="{FONT}">'
        f'<title id="{title_id}">{escape(title)}</title>{body}</svg>'
    )


def bars(title: str, rows: list[Bar], *, width: int = 640, label_width: int = 260) -> str:
    """Horizontal bars, one a row, with the figure after each bar."""
    row_height, top = 26, 6
    height = top * 2 + row_height * max(len(rows), 1)
    track = width - label_width - 70
    largest = max((r.value for r in rows if r.whole is None), default=0) or 1
    parts = []
    for index, row in enumerate(rows):
        y = top + index * row_height
        share = (row.value / row.whole if row.whole else 0) if row.whole is not None else row.value / largest
        length = max(0.0, min(1.0, share)) * track
        label = row.label if len(row.label) <= 38 else row.label[:37] + "…"
        parts.append(
            f'<text x="{label_width - 8}" y="{y + 17}" text-anchor="end" font-size="12" fill="{TEXT}">'
            f"{escape(label)}</text>"
        )
        if row.whole is not None:
            parts.append(
                f'<rect x="{label_width}" y="{y + 5}" width="{track}" height="16" fill="{BAR_LIGHT}"/>'
            )
        parts.append(f'<rect x="{label_width}" y="{y + 5}" width="{length:.1f}" height="16" fill="{BAR}"/>')
        figure = row.text or (f"{row.value:g} / {row.whole:g}" if row.whole is not None else f"{row.value:g}")
        parts.append(
            f'<text x="{label_width + (track if row.whole is not None else length) + 6:.1f}" y="{y + 17}" '
            f'font-size="12" fill="{TEXT}">{escape(figure)}</text>'
        )
    return _svg(width, height, title, "".join(parts))


def columns(title: str, points: list[tuple[str, float]], *, width: int = 640, height: int = 220) -> str:
    """Vertical columns over time (e.g. months), with each column's figure above it."""
    left, bottom, top = 10, 28, 20
    count = max(len(points), 1)
    slot = (width - left * 2) / count
    largest = max((value for _label, value in points), default=0) or 1
    plot = height - bottom - top
    parts = [
        f'<line x1="{left}" y1="{height - bottom}" x2="{width - left}" y2="{height - bottom}" '
        f'stroke="{TEXT}" stroke-width="1"/>'
    ]
    for index, (label, value) in enumerate(points):
        x = left + index * slot
        bar_height = value / largest * plot
        parts.append(
            f'<rect x="{x + slot * 0.15:.1f}" y="{height - bottom - bar_height:.1f}" '
            f'width="{slot * 0.7:.1f}" height="{bar_height:.1f}" fill="{BAR}"/>'
        )
        parts.append(
            f'<text x="{x + slot / 2:.1f}" y="{height - bottom - bar_height - 4:.1f}" text-anchor="middle" '
            f'font-size="11" fill="{TEXT}">{value:g}</text>'
        )
        parts.append(
            f'<text x="{x + slot / 2:.1f}" y="{height - 10}" text-anchor="middle" font-size="11" '
            f'fill="{TEXT}">{escape(label)}</text>'
        )
    return _svg(width, height, title, "".join(parts))
