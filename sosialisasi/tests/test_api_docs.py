"""Every example request in docs/api.md returns a response with every documented key."""

import json
import re
from pathlib import Path
from urllib.parse import urlsplit

from django.conf import settings

DOC = Path(settings.BASE_DIR) / "docs" / "api.md"
EXAMPLE = re.compile(r'```bash\ncurl (?:-L )?"([^"]+)"\n```\s*```json\n(.*?)\n```', re.S)


def _missing(documented, actual, path="") -> list[str]:
    if isinstance(documented, dict):
        if not isinstance(actual, dict):
            return [path or "/"]
        return [
            m
            for key, value in documented.items()
            for m in (
                _missing(value, actual[key], f"{path}.{key}")
                if key in actual
                else [f"{path}.{key}"]
            )
        ]
    if isinstance(documented, list) and documented:
        if not isinstance(actual, list) or not actual:
            return [path + "[]"]
        return _missing(documented[0], actual[0], path + "[0]")
    return []


def test_documented_requests_return_documented_shape(sosialisasi, client):
    examples = EXAMPLE.findall(DOC.read_text(encoding="utf-8"))
    assert len(examples) >= 6
    for url, body in examples:
        parts = urlsplit(url)
        response = client.get(f"{parts.path}?{parts.query}", follow=True)
        assert response.status_code == 200, url
        assert _missing(json.loads(body), response.json()) == [], url
