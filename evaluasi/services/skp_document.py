"""Dokumen Evaluasi Kinerja Pegawai as a PDF: identity, RHK table with targets, realisasi and
feedback, ratings, predikat and the signature block (fpdf2, core fonts)."""

import tempfile
import zipfile

from django.core.files import File
from django.db.models import Prefetch
from django.utils import timezone
from django.utils.formats import date_format

from cms.notifications import waktu_wib
from cms.pdf import HIJAU, Document, latin1
from evaluasi.models import (
    EksporDokumen,
    EvaluasiKinerja,
    IndikatorKinerja,
    JenisPeriodeKinerja,
    RencanaHasilKerja,
    StatusEkspor,
)
from evaluasi.selectors.skp_rencana import planning_document_sections


def _row(pdf, widths, cells, bold=False, fill=False):
    """One table row whose height follows the tallest wrapped cell."""
    pdf.set_font("Helvetica", "B" if bold else "", 8.5)
    lines = [
        len(pdf.multi_cell(w, 4.5, latin1(str(c)), dry_run=True, output="LINES")) or 1
        for w, c in zip(widths, cells, strict=True)
    ]
    height = 4.5 * max(lines) + 1.5
    if pdf.get_y() + height > pdf.page_break_trigger:
        pdf.add_page()
    x, y = pdf.get_x(), pdf.get_y()
    for width, cell in zip(widths, cells, strict=True):
        if fill:
            pdf.set_fill_color(230, 240, 237)
            pdf.rect(x, y, width, height, "F")
        pdf.rect(x, y, width, height)
        pdf.set_xy(x + 0.8, y + 0.8)
        pdf.multi_cell(width - 1.6, 4.5, latin1(str(cell)))
        x += width
    pdf.set_xy(pdf.l_margin, y + height)


def _target(indikator: IndikatorKinerja) -> str:
    """The target cell: the target, a note when lower is better (the core fonts have no arrow),
    and the baseline."""
    lines = [indikator.target]
    if indikator.target_angka is not None and indikator.lebih_rendah:
        lines.append("(lebih rendah lebih baik)")
    if indikator.kondisi_awal is not None:
        lines.append(f"Kondisi awal: {indikator.kondisi_awal_teks}")
    return "\n".join(lines)


def _objection_line(evaluasi: EvaluasiKinerja) -> str:
    """What became of an objection (keberatan) to this decision, for the document: who decided
    it, when (WIB), the predikat before it and the reasoning; "" without one."""
    keberatan = getattr(evaluasi, "keberatan", None)
    if keberatan is None:
        return ""
    if keberatan.diputuskan_pada is None:
        return f"Keberatan diajukan {waktu_wib(keberatan.diajukan_pada)}; menunggu keputusan."
    oleh = keberatan.diputuskan_oleh
    nama = (oleh.get_full_name() or oleh.get_username()) if oleh else "-"
    return (
        f"Keberatan {keberatan.get_status_display().lower()} oleh {nama}, "
        f"{waktu_wib(keberatan.diputuskan_pada)}. Predikat sebelum keberatan: "
        f"{keberatan.get_predikat_sebelum_display()}. Pertimbangan: {keberatan.keputusan}"
    )


