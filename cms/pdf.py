"""Small PDF documents with the agency's letterhead (fpdf2; pure Python, no system libraries)."""

from fpdf import FPDF

HIJAU = (11, 93, 75)


class Document(FPDF):
    """A4 with the agency's green letterhead band and page numbers."""

    def __init__(self, instansi: str):
        super().__init__(format="A4")
        self.instansi = instansi
        self.set_auto_page_break(auto=True, margin=18)
        self.set_title(instansi)

    def header(self):
        self.set_fill_color(*HIJAU)
        self.rect(0, 0, 210, 14, "F")
        self.set_text_color(255, 255, 255)
        self.set_font("Helvetica", "B", 10)
        self.set_xy(12, 4)
        self.cell(0, 6, self.instansi)
        self.set_text_color(0, 0, 0)
        self.ln(16)

    def footer(self):
        self.set_y(-12)
        self.set_font("Helvetica", "", 8)
        self.set_text_color(90, 90, 90)
        self.cell(0, 6, f"Halaman {self.page_no()}", align="C")


def latin1(text: str) -> str:
    # The core Helvetica font covers Latin-1; typographic dashes and quotes are mapped, not dropped.
    text = (
        text.replace("–", "-")
        .replace("—", "-")
        .replace("’", "'")
        .replace("“", '"')
        .replace("”", '"')
    )
    return text.encode("latin-1", "replace").decode("latin-1")


def text_pdf(*, title: str, lines: list[str], instansi: str) -> bytes:
    """A simple titled document: one paragraph per line (Latin-1 text, as Helvetica needs)."""
    pdf = Document(instansi)
    pdf.add_page()
    pdf.set_font("Helvetica", "B", 16)
    pdf.multi_cell(0, 8, latin1(title), new_x="LMARGIN", new_y="NEXT")
    pdf.ln(4)
    pdf.set_font("Helvetica", "", 11)
    for line in lines:
        pdf.multi_cell(0, 6, latin1(line) or " ", new_x="LMARGIN", new_y="NEXT")
    return bytes(pdf.output())
