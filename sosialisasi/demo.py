"""Demo socialisation content for `manage.py load_demo`: topics, guides, FAQ, news, documents.

Idempotent: what exists (by slug / title) is left as it is, so an editor's changes survive.
"""

import json
from datetime import date
from pathlib import Path

from django.conf import settings
from django.core.files.base import ContentFile
from wagtail.documents import get_document_model
from wagtail.models import Collection

from cms.pdf import text_pdf
from cms.site_settings import PengaturanSitus
from cms.topics import Topik

from .demo_privasi import SLUG, SUMMARY, TITLE, privacy_guide_body
from .models import (
    BeritaIndexPage,
    BeritaPage,
    DokumenIndexPage,
    FaqItem,
    FaqPage,
    PanduanPage,
    SosialisasiIndexPage,
)
from .services.editorial import editorial_setup

FIXTURE = Path(settings.BASE_DIR) / "fixtures" / "demo" / "sosialisasi.json"


def _publish(page):
    page.save_revision().publish()


def _child(parent, model, slug, **fields):
    existing = model.objects.child_of(parent).filter(slug=slug).first()
    if existing:
        return existing, False
    page = model(slug=slug, **fields)
    parent.add_child(instance=page)
    _publish(page)
    return page, True


def _topics(data) -> dict[str, Topik]:
    topics = {}
    for item in data:
        topic, _ = Topik.objects.get_or_create(
            nama=item["nama"], defaults={"deskripsi": item["deskripsi"], "urutan": item["urutan"]}
        )
        topics[topic.nama] = topic
    return topics


def _documents(data, instansi: str) -> dict:
    Document = get_document_model()
    root = Collection.get_first_root_node()
    documents = {}
    for item in data:
        document = Document.objects.filter(title=item["judul"]).first()
        if document is None:
            collection = root.get_children().filter(
                name=item["kategori"]
            ).first() or root.add_child(name=item["kategori"])
            pdf = text_pdf(title=item["judul"], lines=item["isi"], instansi=instansi)
            document = Document(title=item["judul"], collection=collection)
            document.file.save(item["berkas"], ContentFile(pdf), save=False)
            document.file_size = len(pdf)
            document.save()
        documents[item["berkas"]] = document
    return documents


def _body(blocks, document) -> str:
    for block in blocks:
        if block["type"] == "document" and document is not None:
            block["value"]["document"] = document.pk
    return json.dumps(blocks)


def _privacy_guide(index, topics) -> bool:
    """The "who sees what" guide for ASN, built from docs/privasi.md; True when created."""

    if PanduanPage.objects.child_of(index).filter(slug=SLUG).exists():
        return False
    page = PanduanPage(slug=SLUG, title=TITLE, ringkasan=SUMMARY, body=privacy_guide_body())
    page.topik = [topics["Penilaian 360"]]
    index.add_child(instance=page)
    _publish(page)
    return True


def sosialisasi_demo_load(home, note) -> None:
    data = json.loads(FIXTURE.read_text(encoding="utf-8"))
    instansi = PengaturanSitus.for_site(home.get_site()).nama_instansi
    topics = _topics(data["topik"])
    documents = _documents(data["dokumen"], instansi)

    spec = data["index"]
    index, created = _child(
        home,
        SosialisasiIndexPage,
        spec["slug"],
        title=spec["title"],
        pengantar=spec["pengantar"],
        show_in_menus=True,
    )
    editorial_setup(index_page=index)
    note("halaman sosialisasi", created)

    guides_created = 0
    for item in data["panduan"]:
        page = PanduanPage.objects.child_of(index).filter(slug=item["slug"]).first()
        if page is None:
            page = PanduanPage(
                slug=item["slug"],
                title=item["title"],
                ringkasan=item["ringkasan"],
                body=_body(item["body"], documents.get(item.get("dokumen"))),
            )
            page.topik = [topics[name] for name in item["topik"]]
            index.add_child(instance=page)
            _publish(page)
            guides_created += 1
    note(f"{len(data['panduan'])} panduan", guides_created > 0)
    note("panduan privasi (dari docs/privasi.md)", _privacy_guide(index, topics))

    if not index.panduan_unggulan.exists():
        index.panduan_unggulan = list(PanduanPage.objects.filter(slug__in=spec["unggulan"]))
        _publish(index)

    faq = data["faq"]
    faq_page = FaqPage.objects.child_of(index).filter(slug=faq["slug"]).first()
    note(f"FAQ ({len(faq['items'])} pertanyaan)", faq_page is None)
    if faq_page is None:
        faq_page = FaqPage(slug=faq["slug"], title=faq["title"], pengantar=faq["pengantar"])
        faq_page.pertanyaan = [
            FaqItem(topik=topics.get(topic) if topic else None, pertanyaan=question, jawaban=answer)
            for topic, question, answer in faq["items"]
        ]
        index.add_child(instance=faq_page)
        _publish(faq_page)

    news_index, _ = _child(index, BeritaIndexPage, "berita", title="Berita")
    for item in data["berita"]:
        if not BeritaPage.objects.child_of(news_index).filter(slug=item["slug"]).exists():
            page = BeritaPage(
                slug=item["slug"],
                title=item["title"],
                tanggal=date.fromisoformat(item["tanggal"]),
                ringkasan=item["ringkasan"],
                body=_body(item["body"], documents.get(item.get("dokumen"))),
            )
            page.topik = [topics[name] for name in item["topik"]]
            news_index.add_child(instance=page)
            _publish(page)
    _child(
        index,
        DokumenIndexPage,
        "dokumen",
        title="Pustaka dokumen",
        pengantar="<p>Regulasi, formulir, dan materi sosialisasi yang dapat diunduh.</p>",
    )
