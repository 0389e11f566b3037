"""Public rater URLs, mounted at /penilaian/."""

from django.urls import path

from .views import rater, reports

app_name = "evaluasi"
urlpatterns = [
    path("", rater.inbox, name="inbox"),
    path("<int:pk>/", rater.assessment, name="form"),
    path("<int:pk>/kirim/", rater.submit, name="kirim"),
    path("<int:pk>/simpan/", rater.autosave, name="simpan"),
    path("hasil/<int:periode_id>/", reports.own_report, name="hasil"),
    path("hasil/<int:periode_id>/<int:pegawai_id>/", reports.report, name="hasil_pegawai"),
    path("hasil/<int:periode_id>/pdf/", reports.own_report_pdf, name="hasil_pdf"),
    path(
        "hasil/<int:periode_id>/<int:pegawai_id>/pdf/",
        reports.report_pdf_view,
        name="hasil_pegawai_pdf",
    ),
]
