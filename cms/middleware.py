from csp.middleware import CSPMiddleware, PolicyParts

ADMIN_PREFIX = "/admin/"


class SiteCSPMiddleware(CSPMiddleware):
    """One policy, with one exception: Wagtail's admin still runs inline scripts (InlinePanel
    templates, chooser modals), so admin pages also allow 'unsafe-inline' scripts. The public site
    keeps `script-src 'self'`.
    """

    def get_policy_parts(self, request, response, report_only=False) -> PolicyParts:
        parts = super().get_policy_parts(request, response, report_only)
        if request.path.startswith(ADMIN_PREFIX) and parts.update is None:
            return PolicyParts(
                parts.config, {"script-src": ["'unsafe-inline'"]}, parts.replace, parts.nonce
            )
        return parts
