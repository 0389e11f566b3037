"""A ratee's 360 report, and who may read it (docs/privasi.md): the ASN their own once the period is
published; the direct atasan their reports'; Admin OPD their subtree and Admin BKD everyone, once
results are computed (results_gate). Only stored (threshold-passing) groups are read, and every
per-statement figure and comment list rests on at least the threshold of rekan/bawahan answers."""

from dataclasses import dataclass, field

from django.conf import settings
from django.db.models import Count, Sum
from django.http import Http404
from django.utils.formats import date_format
from django.utils.module_loading import import_string
from django.utils.timezone import localtime

from evaluasi.models import (
    EvaluasiKinerja,
    HasilAspek,
    HasilPerilaku,
    Jawaban,
    JenisPeriodeKinerja,
    Kelompok,
    Pegawai,
    Penugasan,
    PeriodePenilaian,
    Pernyataan,
)

from .assessments import pegawai_of
from .results import ANONYMOUS, ratee_comments, visible_groups
from .results_gate import (
    enough_answers,
    periods_with_readable_results,
    results_readable,
    withheld_reason,
)
from .roster import unit_scope_for

GAP = 0.5  # a self-vs-others difference this large is a blind spot or a hidden strength


def may_read_report(user, periode: PeriodePenilaian, pegawai: Pegawai) -> bool:
    """Whether `user` may read `pegawai`'s 360 report of `periode`: an admin whose unit scope holds
    the pegawai once results are readable to admins (*hasil dihitung*), or the pegawai themself
    and their direct atasan once they are published (results_gate; docs/privasi.md)."""
    scope = unit_scope_for(user)
    if results_readable(periode, admin=True) and scope.allows_unit(pegawai.unit_kerja):
        return True
    if not results_readable(periode, admin=False):
        return False
    own = pegawai_of(user)
    return own is not None and (own.pk == pegawai.pk or pegawai.atasan_id == own.pk)


@dataclass
class AspectLine:
    """One aspect of a report: the mean and rater count per group, the self/others gap and the
    finding."""

    aspek: object
    per_kelompok: dict = field(default_factory=dict)  # group -> (mean, raters)

    def mean(self, group):
        value = self.per_kelompok.get(group)
        return value[0] if value else None

    @property
    def diri(self):
        return self.mean(Kelompok.DIRI)

    @property
    def orang_lain(self):
        return self.mean(Kelompok.ORANG_LAIN)

    @property
    def selisih(self):
        if self.diri is None or self.orang_lain is None:
            return None
        return self.diri - self.orang_lain

    @property
    def temuan(self) -> str:
        gap = self.selisih
        if gap is None:
            return ""
        if gap >= GAP:
            return "titik_buta"
        return "kekuatan_tersembunyi" if gap <= -GAP else ""


@dataclass
class Report:
    """A ratee's 360 report of one period: results, aspects, groups, statements and comments
    (withheld below the anonymity threshold), strengths, areas to develop, and the SKP evaluation
    if any."""

    periode: PeriodePenilaian
    pegawai: Pegawai
    hasil: HasilPerilaku | None
    aspek: list[AspectLine]
    kelompok: list[tuple[str, str, int]]  # (group, label, raters) in display order
    pernyataan: list[tuple[object, float | None, float | None, str]]  # reason when withheld
    komentar: list[tuple[str, list[str]]]
    komentar_ditahan: list[str]  # open questions whose comments are withheld (too few raters)
    kuat: list
    kembang: list
    evaluasi: EvaluasiKinerja | None
    skala: tuple[float, float]

    @property
    def catatan_retensi(self) -> str:
        """Why the statement table and the comments are missing, once retention removed them."""
        removed = self.periode.jawaban_dihapus_pada
        if not removed:
            return ""
        return (
            "Jawaban per pernyataan dan komentar periode ini sudah dihapus pada "
            f"{date_format(localtime(removed), 'j F Y')} sesuai kebijakan retensi data; "
            "grafik, skor, dan temuan di atas tetap tersimpan."
        )

    @property
    def tabel(self) -> list[tuple[object, list[tuple[str, float | None]]]]:
        """Aspect rows with (group label, mean) per shown group, in `kelompok` order."""
        return [
            (line.aspek, [(label, line.mean(k)) for k, label, _ in self.kelompok])
            for line in self.aspek
        ]

    @property
    def penilai(self) -> list[tuple[str, int]]:
        """(group label, raters) of the actual rater groups, without the combined one."""
        return [(label, n) for k, label, n in self.kelompok if k != Kelompok.ORANG_LAIN]


