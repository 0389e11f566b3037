"""Small server-side SVG charts (the same markup works in HTML pages and in PDFs)."""

import math

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


RADAR_SIZE = 360
RADAR_COLOURS = {"diri": "#c27c00", "orang_lain": "#0b5d4b"}


def radar_svg(axes: list[str], series: dict[str, list[float | None]], *, low: float, high: float,
              labels: dict[str, str], title: str) -> str:  # fmt: skip
    """A radar (spider) chart: one axis per aspect, one polygon per series (e.g. self vs others)."""

    margin = 50  # room for axis labels left and right of the circle
    centre, radius = RADAR_SIZE / 2, RADAR_SIZE / 2 - 70
    n = max(len(axes), 3)

    def point(index: int, value: float) -> tuple[float, float]:
        angle = -math.pi / 2 + 2 * math.pi * index / n
        share = (value - low) / (high - low) if high > low else 0
        return centre + radius * share * math.cos(angle), centre + radius * share * math.sin(angle)

    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" role="img" class="grafik-radar" '
        f'viewBox="{-margin} 0 {RADAR_SIZE + 2 * margin} {RADAR_SIZE + 30}" width="100%" '
        f'style="max-width:{RADAR_SIZE + 2 * margin}px">'
        f"<title>{escape(title)}</title>"
    ]
    for step in range(int(low), int(high) + 1):
        ring = " ".join(f"{x:.1f},{y:.1f}" for x, y in (point(i, step) for i in range(n)))
        parts.append(f'<polygon points="{ring}" fill="none" stroke="#cfdad6" stroke-width="1"/>')
    for index, axis in enumerate(axes):
        x, y = point(index, high)
        lx, ly = point(index, high + (high - low) * 0.22)
        anchor = "middle" if abs(lx - centre) < 10 else ("start" if lx > centre else "end")
        parts.append(
            f'<line x1="{centre}" y1="{centre}" x2="{x:.1f}" y2="{y:.1f}" stroke="#cfdad6"/>'
        )
        parts.append(
            f'<text x="{lx:.1f}" y="{ly:.1f}" font-size="11" text-anchor="{anchor}" '
            f'fill="#1d2b27">{escape(axis)}</text>'
        )
    for key, values in series.items():
        points = [(i, v) for i, v in enumerate(values) if v is not None]
        if len(points) < 3:
            continue
        shape = " ".join(f"{x:.1f},{y:.1f}" for x, y in (point(i, v) for i, v in points))
        colour = RADAR_COLOURS.get(key, "#555")
        parts.append(
            f'<polygon points="{shape}" fill="{colour}" fill-opacity="0.18" stroke="{colour}" '
            f'stroke-width="2"/>'
        )
    legend_y = RADAR_SIZE + 16
    for offset, key in enumerate(series):
        colour = RADAR_COLOURS.get(key, "#555")
        x = 20 + offset * 170
        parts.append(
            f'<rect x="{x}" y="{legend_y - 10}" width="12" height="12" fill="{colour}"/>'
            f'<text x="{x + 18}" y="{legend_y}" font-size="12" fill="#1d2b27">{escape(labels.get(key, key))}</text>'
        )
    parts.append("</svg>")
    return mark_safe("".join(parts))  # noqa: S308 - every interpolated text is escaped above


GROUP_COLOURS = {
    "diri": "#c27c00",
    "atasan": "#3b5ba5",
    "rekan": "#0b5d4b",
    "bawahan": "#7a4e9c",
    "lainnya": "#5f7f3a",
    "orang_lain": "#1d2b27",
}


