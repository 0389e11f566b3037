"""Kepegawaian menu, Pegawai: send activation links to a filtered selection of pegawai (as a
background job). Served at /admin/akun/aktivasi-massal/ (URL name `aktivasi_massal`), registered
in `evaluasi.wagtail_hooks` with the Pegawai viewset's permission policy."""

from django.contrib import messages
from django.contrib.auth.hashers import UNUSABLE_PASSWORD_PREFIX
from django.db.models import Q
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse

from cms.accounts.services import activation_links_queue
from cms.admin_scoping import AdminScreen
from evaluasi.selectors import pegawai_visible_to

from .kepegawaian import PegawaiFilterSet


def _selection(request):
    queryset = pegawai_visible_to(request.user).filter(aktif=True).exclude(email="")
    filterset = PegawaiFilterSet(request.GET or None, queryset=queryset, request=request)
    queryset = filterset.qs if filterset.is_bound and filterset.is_valid() else queryset
    query = request.GET.get("q", "").strip()
    if query:
        queryset = queryset.filter(Q(nama__icontains=query) | Q(nip__startswith=query))
    # Only those who cannot log in yet: no account, or an account without a password.
    return queryset.filter(
        Q(user__isnull=True) | Q(user__password__startswith=UNUSABLE_PASSWORD_PREFIX)
    )


class PegawaiBulkActivationView(AdminScreen):
    """Send activation links to the filtered employees in scope who cannot log in yet."""

    permission_required = "change"

    def handle(self, request):
        selection = _selection(request)
        if request.method == "POST":
            ids = list(selection.values_list("pk", flat=True))
            activation_links_queue(pegawai_ids=ids, user=request.user)
            messages.success(request, f"Tautan aktivasi sedang dikirim ke {len(ids)} pegawai.")
            return redirect(reverse("wagtailadmin_home") if not ids else reverse("pegawai:index"))
        return TemplateResponse(
            request,
            "accounts/admin/aktivasi_massal.html",
            {
                "count": selection.count(),
                "sample": selection.select_related("unit_kerja")[:20],
                "querystring": request.GET.urlencode(),
                "index_url": reverse("pegawai:index"),
            },
        )
