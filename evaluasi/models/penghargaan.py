"""Recognition of high performers (Penghargaan) and the public "ASN Berprestasi" page."""

from django.conf import settings
from django.db import models
from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Page


class Penghargaan(models.Model):
    periode = models.ForeignKey(
        "evaluasi.PeriodePenilaian",
        verbose_name="periode",
        on_delete=models.CASCADE,
        related_name="+",
    )
    pegawai = models.ForeignKey(
        "evaluasi.Pegawai",
        verbose_name="pegawai",
        on_delete=models.CASCADE,
        related_name="penghargaan",
    )
    kutipan = models.TextField("kutipan penghargaan", help_text="Alasan penghargaan, untuk publik.")
    foto = models.ForeignKey(
        "wagtailimages.Image", verbose_name="foto", null=True, blank=True, on_delete=models.SET_NULL,
        related_name="+",
    )  # fmt: skip
    dipublikasikan = models.BooleanField("dipublikasikan", default=False)
    dipilih_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    dibuat = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "penghargaan"
        verbose_name_plural = "penghargaan"
        constraints = [
            models.UniqueConstraint(fields=["periode", "pegawai"], name="penghargaan_unik")
        ]

    def __str__(self):
        return f"{self.pegawai} — {self.periode}"


class AsnBerprestasiPage(Page):
    """Lists published awardees with photo, unit and citation — never anyone's scores."""

    pengantar = RichTextField("pengantar", blank=True, features=["bold", "italic", "link"])

    content_panels = Page.content_panels + [FieldPanel("pengantar")]
    parent_page_types = ["cms.HomePage"]
    subpage_types = []
    max_count = 1

    class Meta:
        verbose_name = "halaman ASN Berprestasi"

    def get_context(self, request, *args, **kwargs):
        # Page models read selectors when serving; the selectors import these models.
        from evaluasi.selectors.awards import published_awards

        context = super().get_context(request, *args, **kwargs)
        context["penghargaan"] = published_awards()
        return context
