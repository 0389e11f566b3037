"""StreamField blocks shared by every page type (the kernel: imports neither app)."""

from wagtail import blocks
from wagtail.contrib.typed_table_block.blocks import TypedTableBlock
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.embeds.blocks import EmbedBlock
from wagtail.images.blocks import ImageChooserBlock


class HeadingBlock(blocks.StructBlock):
    text = blocks.CharBlock(label="Teks judul", max_length=200)
    size = blocks.ChoiceBlock(
        label="Ukuran",
        choices=[("h2", "Judul bagian (H2)"), ("h3", "Subjudul (H3)")],
        default="h2",
    )

    class Meta:
        icon = "title"
        label = "Judul"
        template = "blocks/heading_block.html"


class ImageBlock(blocks.StructBlock):
    image = ImageChooserBlock(label="Gambar")
    alt_text = blocks.CharBlock(
        label="Teks alternatif",
        max_length=250,
        required=False,
        help_text="Deskripsi gambar untuk pembaca layar. Kosongkan jika gambar hanya hiasan.",
    )
    caption = blocks.CharBlock(label="Keterangan", max_length=250, required=False)

    class Meta:
        icon = "image"
        label = "Gambar"
        template = "blocks/image_block.html"


class CalloutBlock(blocks.StructBlock):
    kind = blocks.ChoiceBlock(
        label="Jenis",
        choices=[("info", "Informasi"), ("tip", "Tips"), ("penting", "Penting")],
        default="info",
    )
    title = blocks.CharBlock(label="Judul", max_length=120, required=False)
    text = blocks.RichTextBlock(label="Isi", features=["bold", "italic", "link", "ul", "ol"])

    class Meta:
        icon = "help"
        label = "Kotak informasi"
        template = "blocks/callout_block.html"


class DocumentBlock(blocks.StructBlock):
    document = DocumentChooserBlock(label="Dokumen")
    title = blocks.CharBlock(label="Judul tautan", max_length=200, required=False)

    class Meta:
        icon = "doc-full"
        label = "Unduhan dokumen"
        template = "blocks/document_block.html"


class StepsBlock(blocks.StructBlock):
    title = blocks.CharBlock(label="Judul", max_length=200, required=False)
    steps = blocks.ListBlock(
        blocks.StructBlock(
            [
                ("judul", blocks.CharBlock(label="Langkah", max_length=200)),
                (
                    "isi",
                    blocks.RichTextBlock(
                        label="Penjelasan",
                        features=["bold", "italic", "link", "ul"],
                        required=False,
                    ),
                ),
            ]
        ),
        label="Langkah-langkah",
    )

    class Meta:
        icon = "list-ol"
        label = "Langkah bernomor"
        template = "blocks/steps_block.html"


class TableBlock(blocks.StructBlock):
    caption = blocks.CharBlock(label="Judul tabel", max_length=200, required=False)
    table = TypedTableBlock(
        [
            ("teks", blocks.CharBlock()),
            ("angka", blocks.DecimalBlock()),
            ("isi", blocks.RichTextBlock(features=["bold", "italic", "link"])),
        ],
        label="Tabel",
    )

    class Meta:
        icon = "table"
        label = "Tabel"
        template = "blocks/table_block.html"


class FaqBlock(blocks.StructBlock):
    title = blocks.CharBlock(
        label="Judul", max_length=200, required=False, default="Pertanyaan umum"
    )
    items = blocks.ListBlock(
        blocks.StructBlock(
            [
                ("pertanyaan", blocks.CharBlock(label="Pertanyaan", max_length=300)),
                (
                    "jawaban",
                    blocks.RichTextBlock(
                        label="Jawaban", features=["bold", "italic", "link", "ul", "ol"]
                    ),
                ),
            ]
        ),
        label="Pertanyaan dan jawaban",
    )

    class Meta:
        icon = "help"
        label = "Tanya jawab (FAQ)"
        template = "blocks/faq_block.html"


class BaseStreamBlock(blocks.StreamBlock):
    heading = HeadingBlock()
    paragraph = blocks.RichTextBlock(
        label="Paragraf",
        icon="pilcrow",
        features=["h3", "bold", "italic", "link", "document-link", "ol", "ul", "hr"],
    )
    image = ImageBlock()
    callout = CalloutBlock()
    document = DocumentBlock()
    embed = EmbedBlock(label="Video / sematan", help_text="Tautan YouTube atau layanan oEmbed lain")

    class Meta:
        label = "Isi"


class GuideStreamBlock(BaseStreamBlock):
    """Everything a guide needs: the base blocks plus numbered steps, tables and an FAQ."""

    steps = StepsBlock()
    table = TableBlock()
    faq = FaqBlock()
