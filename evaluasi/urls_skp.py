"""Public SKP URLs, mounted at /skp/."""

from django.urls import path

from .views import skp, skp_pantau, skp_pengembangan, skp_rencana

app_name = "skp"
urlpatterns = [
    path("", skp.skp_saya, name="saya"),
    path("bawahan/", skp.bawahan_saya, name="bawahan"),
    path("<int:pk>/", skp.skp_detail, name="detail"),
    path("<int:pk>/ajukan/", skp.skp_ajukan, name="ajukan"),
    path("<int:pk>/ekspektasi/", skp_rencana.ekspektasi, name="ekspektasi"),
    path("<int:pk>/lampiran/", skp_rencana.lampiran, name="lampiran"),
    path("<int:pk>/pohon/", skp_rencana.pohon, name="pohon"),
    path("rhk/<int:pk>/ubah/", skp.rhk_ubah, name="rhk_ubah"),
    path("rhk/<int:pk>/hapus/", skp.rhk_hapus, name="rhk_hapus"),
    path("rhk/<int:pk>/pantau/", skp_pantau.rhk_pantau, name="rhk_pantau"),
    path("<int:pk>/dialog/", skp_pantau.dialog, name="dialog"),
    path("progres/<int:pk>/bukti/", skp_pantau.progres_bukti, name="progres_bukti"),
    path("evaluasi/<int:pk>/", skp.evaluasi, name="evaluasi"),
    path("evaluasi/<int:pk>/dokumen/", skp.evaluasi_pdf, name="dokumen"),
    path("evaluasi/<int:pk>/bukti/<int:indikator_id>/", skp.bukti, name="bukti"),
    path("evaluasi/<int:pk>/pengembangan/", skp_pengembangan.pengembangan, name="pengembangan"),
]
