from django.urls import path

from . import views

app_name = "sosialisasi"

urlpatterns = [
    path(
        "konfirmasi/<str:token>/",
        views.registration_confirm_view,
        name="pendaftaran_konfirmasi",
    ),
    path("<str:token>/", views.registration_status, name="pendaftaran"),
    path("<str:token>/batal/", views.registration_cancel_view, name="pendaftaran_batal"),
    path("<str:token>/kalender.ics", views.registration_calendar, name="pendaftaran_kalender"),
    path(
        "<str:token>/sertifikat.pdf", views.registration_certificate, name="pendaftaran_sertifikat"
    ),
]
