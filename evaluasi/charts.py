"""Small server-side SVG charts (the same markup works in HTML pages and in PDFs)."""

from django.utils.html import escape
from django.utils.safestring import mark_safe

ROW = 26
LABEL_WIDTH = 140
BAR_WIDTH = 220


def bar_chart_svg(rows: list[tuple[str, int, int]], *, title: str) -> str:
    """Horizontal bars from (label, count, percent). `title` is the text alternative."""
    height = ROW * len(rows) + 6
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" role="img" class="grafik-batang" '
        f'viewBox="0 0 {LABEL_WIDTH + BAR_WIDTH + 90} {height}" width="100%" '
        f'style="max-width:{LABEL_WIDTH + BAR_WIDTH + 90}px"><title>{escape(title)}</title>'
    ]
    for index, (label, count, percent) in enumerate(rows):
        y = index * ROW + 4
        width = round(BAR_WIDTH * percent / 100)
        parts.append(
            f'<text x="0" y="{y + 15}" font-size="12" fill="#1d2b27">{escape(label)}</text>'
            f'<rect x="{LABEL_WIDTH}" y="{y + 3}" width="{max(width, 1)}" height="16" rx="2" '
            f'fill="#0b5d4b"/>'
            f'<text x="{LABEL_WIDTH + width + 6}" y="{y + 15}" font-size="12" fill="#1d2b27">'
            f"{count} ({percent}%)</text>"
        )
    parts.append("</svg>")
    return mark_safe("".join(parts))  # noqa: S308 - every interpolated text is escaped above
