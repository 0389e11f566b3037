"""The topic taxonomy (kernel model: it imports no app, so every app may point at it)."""

from django.db import models
from django.utils.text import slugify
from wagtail.admin.panels import FieldPanel
from wagtail.api import APIField


class Topik(models.Model):
    """One taxonomy shared by guides, FAQ, news, workshops and instrument aspects.

    A weak aspect in a person's report points, through its topic, at guides and workshops on the
    same topic (kernel model: it imports neither app).
    """

    nama = models.CharField("nama", max_length=100, unique=True)
    slug = models.SlugField("slug", max_length=100, unique=True, blank=True)
    deskripsi = models.TextField("deskripsi", blank=True)
    urutan = models.PositiveSmallIntegerField("urutan", default=0)

    panels = [FieldPanel("nama"), FieldPanel("slug"), FieldPanel("deskripsi"), FieldPanel("urutan")]
    api_fields = [APIField("nama"), APIField("slug")]

    class Meta:
        verbose_name = "topik"
        verbose_name_plural = "topik"
        ordering = ["urutan", "nama"]

    def __str__(self):
        return self.nama

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = slugify(self.nama)[:100]
        super().save(*args, **kwargs)