def evaluation_pdf(evaluasi: EvaluasiKinerja, *, instansi: str = "") -> bytes:
    """The Dokumen Evaluasi Kinerja Pegawai of `evaluasi` (EvaluasiKinerja; PermenPANRB 6/2022) as a
    PDF under the header `instansi`: identity, RHK table with targets (with the direction when
    lower is better, and the kondisi awal), realisasi and feedback,
    ratings, predikat and the signature block. Returns the PDF bytes; callers check who may read
    it. Raises nothing of its own."""
    rencana = evaluasi.rencana
    pegawai, penilai = rencana.pegawai, rencana.pejabat_penilai
    pdf = Document(instansi or "Penilaian Kinerja ASN")
    pdf.add_page()
    pdf.set_font("Helvetica", "B", 13)
    pdf.multi_cell(
        0, 7, "DOKUMEN EVALUASI KINERJA PEGAWAI", align="C", new_x="LMARGIN", new_y="NEXT"
    )
    pdf.set_font("Helvetica", "", 10)
    pdf.multi_cell(
        0, 6, latin1(evaluasi.periode_kinerja.nama), align="C", new_x="LMARGIN", new_y="NEXT"
    )
    pdf.ln(3)
    identity = [
        ("Pegawai yang dinilai", ""),
        ("Nama", pegawai.nama_lengkap),
        ("NIP", pegawai.nip),
        ("Pangkat/golongan", f"{pegawai.pangkat} {pegawai.golongan}".strip() or "-"),
        ("Jabatan", pegawai.jabatan or "-"),
        ("Unit kerja", pegawai.unit_kerja.nama),
        ("Pejabat penilai", ""),
        ("Nama", penilai.nama_lengkap if penilai else "-"),
        ("NIP", penilai.nip if penilai else "-"),
        ("Jabatan", (penilai.jabatan if penilai else "") or "-"),
    ]
    for label, value in identity:
        if not value:
            pdf.set_font("Helvetica", "B", 10)
            pdf.set_text_color(*HIJAU)
            pdf.cell(0, 6, latin1(label), new_x="LMARGIN", new_y="NEXT")
            pdf.set_text_color(0, 0, 0)
            continue
        pdf.set_font("Helvetica", "", 10)
        pdf.cell(45, 5.5, latin1(label))
        pdf.multi_cell(0, 5.5, latin1(f": {value}"), new_x="LMARGIN", new_y="NEXT")
    pdf.ln(3)

    realisasi = {r.indikator_id: r for r in evaluasi.realisasi.all()}
    umpan = {u.rhk_id: u for u in evaluasi.umpan_balik.all()}
    widths = [8, 40, 38, 30, 30, 34]
    _row(
        pdf,
        widths,
        ["No", "Rencana hasil kerja", "Indikator", "Target", "Realisasi", "Umpan balik"],
        bold=True,
        fill=True,
    )
    for number, rhk in enumerate(rencana.rhk.all(), start=1):
        feedback = umpan.get(rhk.pk)
        indicators = list(rhk.indikator.all())
        for index, indikator in enumerate(indicators):
            done = realisasi.get(indikator.pk)
            value = ""
            if done is not None:
                value = (
                    f"{done.realisasi_angka.normalize():f} {indikator.satuan}".replace(
                        ".", ","
                    ).strip()
                    if done.realisasi_angka is not None
                    else done.realisasi_teks
                )
            _row(
                pdf,
                widths,
                [
                    str(number) if index == 0 else "",
                    f"{rhk.teks} ({rhk.get_jenis_display().lower()})" if index == 0 else "",
                    indikator.teks,
                    _target(indikator),
                    value or "-",
                    (f"{feedback.get_capaian_display()}. {feedback.teks}".strip() if feedback and index == 0 else ""),
                ],
            )  # fmt: skip
    pdf.ln(4)
    pdf.set_font("Helvetica", "B", 10)
    for label, value in (
        ("Rating hasil kerja", evaluasi.get_rating_hasil_kerja_display() or "-"),
        ("Rating perilaku kerja", evaluasi.get_rating_perilaku_display() or "-"),
        ("PREDIKAT KINERJA", evaluasi.get_predikat_display() or "belum ditetapkan"),
    ):
        pdf.cell(60, 6, latin1(label))
        pdf.cell(0, 6, latin1(f": {value}"), new_x="LMARGIN", new_y="NEXT")
    objection = _objection_line(evaluasi)
    if objection:
        pdf.set_font("Helvetica", "", 9)
        pdf.multi_cell(0, 5, latin1(objection), new_x="LMARGIN", new_y="NEXT")
    perilaku = list(evaluasi.perilaku.all())
    if perilaku:
        pdf.set_font("Helvetica", "", 9)
        pdf.multi_cell(
            0,
            5,
            latin1(
                "Perilaku kerja: "
                + "; ".join(f"{p.nilai} {p.get_rating_display().lower()}" for p in perilaku)
            ),
            new_x="LMARGIN",
            new_y="NEXT",
        )
    for title, lines in planning_document_sections(rencana):  # ekspektasi, lampiran SKP
        pdf.ln(2)
        pdf.set_font("Helvetica", "B", 10)
        pdf.multi_cell(0, 6, latin1(title), new_x="LMARGIN", new_y="NEXT")
        pdf.set_font("Helvetica", "", 9)
        for line in lines:
            pdf.multi_cell(0, 5, latin1(line), new_x="LMARGIN", new_y="NEXT")
    pdf.ln(8)
    if pdf.get_y() > 240:
        pdf.add_page()
    top = pdf.get_y()
    # The signature date is the decision's date in WIB (TIME_ZONE), not its UTC date.
    when = (
        date_format(timezone.localtime(evaluasi.diputuskan_pada), "j F Y")
        if evaluasi.diputuskan_pada
        else ""
    )
    for x, title, person in (
        (15, "Pegawai yang dinilai", pegawai),
        (115, f"Pejabat penilai kinerja{', ' + when if when else ''}", penilai),
    ):
        pdf.set_xy(x, top)
        pdf.set_font("Helvetica", "", 10)
        pdf.cell(80, 5, latin1(title), new_x="LEFT", new_y="NEXT")
        pdf.ln(18)
        pdf.set_x(x)
        pdf.set_font("Helvetica", "B", 10)
        pdf.cell(80, 5, latin1(person.nama_lengkap if person else "-"), new_x="LEFT", new_y="NEXT")
        pdf.set_x(x)
        pdf.set_font("Helvetica", "", 10)
        pdf.cell(80, 5, latin1(f"NIP {person.nip}" if person else ""))
    return bytes(pdf.output())


