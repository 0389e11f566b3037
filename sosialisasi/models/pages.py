"""Socialisation pages: the landing page, guides, FAQ, news and the document library."""

from django import forms
from django.core.paginator import Paginator
from django.db import models
from django.utils import timezone
from django.utils.html import strip_tags
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from rest_framework import serializers
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail.api.v2.utils import get_full_url
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Orderable, Page
from wagtail.search import index

from cms.blocks import GuideStreamBlock


class TopikSerializer(serializers.Serializer):
    nama = serializers.CharField()
    slug = serializers.CharField()


def _documents_in(stream) -> list:
    """Documents offered for download in a StreamField body (document blocks)."""
    return [block.value["document"] for block in stream if block.block_type == "document"]


class DokumenSerializer(serializers.Serializer):
    def to_representation(self, documents):
        request = self.context.get("request")
        return [
            {
                "id": document.id,
                "title": document.title,
                "file_extension": document.file_extension,
                "file_size": document.get_file_size(),
                "download_url": get_full_url(request, document.url) if request else document.url,
            }
            for document in documents
            if document is not None
        ]


ARTICLE_API_FIELDS = [
    APIField("ringkasan"),
    APIField("body"),
    APIField("topik", serializer=TopikSerializer(many=True)),
    APIField("dokumen_terkait", serializer=DokumenSerializer()),
]


class ArticleMixin:
    """Guides and news: a summary, a body that may offer downloads, and topics."""

    @property
    def dokumen_terkait(self) -> list:
        return _documents_in(self.body)

    @property
    def deskripsi_meta(self) -> str:
        return self.search_description or self.ringkasan

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["topik"] = list(self.topik.all())
        return context


def _live_guides(relation) -> list:
    """Live guides of a ParentalManyToMany (a plain list in previews, hence the id round trip)."""
    ids = [guide.pk for guide in relation.all()]
    return list(PanduanPage.objects.filter(pk__in=ids).live().public().order_by("title"))


class SosialisasiIndexPage(Page):
    pengantar = RichTextField("pengantar", blank=True, features=["bold", "italic", "link"])
    panduan_unggulan = ParentalManyToManyField(
        "sosialisasi.PanduanPage", verbose_name="panduan unggulan", blank=True, related_name="+"
    )

    content_panels = Page.content_panels + [
        FieldPanel("pengantar"),
        FieldPanel("panduan_unggulan"),
    ]
    search_fields = Page.search_fields + [index.SearchField("pengantar")]
    api_fields = [APIField("pengantar")]

    parent_page_types = ["cms.HomePage"]
    subpage_types = [
        "sosialisasi.PanduanPage",
        "sosialisasi.FaqPage",
        "sosialisasi.BeritaIndexPage",
        "sosialisasi.DokumenIndexPage",
        "sosialisasi.FormulirPage",
    ]
    max_count = 1

    class Meta:
        verbose_name = "beranda sosialisasi"

    def get_context(self, request, *args, **kwargs):
        # Page models read selectors when serving; the selectors import these models.
        from sosialisasi.selectors import guides_by_topic, latest_guides

        context = super().get_context(request, *args, **kwargs)
        context["unggulan"] = _live_guides(self.panduan_unggulan)
        context["terbaru"] = latest_guides(limit=6)
        context["per_topik"] = guides_by_topic()
        return context


