"""Public rater URLs, mounted at /penilaian/."""

from django.urls import path

from .views import rater

app_name = "evaluasi"
urlpatterns = [
    path("", rater.inbox, name="inbox"),
    path("<int:pk>/", rater.assessment, name="form"),
    path("<int:pk>/kirim/", rater.submit, name="kirim"),
    path("<int:pk>/simpan/", rater.autosave, name="simpan"),
]
