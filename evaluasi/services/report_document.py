"""The 360 report as a PDF: the same SVG charts as the page, the tables, findings and comments."""

import io
import re

from cms.pdf import HIJAU, Document, latin1
from evaluasi.charts import report_charts
from evaluasi.models import EksporDokumen, HasilPerilaku, Pegawai, StatusEkspor
from evaluasi.selectors.reports import build_report
from evaluasi.selectors.results_gate import ResultsNotReadable, results_gate_check
from evaluasi.services.skp_document import zip_into_export

_TITLE = re.compile(r"<title>.*?</title>", re.S)


def _heading(pdf, text: str) -> None:
    pdf.ln(2)
    pdf.set_font("Helvetica", "B", 12)
    pdf.set_text_color(*HIJAU)
    pdf.multi_cell(0, 7, latin1(text), new_x="LMARGIN", new_y="NEXT")
    pdf.set_text_color(0, 0, 0)
    pdf.set_font("Helvetica", "", 10)


def _svg(pdf, markup: str, width: float) -> None:
    # fpdf2 draws the SVG as vectors; <title> (the page's text alternative) has no PDF meaning.
    data = _TITLE.sub("", str(markup)).encode()
    if pdf.get_y() > 170:
        pdf.add_page()
    pdf.image(io.BytesIO(data), x=pdf.l_margin, w=width)  # moves the cursor below the image
    pdf.ln(2)


def _line(pdf, text: str) -> None:
    pdf.multi_cell(0, 5.5, latin1(text), new_x="LMARGIN", new_y="NEXT")


def report_pdf(report, *, instansi: str = "") -> bytes:
    """The 360 report `report` (a `selectors.reports.Report`, already checked for who may read it)
    as a PDF: the same charts as the page, the tables, findings and comments, under the header
    `instansi` (the site's agency name). Returns the PDF bytes; a report without results gives a
    page saying so. Raises nothing of its own."""

    charts = report_charts(report)
    pdf = Document(instansi or "Penilaian Kinerja ASN")
    pdf.add_page()
    pdf.set_font("Helvetica", "B", 14)
    pdf.multi_cell(0, 8, "LAPORAN PENILAIAN 360 DERAJAT", new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("Helvetica", "", 10)
    _line(pdf, f"{report.pegawai.nama_lengkap} (NIP {report.pegawai.nip}) - {report.periode.nama}")
    hasil = report.hasil
    if hasil is None:
        _line(pdf, "Belum ada hasil yang dapat ditampilkan untuk periode ini.")
        return bytes(pdf.output())
    _heading(pdf, "Ringkasan")
    _line(pdf, "Penilai: " + "; ".join(f"{label} {n} orang" for label, n in report.penilai) + ".")
    if hasil.disembunyikan:
        _line(
            pdf,
            f"{hasil.disembunyikan} penilaian tidak ditampilkan karena kelompoknya kurang dari "
            f"{report.periode.ambang_anonimitas} orang.",
        )
    if hasil.skor is not None:
        _line(
            pdf,
            f"Skor perilaku dari penilai lain: {hasil.skor:.2f} dari {report.skala[1]}.".replace(
                ".", ",", 1
            ),
        )
    if report.evaluasi:
        _line(pdf, f"Predikat kinerja: {report.evaluasi.get_predikat_display()}")
    _heading(pdf, "Diri sendiri dibanding penilai lain")
    _svg(pdf, charts["radar"], 120)
    _heading(pdf, "Per aspek dan kelompok penilai")
    _svg(pdf, charts["batang"], 150)
    for aspek, values in report.tabel:
        shown = "; ".join(f"{label} {v:.2f}" for label, v in values if v is not None)
        _line(pdf, f"{aspek.nama}: {shown}")
    _heading(pdf, "Apa artinya")
    if report.kuat:
        _line(pdf, "Aspek paling kuat: " + ", ".join(a.nama for a in report.kuat) + ".")
    if report.kembang:
        _line(pdf, "Aspek untuk dikembangkan: " + ", ".join(a.nama for a in report.kembang) + ".")
    for line in report.aspek:
        if line.temuan == "titik_buta":
            _line(
                pdf,
                f"{line.aspek.nama}: penilaian diri lebih tinggi daripada penilaian orang lain (titik buta).",
            )
        elif line.temuan == "kekuatan_tersembunyi":
            _line(
                pdf,
                f"{line.aspek.nama}: orang lain menilai lebih tinggi daripada penilaian diri (kekuatan tersembunyi).",
            )
    if report.catatan_retensi:
        _heading(pdf, "Per pernyataan dan umpan balik")
        _line(pdf, report.catatan_retensi)
    if report.komentar:
        _heading(pdf, "Umpan balik (tanpa nama)")
        for question, texts in report.komentar:
            pdf.set_font("Helvetica", "B", 10)
            _line(pdf, question)
            pdf.set_font("Helvetica", "", 10)
            for text in texts:
                _line(pdf, f"- {text}")
    for question in report.komentar_ditahan:
        _line(
            pdf,
            f"{question}: komentar tidak ditampilkan, kurang dari "
            f"{report.periode.ambang_anonimitas} penilai yang menjawab.",
        )
    return bytes(pdf.output())


def report_documents_zip(ekspor_id: int, *, instansi: str = "") -> int:
    """Every 360 report of the export's unit subtree and period as PDFs in one ZIP (background).

    Checks the results gate again when it runs (the period's state at queue time is not enough):
    a period not yet *hasil dihitung* leaves the export failed with the gate's reason, no file.
    """

    ekspor = EksporDokumen.objects.select_related("periode__instrumen", "unit_kerja").get(
        pk=ekspor_id
    )
    try:
        results_gate_check(ekspor.periode, admin=True)
    except ResultsNotReadable as refused:
        EksporDokumen.objects.filter(pk=ekspor.pk).update(
            status=StatusEkspor.GAGAL, pesan=str(refused)[:500]
        )
        return 0
    ratees = HasilPerilaku.objects.filter(periode=ekspor.periode)
    if ekspor.unit_kerja_id:
        ratees = ratees.filter(dinilai__unit_kerja__path__startswith=ekspor.unit_kerja.path)
    people = (
        Pegawai.objects.select_related("unit_kerja")
        .filter(pk__in=ratees.values("dinilai_id"))
        .order_by("nip")
    )

    def documents():
        for pegawai in people.iterator(chunk_size=200):
            report = build_report(ekspor.periode, pegawai)
            yield f"laporan-360-{pegawai.nip}.pdf", report_pdf(report, instansi=instansi)

    return zip_into_export(ekspor, people.count(), documents())
