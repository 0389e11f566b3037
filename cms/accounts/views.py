from django.conf import settings
from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpResponseRedirect
from django.shortcuts import redirect, render
from django.urls import reverse_lazy
from django.views.decorators.http import require_http_methods
from wagtail.admin.views import account as wagtail_account

from cms.notifications import notifications_mark_read, notifications_of
from cms.ratelimit import client_ip, rate_limited
from evaluasi.models import Pegawai
from sosialisasi.selectors import registrations_of

from .forms import ActivationRequestForm, NipLoginForm
from .services import activation_request_queue, password_reset_queue


class LoginView(auth_views.LoginView):
    template_name = "accounts/login.html"
    authentication_form = NipLoginForm
    redirect_authenticated_user = True


@require_http_methods(["GET", "POST"])
def activation_request_view(request):
    form = ActivationRequestForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        nip = form.cleaned_data["nip"]
        window = settings.ACTIVATION_RATE_WINDOW
        if rate_limited(
            "aktivasi-ip",
            client_ip(request),
            limit=settings.ACTIVATION_RATE_PER_IP,
            window_seconds=window,
        ) or rate_limited(
            "aktivasi-nip", nip, limit=settings.ACTIVATION_RATE_PER_NIP, window_seconds=window
        ):
            response = render(
                request, "accounts/aktivasi_minta.html", {"form": form, "dibatasi": True}
            )
            response.status_code = 429
            return response
        activation_request_queue(nip=nip, email=form.cleaned_data["email"])
        return redirect("accounts:activation_sent")
    return render(request, "accounts/aktivasi_minta.html", {"form": form})


class ActivationConfirmView(auth_views.PasswordResetConfirmView):
    template_name = "accounts/sandi_atur.html"
    success_url = reverse_lazy("accounts:profile")
    post_reset_login = True
    post_reset_login_backend = "django.contrib.auth.backends.ModelBackend"
    extra_context = {"judul": "Aktivasi akun"}

    def form_valid(self, form):
        messages.success(self.request, "Kata sandi tersimpan. Selamat datang!")
        return super().form_valid(form)


class PasswordResetConfirmView(ActivationConfirmView):
    extra_context = {"judul": "Atur ulang kata sandi"}


class ResetRateLimitMixin:
    """A reset mail on an anonymous request: at most ACTIVATION_RATE_PER_IP per window per IP,
    shared by our NIP reset and Wagtail's admin reset, so neither can be used to flood mailboxes.
    The mail is looked up and sent by a job (the same work whether or not the address has an
    account), and its link names the public base URL, whatever Host the request carried."""

    def form_valid(self, form):
        if rate_limited(
            "reset-ip",
            client_ip(self.request),
            limit=settings.ACTIVATION_RATE_PER_IP,
            window_seconds=settings.ACTIVATION_RATE_WINDOW,
        ):
            form.add_error(None, "Terlalu banyak permintaan. Tunggu satu jam lalu coba lagi.")
            response = self.form_invalid(form)
            response.status_code = 429
            return response
        form_class = type(form)
        password_reset_queue(
            email=form.cleaned_data["email"],
            form_class=f"{form_class.__module__}.{form_class.__qualname__}",
            templates={
                "email_template_name": self.email_template_name,
                "subject_template_name": self.subject_template_name,
                "html_email_template_name": self.html_email_template_name,
            },
        )
        return HttpResponseRedirect(self.get_success_url())


class PasswordResetView(ResetRateLimitMixin, auth_views.PasswordResetView):
    template_name = "accounts/sandi_lupa.html"
    email_template_name = "accounts/email/sandi_reset.txt"
    subject_template_name = "accounts/email/sandi_reset_subjek.txt"
    success_url = reverse_lazy("accounts:password_reset_done")


class AdminPasswordResetView(ResetRateLimitMixin, wagtail_account.PasswordResetView):
    """Wagtail's own reset (for admin accounts without a NIP), with the same limit."""


@login_required
def profile(request):
    """The logged-in ASN's own roster data and workshop registrations (with their certificates),
    and nothing of anyone else's. A fixed number of queries however many registrations."""
    pegawai = (
        Pegawai.objects.select_related("unit_kerja", "atasan").filter(user=request.user).first()
    )
    return render(
        request,
        "accounts/profil.html",
        {"pegawai": pegawai, "workshop_saya": registrations_of(pegawai, user=request.user)},
    )


NOTIFICATIONS_PER_PAGE = 20


@login_required
@require_http_methods(["GET", "POST"])
def notifications(request):
    """The logged-in user's own notifications, newest first, 20 a page. Opening a page marks the
    items shown on it read (they are still shown as new this once); the POST "Tandai semua dibaca"
    marks all of them read."""
    if request.method == "POST":
        marked = notifications_mark_read(request.user)
        messages.success(request, f"{marked} pemberitahuan ditandai sudah dibaca.")
        return redirect("accounts:notifications")
    page = Paginator(notifications_of(request.user), NOTIFICATIONS_PER_PAGE).get_page(
        request.GET.get("halaman")
    )
    items = list(page.object_list)
    notifications_mark_read(request.user, ids=[i.pk for i in items if i.dibaca_pada is None])
    return render(request, "accounts/pemberitahuan.html", {"halaman": page, "items": items})