def statement_table(periode, pegawai, hasil: HasilPerilaku) -> dict:
    """Statement id -> [statement, self mean, others mean, reason the others mean is withheld],
    read for this one ratee (1 query).

    The groups shown are those the aggregation showed (from its stored counts), so a response
    withheld there is withheld here too. An optional statement may have fewer answers than its
    group has raters: its others mean is shown only when the rekan/bawahan answers to that very
    statement reach the threshold (results_gate.enough_answers).
    """
    threshold = periode.ambang_anonimitas
    groups = visible_groups(hasil.jumlah_per_hubungan, threshold)
    relations = [r for rels in groups.values() for r in rels]
    # The ratee's few assignments first, so the answers are read through their unique index
    # instead of a scan of the whole (12-million-row) answers table.
    assignments = dict(
        Penugasan.objects.filter(
            periode=periode, dinilai=pegawai, dikirim__isnull=False, hubungan__in=relations
        ).values_list("pk", "hubungan")
    )
    # statement -> [self sum, self n, others sum, others n, rekan/bawahan answers among others]
    sums: dict[int, list] = {}
    rows = (
        Jawaban.objects.filter(penugasan_id__in=list(assignments))
        .values_list("pernyataan_id", "penugasan_id")
        .annotate(total=Sum("nilai"), n=Count("id"))
    )
    for statement, penugasan_id, total, n in rows:
        relation = assignments[penugasan_id]
        entry = sums.setdefault(statement, [0, 0, 0, 0, 0])
        offset = 0 if relation == Kelompok.DIRI else 2
        entry[offset] += total
        entry[offset + 1] += n
        entry[4] += n if relation in ANONYMOUS else 0
    texts = Pernyataan.objects.select_related("aspek").in_bulk(list(sums))
    table = {}
    for pk, (s, n, o, m, anonymous) in sums.items():
        shown = enough_answers(anonymous, threshold)
        table[pk] = [
            texts[pk],
            s / n if n else None,
            o / m if m and shown else None,
            "" if shown else withheld_reason(threshold),
        ]
    return table


def report_for(user, periode_id: int, pegawai_id: int) -> Report:
    """The 360 Report of pegawai `pegawai_id` in period `periode_id` for `user`. Raises Http404 for
    an unknown id or a report `user` may not read (`may_read_report`): the same answer, so an id
    outside the user's reach is not confirmed."""
    periode = PeriodePenilaian.objects.select_related("instrumen").filter(pk=periode_id).first()
    pegawai = Pegawai.objects.select_related("unit_kerja").filter(pk=pegawai_id).first()
    if periode is None or pegawai is None or not may_read_report(user, periode, pegawai):
        raise Http404
    return build_report(periode, pegawai)


def build_report(periode: PeriodePenilaian, pegawai: Pegawai) -> Report:
    """The report itself; callers check who may read it (report_for, or the scoped bulk job)."""
    hasil = HasilPerilaku.objects.filter(periode=periode, dinilai=pegawai).first()
    aspects = list(periode.instrumen.aspek.select_related("topik").order_by("sort_order"))
    lines = {a.pk: AspectLine(a) for a in aspects}
    raters: dict[str, int] = {}
    for row in HasilAspek.objects.filter(periode=periode, dinilai=pegawai):
        for kelompok, (mean, n) in row.per_kelompok().items():
            lines[row.aspek_id].per_kelompok[kelompok] = (mean, n)
            raters[kelompok] = n
    order = [k for k in Kelompok if k.value in raters]
    statements = statement_table(periode, pegawai, hasil) if hasil else {}
    questions = dict(periode.instrumen.pertanyaan_terbuka.values_list("pk", "teks"))
    comments, withheld = ratee_comments(periode, pegawai) if hasil else ({}, [])
    scale = list(periode.instrumen.skala.values_list("nilai", flat=True)) or [1, 5]
    return Report(
        periode=periode,
        pegawai=pegawai,
        hasil=hasil,
        aspek=list(lines.values()),
        kelompok=[(k.value, k.label, raters[k.value]) for k in order],
        pernyataan=sorted(
            (tuple(v) for v in statements.values()),
            key=lambda t: (t[0].aspek.sort_order or 0, t[0].sort_order or 0),
        ),
        komentar=[(questions[q], texts) for q, texts in comments.items() if q in questions],
        komentar_ditahan=[questions[q] for q in withheld if q in questions],
        kuat=[lines[a].aspek for a in (hasil.aspek_kuat if hasil else []) if a in lines],
        kembang=[lines[a].aspek for a in (hasil.aspek_kembang if hasil else []) if a in lines],
        evaluasi=EvaluasiKinerja.objects.filter(
            periode_kinerja__tahun_kinerja__tahun=periode.tahun,
            periode_kinerja__jenis=JenisPeriodeKinerja.TAHUNAN,
            rencana__pegawai=pegawai,
            status__in=("dinilai", "diterima", "final"),
        ).first(),
        skala=(min(scale), max(scale)),
    )


def recommendations_for(report: Report) -> dict:
    """Guides and upcoming workshops on the topics of the aspects to develop (via cms wiring)."""
    provider = import_string(settings.EVALUASI_REKOMENDASI)
    return provider([a.topik_id for a in report.kembang])


def published_reports_of(pegawai: Pegawai):
    """The periods (PeriodePenilaian queryset, newest closing first) whose results are published and
    hold a result for `pegawai`: the reports listed on their "Penilaian Saya" page. Raises
    nothing."""
    return (
        periods_with_readable_results(admin=False)
        .filter(
            pk__in=HasilPerilaku.objects.filter(dinilai=pegawai).values("periode_id"),
        )
        .order_by("-ditutup_pada")
    )