def zip_into_export(ekspor, count: int, documents) -> int:
    """Write (name, bytes) documents into the export's ZIP with progress every 10 documents.

    On failure the row says so and no half-written ZIP is attached.
    """

    ekspor.jumlah = count
    ekspor.status = StatusEkspor.BERJALAN
    ekspor.save(update_fields=["jumlah", "status"])
    try:
        with tempfile.TemporaryFile() as handle:
            with zipfile.ZipFile(handle, "w", zipfile.ZIP_DEFLATED) as archive:
                for done, (name, content) in enumerate(documents, start=1):
                    archive.writestr(name, content)
                    if done % 10 == 0:
                        EksporDokumen.objects.filter(pk=ekspor.pk).update(selesai_jumlah=done)
            handle.seek(0)
            ekspor.berkas.save(
                f"{ekspor.jenis}-{ekspor.periode_id}-{ekspor.pk}.zip", File(handle), save=False
            )
    except Exception as error:
        EksporDokumen.objects.filter(pk=ekspor.pk).update(
            status=StatusEkspor.GAGAL, pesan=str(error)[:500]
        )
        raise
    ekspor.selesai_jumlah = count
    ekspor.status = StatusEkspor.SELESAI
    ekspor.save(update_fields=["berkas", "selesai_jumlah", "status"])
    return count


def evaluation_documents_zip(ekspor_id: int, *, instansi: str = "") -> int:
    """Every decided annual evaluation of the export's unit subtree in its period's year, as PDFs
    in one ZIP."""

    ekspor = EksporDokumen.objects.select_related("periode", "unit_kerja").get(pk=ekspor_id)
    evaluations = (
        # The 360 period's year: its annual SKP evaluations (the SKP has its own calendar).
        EvaluasiKinerja.objects.filter(
            periode_kinerja__tahun_kinerja__tahun=ekspor.periode.tahun,
            periode_kinerja__jenis=JenisPeriodeKinerja.TAHUNAN,
        )
        .exclude(predikat="")
        .select_related(
            "periode_kinerja", "rencana__pegawai__unit_kerja", "rencana__pejabat_penilai"
        )
        .prefetch_related(
            Prefetch(
                "rencana__rhk",
                queryset=RencanaHasilKerja.objects.prefetch_related(
                    Prefetch("indikator", queryset=IndikatorKinerja.objects.order_by("pk"))
                ),
            ),
            "realisasi",
            "umpan_balik",
            "perilaku",
        )
        .order_by("rencana__pegawai__nip")
    )
    if ekspor.unit_kerja_id:
        evaluations = evaluations.filter(
            rencana__pegawai__unit_kerja__path__startswith=ekspor.unit_kerja.path
        )
    documents = (
        (f"evaluasi-kinerja-{e.rencana.pegawai.nip}.pdf", evaluation_pdf(e, instansi=instansi))
        for e in evaluations.iterator(chunk_size=200)
    )
    return zip_into_export(ekspor, evaluations.count(), documents)
