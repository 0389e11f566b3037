from django.contrib.auth import views as auth_views
from django.urls import path
from django.views.generic import TemplateView

from . import views

app_name = "accounts"

urlpatterns = [
    path("", views.profile, name="profile"),
    path("pemberitahuan/", views.notifications, name="notifications"),
    path("masuk/", views.LoginView.as_view(), name="login"),
    path("keluar/", auth_views.LogoutView.as_view(), name="logout"),
    path("aktivasi/", views.activation_request_view, name="activation_request"),
    path(
        "aktivasi/terkirim/",
        TemplateView.as_view(template_name="accounts/aktivasi_terkirim.html"),
        name="activation_sent",
    ),
    path("aktivasi/<uidb64>/<token>/", views.ActivationConfirmView.as_view(), name="activate"),
    path("lupa-sandi/", views.PasswordResetView.as_view(), name="password_reset"),
    path(
        "lupa-sandi/terkirim/",
        auth_views.PasswordResetDoneView.as_view(template_name="accounts/sandi_terkirim.html"),
        name="password_reset_done",
    ),
    path(
        "lupa-sandi/<uidb64>/<token>/",
        views.PasswordResetConfirmView.as_view(),
        name="password_reset_confirm",
    ),
]
