"""What a rater sees: their inbox and one assignment's form. Never anyone else's assignment."""

from dataclasses import dataclass, field

from django.db.models import Count, Prefetch, Q
from django.http import Http404

from evaluasi.models import (
    Aspek,
    Hubungan,
    Jawaban,
    JawabanTerbuka,
    Pegawai,
    Penugasan,
    PeriodePenilaian,
    Pernyataan,
    StatusPeriode,
)

INBOX_STATUSES = (StatusPeriode.DIBUKA, StatusPeriode.DITUTUP)


def pegawai_of(user) -> Pegawai | None:
    """The Pegawai linked to `user` (the roster row of a logged-in ASN), or None for anonymous users
    and accounts without one (admins, editors). Raises nothing."""
    if not user.is_authenticated:
        return None
    try:
        return user.pegawai
    except Pegawai.DoesNotExist:
        return None


def statement_counts(instrumen_ids) -> dict[tuple[int, str], int]:
    """(instrument, relationship) -> number of statements that relationship answers."""
    counts = {}
    rows = Pernyataan.objects.filter(aspek__instrumen_id__in=instrumen_ids).values_list(
        "aspek__instrumen_id", "untuk_diri", "untuk_atasan", "untuk_rekan", "untuk_bawahan"
    )
    for instrumen_id, *flags in rows:
        for relation, shown in zip(Hubungan.values, flags, strict=True):
            counts[instrumen_id, relation] = counts.get((instrumen_id, relation), 0) + int(shown)
    return counts


@dataclass
class InboxPeriod:
    """One period of a rater's inbox: its assignments and, in `selesai`, how many are submitted."""

    periode: PeriodePenilaian
    penugasan: list[Penugasan] = field(default_factory=list)

    @property
    def selesai(self) -> int:
        return sum(1 for p in self.penugasan if p.dikirim)


def inbox_for(pegawai: Pegawai) -> list[InboxPeriod]:
    """The rater's assignments in open (and just-closed) periods, with answered counts."""
    assignments = (
        Penugasan.objects.filter(penilai=pegawai, periode__status__in=INBOX_STATUSES)
        .select_related("periode", "dinilai__unit_kerja")
        .annotate(terjawab=Count("jawaban"))
        .order_by("-periode__dibuka_pada", "dikirim", "hubungan", "dinilai__nama")
    )
    periods: dict[int, InboxPeriod] = {}
    for assignment in assignments:
        periods.setdefault(assignment.periode_id, InboxPeriod(assignment.periode))
        periods[assignment.periode_id].penugasan.append(assignment)
    counts = statement_counts({p.periode.instrumen_id for p in periods.values()})
    for period in periods.values():
        for assignment in period.penugasan:
            assignment.jumlah_pernyataan = counts.get(
                (period.periode.instrumen_id, assignment.hubungan), 0
            )
    return list(periods.values())


def assignment_for_rater(user, pk: int) -> Penugasan:
    """The Penugasan `pk`, with period, instrument and ratee joined, if `user` is its rater.
    Raises Http404 otherwise (no hint that the id exists)."""
    pegawai = pegawai_of(user)
    if pegawai is None:
        raise Http404
    try:
        return Penugasan.objects.select_related(
            "periode__instrumen", "dinilai__unit_kerja", "dinilai__atasan"
        ).get(pk=pk, penilai=pegawai)
    except Penugasan.DoesNotExist:
        raise Http404 from None


@dataclass
class AssessmentForm:
    """The assessment form of one assignment as the page shows it: the aspects with the statements
    this relationship sees, the scale, the open questions, and the saved values and texts."""

    penugasan: Penugasan
    aspek: list[Aspek]
    skala: list
    pertanyaan_terbuka: list
    nilai: dict[int, int]  # statement id -> saved value
    teks: dict[int, str]  # open question id -> saved text

    @property
    def pernyataan(self) -> list[Pernyataan]:
        return [p for aspek in self.aspek for p in aspek.ditampilkan]

    @property
    def terjawab(self) -> int:
        return sum(1 for p in self.pernyataan if p.pk in self.nilai)

    @property
    def belum_lengkap(self) -> int:
        """Required items still without an answer."""
        return sum(1 for p in self.pernyataan if p.belum) + sum(
            1 for q in self.pertanyaan_terbuka if q.belum
        )


def assessment_form(penugasan: Penugasan) -> AssessmentForm:
    """The instrument as this relationship sees it, with the answers saved so far (5 queries)."""
    instrumen = penugasan.periode.instrumen
    flag = f"untuk_{penugasan.hubungan}"
    aspects = list(
        instrumen.aspek.order_by("sort_order").prefetch_related(
            Prefetch(
                "pernyataan",
                queryset=Pernyataan.objects.filter(**{flag: True}).order_by("sort_order"),
                to_attr="ditampilkan",
            )
        )
    )
    form = AssessmentForm(
        penugasan=penugasan,
        aspek=[a for a in aspects if a.ditampilkan],
        skala=list(instrumen.skala.order_by("sort_order")),
        pertanyaan_terbuka=list(instrumen.pertanyaan_terbuka.order_by("sort_order")),
        nilai=dict(
            Jawaban.objects.filter(penugasan=penugasan).values_list("pernyataan_id", "nilai")
        ),
        teks=dict(
            JawabanTerbuka.objects.filter(penugasan=penugasan).values_list("pertanyaan_id", "teks")
        ),
    )
    # Templates cannot look up a dict by a variable key: attach each saved answer to its item.
    for statement in form.pernyataan:
        statement.tersimpan = form.nilai.get(statement.pk)
        statement.belum = statement.wajib and statement.pk not in form.nilai
    for question in form.pertanyaan_terbuka:
        question.tersimpan = form.teks.get(question.pk, "")
        question.belum = question.wajib and question.pk not in form.teks
    return form


@dataclass
class ActivePeriod:
    """An open period with the logged-in rater's progress (None: not a rater in it)."""

    periode: PeriodePenilaian
    selesai: int | None = None  # the logged-in rater's submitted assignments (None: not a rater)
    total: int | None = None


def active_periods_for(user) -> list[ActivePeriod]:
    """Open periods for the home page and, for a logged-in ASN, their own progress (2 queries)."""
    periods = {
        p.pk: ActivePeriod(p)
        for p in PeriodePenilaian.objects.filter(status=StatusPeriode.DIBUKA).order_by(
            "ditutup_pada"
        )
    }
    pegawai = pegawai_of(user)
    if periods and pegawai is not None:
        rows = (
            Penugasan.objects.filter(penilai=pegawai, periode_id__in=periods)
            .values("periode_id")
            .annotate(total=Count("id"), selesai=Count("id", filter=Q(dikirim__isnull=False)))
        )
        for row in rows:
            periods[row["periode_id"]].total = row["total"]
            periods[row["periode_id"]].selesai = row["selesai"]
    return list(periods.values())