def grouped_bars_svg(rows: list[tuple[str, dict[str, float]]], groups: list[tuple[str, str]], *,
                     high: float, title: str) -> str:  # fmt: skip
    """One block of horizontal bars per aspect, one bar per group (mean on the instrument's scale)."""
    bar, gap, label_w, width = 11, 14, 170, 230
    block = bar * len(groups) + gap
    height = block * len(rows) + 24 + 18 * ((len(groups) + 2) // 3)
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" role="img" class="grafik-batang" '
        f'viewBox="0 0 {label_w + width + 50} {height}" width="100%" style="max-width:{label_w + width + 50}px">'
        f"<title>{escape(title)}</title>"
    ]
    for index, (label, values) in enumerate(rows):
        top = index * block + 4
        parts.append(
            f'<text x="0" y="{top + bar + 3}" font-size="11" fill="#1d2b27">{escape(label[:28])}</text>'
        )
        for offset, (key, _) in enumerate(groups):
            value = values.get(key)
            if value is None:
                continue
            y = top + offset * bar
            length = max(1, round(width * value / high))
            parts.append(
                f'<rect x="{label_w}" y="{y}" width="{length}" height="{bar - 2}" fill="{GROUP_COLOURS.get(key, "#555")}"/>'
                f'<text x="{label_w + length + 4}" y="{y + bar - 1}" font-size="10" fill="#1d2b27">{value:.2f}</text>'
            )
    legend_top = len(rows) * block + 14
    for offset, (key, label) in enumerate(groups):
        x, y = (offset % 3) * 150, legend_top + (offset // 3) * 18
        parts.append(
            f'<rect x="{x}" y="{y}" width="10" height="10" fill="{GROUP_COLOURS.get(key, "#555")}"/>'
            f'<text x="{x + 14}" y="{y + 9}" font-size="11" fill="#1d2b27">{escape(label[:24])}</text>'
        )
    parts.append("</svg>")
    return mark_safe("".join(parts))  # noqa: S308 - every interpolated text is escaped above


def report_charts(report) -> dict[str, str]:
    """The report's two charts, the same markup for the HTML page and the PDF."""
    low, high = report.skala
    radar = radar_svg(
        [line.aspek.nama for line in report.aspek],
        {
            "diri": [line.diri for line in report.aspek],
            "orang_lain": [line.orang_lain for line in report.aspek],
        },
        low=low,
        high=high,
        labels={"diri": "Diri sendiri", "orang_lain": "Semua penilai lain"},
        title="Diri sendiri dibanding penilai lain per aspek: "
        + "; ".join(
            f"{line.aspek.nama} {line.diri or '-'} / {line.orang_lain or '-'}"
            for line in report.aspek
        ),
    )
    bars = grouped_bars_svg(
        [
            (line.aspek.nama, {k: line.mean(k) for k, _, _ in report.kelompok})
            for line in report.aspek
        ],
        [(k, label) for k, label, _ in report.kelompok],
        high=high,
        title="Rata-rata per aspek menurut kelompok penilai",
    )
    return {"radar": radar, "batang": bars}


def line_chart_svg(
    points: list[tuple[str, float]], *, high: float, title: str, unit: str = ""
) -> str:
    """A small line chart (e.g. cumulative submissions per day); `title` is the text alternative."""
    width, height, pad = 420, 140, 30
    if not points:
        return ""
    step = (width - 2 * pad) / max(1, len(points) - 1)
    coords = [
        (pad + i * step, height - pad - (height - 2 * pad) * (value / high if high else 0))
        for i, (_, value) in enumerate(points)
    ]
    path = " ".join(f"{x:.1f},{y:.1f}" for x, y in coords)
    dots = "".join(
        f'<circle cx="{x:.1f}" cy="{y:.1f}" r="3" fill="#0b5d4b"/>' for x, y in coords[-1:]
    )
    first, last = points[0], points[-1]
    return mark_safe(  # noqa: S308 - every interpolated text is escaped
        f'<svg xmlns="http://www.w3.org/2000/svg" role="img" class="grafik-garis" '
        f'viewBox="0 0 {width} {height}" width="100%" style="max-width:{width}px">'
        f"<title>{escape(title)}</title>"
        f'<line x1="{pad}" y1="{height - pad}" x2="{width - pad}" y2="{height - pad}" stroke="#cfdad6"/>'
        f'<polyline points="{path}" fill="none" stroke="#0b5d4b" stroke-width="2"/>{dots}'
        f'<text x="{pad}" y="{height - 8}" font-size="11">{escape(first[0])}</text>'
        f'<text x="{width - pad}" y="{height - 8}" font-size="11" text-anchor="end">{escape(last[0])}</text>'
        f'<text x="{width - pad}" y="{coords[-1][1] - 6:.1f}" font-size="11" text-anchor="end">'
        f"{last[1]:.0f}{escape(unit)}</text></svg>"
    )


def share_bars_svg(rows: list[tuple[str, int]], *, title: str) -> str:
    """Bars of counts, each labelled with its share of the total."""
    total = sum(n for _, n in rows) or 1
    return bar_chart_svg([(label, n, round(100 * n / total)) for label, n in rows], title=title)


def dashboard_charts(data: dict) -> dict[str, str]:
    """The unit dashboard's three charts, from `selectors.dashboard.unit_dashboard`."""
    whole = data["keseluruhan"]
    harian = ""
    if whole.ditugaskan:
        harian = line_chart_svg(
            [(day.strftime("%d/%m"), 100 * n / whole.ditugaskan) for day, n in data["harian"]],
            high=100,
            unit="%",
            title="Persentase penilaian terkirim dari hari ke hari",
        )
    return {
        "grafik_rating": share_bars_svg(
            data["rating"], title="Saran rating perilaku dari hasil 360"
        ),
        "grafik_predikat": share_bars_svg(data["predikat"], title="Predikat kinerja"),
        "grafik_harian": harian,
    }