class PanduanPage(ArticleMixin, Page):
    ringkasan = models.TextField(
        "ringkasan",
        max_length=400,
        help_text="Satu atau dua kalimat; tampil di daftar dan hasil pencarian.",
    )
    body = StreamField(GuideStreamBlock(), verbose_name="isi")
    topik = ParentalManyToManyField(
        "cms.Topik", verbose_name="topik", blank=True, related_name="panduan"
    )
    panduan_terkait = ParentalManyToManyField(
        "self", verbose_name="panduan terkait", blank=True, symmetrical=False
    )

    content_panels = Page.content_panels + [
        FieldPanel("ringkasan"),
        FieldPanel("body"),
        MultiFieldPanel(
            [
                FieldPanel("topik", widget=forms.CheckboxSelectMultiple),
                FieldPanel("panduan_terkait"),
            ],
            heading="Topik dan keterkaitan",
        ),
    ]
    search_fields = Page.search_fields + [
        index.SearchField("ringkasan"),
        index.SearchField("body"),
        index.RelatedFields("topik", [index.SearchField("nama")]),
    ]
    api_fields = ARTICLE_API_FIELDS

    parent_page_types = ["sosialisasi.SosialisasiIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = "panduan"
        verbose_name_plural = "panduan"

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["terkait"] = _live_guides(self.panduan_terkait)
        return context


class FaqPage(Page):
    pengantar = RichTextField("pengantar", blank=True, features=["bold", "italic", "link"])

    content_panels = Page.content_panels + [
        FieldPanel("pengantar"),
        InlinePanel("pertanyaan", label="Pertanyaan", heading="Pertanyaan dan jawaban"),
    ]
    search_fields = Page.search_fields + [
        index.SearchField("pengantar"),
        index.RelatedFields(
            "pertanyaan", [index.SearchField("pertanyaan"), index.SearchField("jawaban")]
        ),
    ]
    api_fields = [APIField("pengantar"), APIField("pertanyaan")]

    parent_page_types = ["sosialisasi.SosialisasiIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = "halaman FAQ"

    def grouped(self) -> list[tuple]:
        """(topik or None, [items]) in topic order, items in editor order."""
        groups: dict = {}
        for item in self.pertanyaan.select_related("topik").all():
            groups.setdefault(item.topik, []).append(item)
        return sorted(
            groups.items(),
            key=lambda g: (g[0] is None, g[0].urutan if g[0] else 0, str(g[0] or "")),
        )

    def get_context(self, request, *args, **kwargs):

        context = super().get_context(request, *args, **kwargs)
        groups = self.grouped()
        context["groups"] = groups
        context["faq_jsonld"] = {
            "@context": "https://schema.org",
            "@type": "FAQPage",
            "mainEntity": [
                {
                    "@type": "Question",
                    "name": item.pertanyaan,
                    "acceptedAnswer": {"@type": "Answer", "text": strip_tags(item.jawaban).strip()},
                }
                for _, items in groups
                for item in items
            ],
        }
        return context


class FaqItem(Orderable):
    page = ParentalKey(FaqPage, on_delete=models.CASCADE, related_name="pertanyaan")
    topik = models.ForeignKey(
        "cms.Topik",
        verbose_name="topik",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    pertanyaan = models.CharField("pertanyaan", max_length=300)
    jawaban = RichTextField(
        "jawaban", features=["bold", "italic", "link", "ul", "ol", "document-link"]
    )

    panels = [FieldPanel("topik"), FieldPanel("pertanyaan"), FieldPanel("jawaban")]
    api_fields = [
        APIField("pertanyaan"),
        APIField("jawaban"),
        APIField("topik", serializer=TopikSerializer()),
    ]

    class Meta(Orderable.Meta):
        verbose_name = "pertanyaan"
        verbose_name_plural = "pertanyaan"

    @property
    def anchor(self) -> str:
        return f"faq-{self.pk}"


class BeritaIndexPage(Page):
    pengantar = RichTextField("pengantar", blank=True, features=["bold", "italic", "link"])
    per_halaman = 10

    content_panels = Page.content_panels + [FieldPanel("pengantar")]
    parent_page_types = ["sosialisasi.SosialisasiIndexPage"]
    subpage_types = ["sosialisasi.BeritaPage"]
    max_count = 1

    class Meta:
        verbose_name = "daftar berita"

    def get_context(self, request, *args, **kwargs):

        context = super().get_context(request, *args, **kwargs)
        berita = BeritaPage.objects.child_of(self).live().public().order_by("-tanggal", "-pk")
        context["berita"] = Paginator(berita, self.per_halaman).get_page(request.GET.get("halaman"))
        return context


class BeritaPage(ArticleMixin, Page):
    tanggal = models.DateField("tanggal", default=timezone.localdate)
    ringkasan = models.TextField("ringkasan", max_length=400)
    body = StreamField(GuideStreamBlock(), verbose_name="isi")
    topik = ParentalManyToManyField(
        "cms.Topik", verbose_name="topik", blank=True, related_name="berita"
    )

    content_panels = Page.content_panels + [
        FieldPanel("tanggal"),
        FieldPanel("ringkasan"),
        FieldPanel("body"),
        FieldPanel("topik", widget=forms.CheckboxSelectMultiple),
    ]
    search_fields = Page.search_fields + [
        index.SearchField("ringkasan"),
        index.SearchField("body"),
        index.FilterField("tanggal"),
    ]
    api_fields = [APIField("tanggal"), *ARTICLE_API_FIELDS]

    parent_page_types = ["sosialisasi.BeritaIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = "berita"
        verbose_name_plural = "berita"


class DokumenIndexPage(Page):
    pengantar = RichTextField("pengantar", blank=True, features=["bold", "italic", "link"])
    per_halaman = 20

    content_panels = Page.content_panels + [FieldPanel("pengantar")]
    parent_page_types = ["sosialisasi.SosialisasiIndexPage"]
    subpage_types = []
    max_count = 1

    class Meta:
        verbose_name = "pustaka dokumen"

    def get_context(self, request, *args, **kwargs):

        # Page models read selectors when serving; the selectors import these models.
        from sosialisasi.selectors import document_categories, documents_public

        context = super().get_context(request, *args, **kwargs)
        query = request.GET.get("q", "").strip()[:200]
        kategori = request.GET.get("kategori", "")
        documents = documents_public(query=query, collection_id=kategori)
        context.update(
            query=query,
            kategori=kategori,
            kategori_list=document_categories(),
            dokumen=Paginator(documents, self.per_halaman).get_page(request.GET.get("halaman")),
        )
        return context
