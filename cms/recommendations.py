"""Wiring: a report's aspects to develop → guides and upcoming workshops on the same topics.

`evaluasi` must not import `sosialisasi` (docs/architecture.md), so it asks for recommendations via
the `EVALUASI_REKOMENDASI` setting, which names this function.
"""

from sosialisasi.selectors import guides_and_workshops_for_topics


def for_topics(topic_ids) -> dict:
    return guides_and_workshops_for_topics(topic_ids)
