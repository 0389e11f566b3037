"""`perlu_rencana_pengembangan`: whether a predikat calls for a rencana pengembangan
(`predikat.needs_development_plan`), for the evaluation page's summary."""

from django import template

from evaluasi.predikat import needs_development_plan

register = template.Library()


@register.filter
def perlu_rencana_pengembangan(predikat) -> bool:
    return needs_development_plan(predikat or "")
