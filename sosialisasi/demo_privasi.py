"""The demo's privacy guide for ASN, built from the ASN part of `docs/privasi.md` so the page and
the document never say different things. Only the numbered sections ("## 1." … ) are published;
the developer sections that follow stay in the repository."""

import json
import re
from html import escape

from django.conf import settings

SLUG = "privasi-siapa-melihat-jawaban-saya"
TITLE = "Apakah penilaian ini dipakai untuk menghukum saya? Siapa melihat jawaban saya?"
SUMMARY = (
    "Untuk apa penilaian 360, siapa melihat apa dan sejak kapan, bagaimana jawaban Anda tetap "
    "tanpa nama, dan satu-satunya pengecualian yang tercatat."
)


def _inline(text: str) -> str:
    """Markdown emphasis and code spans as HTML (the subset the document uses)."""
    text = escape(text, quote=False)
    text = re.sub(r"\*\*(.+?)\*\*", r"<b>\1</b>", text)
    text = re.sub(r"\*(.+?)\*", r"<i>\1</i>", text)
    return re.sub(r"`(.+?)`", r"\1", text)


def _plain(text: str) -> str:
    return re.sub(r"[*`]", "", text)


def _table(lines: list[str]) -> dict:
    rows = [[c.strip() for c in line.strip().strip("|").split("|")] for line in lines]
    header, body = rows[0], rows[2:]  # rows[1] is the |---| rule
    return {
        "type": "table",
        "value": {
            "caption": "",
            "table": {
                "columns": [{"type": "teks", "heading": _plain(h)} for h in header],
                "rows": [{"values": [_plain(c) for c in row]} for row in body],
            },
        },
    }


def _blocks(markdown: str) -> list[dict]:
    """StreamField blocks (heading, paragraph, table) for the numbered sections of `markdown`."""
    sections = re.split(r"^(?=## )", markdown, flags=re.M)
    chosen = [s for s in sections if re.match(r"## \d+\. ", s)]
    blocks = []
    for section in chosen:
        title, _, rest = section.partition("\n")
        blocks.append({"type": "heading", "value": {"text": title[3:].strip(), "size": "h2"}})
        for chunk in re.split(r"\n\s*\n", rest.strip()):
            lines = chunk.splitlines()
            if lines[0].startswith("|"):
                blocks.append(_table(lines))
            elif lines[0].startswith("- "):
                items = re.split(r"\n(?=- )", chunk)
                html = "".join(f"<li>{_inline(' '.join(i[2:].split()))}</li>" for i in items)
                blocks.append({"type": "paragraph", "value": f"<ul>{html}</ul>"})
            else:
                blocks.append(
                    {"type": "paragraph", "value": f"<p>{_inline(' '.join(chunk.split()))}</p>"}
                )
    return blocks


def privacy_guide_body() -> str:
    """The guide's StreamField body as JSON, from `docs/privasi.md` beside the code."""
    path = settings.BASE_DIR / "docs" / "privasi.md"
    return json.dumps(_blocks(path.read_text(encoding="utf-8")))
