"""Post-workshop questionnaires built by editors with Wagtail's form builder."""

from django.db import models
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.forms.models import AbstractEmailForm, AbstractFormField
from wagtail.contrib.forms.panels import FormSubmissionsPanel
from wagtail.fields import RichTextField


class FormulirField(AbstractFormField):
    page = ParentalKey("FormulirPage", on_delete=models.CASCADE, related_name="form_fields")


class FormulirPage(AbstractEmailForm):
    pengantar = RichTextField("pengantar", blank=True, features=["bold", "italic", "link"])
    terima_kasih = RichTextField(
        "pesan terima kasih", blank=True, features=["bold", "italic", "link"]
    )

    content_panels = AbstractEmailForm.content_panels + [
        FormSubmissionsPanel(),
        FieldPanel("pengantar"),
        InlinePanel("form_fields", label="Pertanyaan"),
        FieldPanel("terima_kasih"),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("from_address"), FieldPanel("to_address")]),
                FieldPanel("subject"),
            ],
            heading="Kirim salinan jawaban ke email (opsional)",
        ),
    ]
    parent_page_types = ["sosialisasi.WorkshopPage", "sosialisasi.SosialisasiIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = "formulir kuesioner"
