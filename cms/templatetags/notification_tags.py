from django import template

from cms.notifications import unread_count

register = template.Library()


@register.simple_tag(takes_context=True)
def unread_notifications(context) -> int:
    """The logged-in user's unread notification count (one COUNT query); 0 for anyone else."""
    request = context.get("request")
    return unread_count(request.user) if request is not None else 0
