"""Reads for the rencana pengembangan (docs/skp.md, "Rencana pengembangan"): an evaluation's
weakest aspects, the guides and workshops suggested for them, and the plan itself.

Suggestions come through the function the `EVALUASI_REKOMENDASI` setting names
(`cms/recommendations.py`), the same wiring as the 360 report's *Rekomendasi pengembangan*:
`evaluasi` never imports `sosialisasi`."""

from dataclasses import dataclass, field

from django.conf import settings
from django.utils import timezone
from django.utils.module_loading import import_string

from cms.topics import Topik
from evaluasi.models import (
    Aspek,
    EvaluasiKinerja,
    JenisSumber,
    RencanaPengembangan,
    StatusPengembangan,
)
from evaluasi.predikat import Rating

# Topics (slugs) a hasil-kerja shortfall points at: an RHK has no topic of its own. A deployment
# may name others in settings.SKP_TOPIK_HASIL_KERJA.
TOPIK_HASIL_KERJA = ("pengembangan-kompetensi", "perencanaan-skp")


@dataclass
class Saran:
    """What the atasan chooses from: `aspek` (labels of the weakest aspects, e.g. "Akuntabel
    (perilaku kerja)"), and the suggested `panduan` and `workshop` pages (specific Wagtail pages,
    workshops with `sisa_kursi`)."""

    aspek: list[str] = field(default_factory=list)
    panduan: list = field(default_factory=list)
    workshop: list = field(default_factory=list)

    def halaman(self) -> dict[int, tuple[str, str]]:
        """Page id -> (JenisSumber value, title) of every suggestion."""
        rows = {p.pk: (JenisSumber.PANDUAN, p.title) for p in self.panduan}
        rows.update({w.pk: (JenisSumber.WORKSHOP, w.title) for w in self.workshop})
        return rows


def weakest_aspects(evaluasi: EvaluasiKinerja) -> tuple[list[str], list[int]]:
    """The aspects of `evaluasi` rated below expectation and their topics: the BerAKHLAK values
    rated "di_bawah" (PerilakuKerja, topic of the instrument aspect of that name) and the RHK whose
    capaian is "di_bawah" (UmpanBalikRHK, topics `TOPIK_HASIL_KERJA`). Returns (labels, topic
    ids); both empty when nothing is below. 3 queries at most; raises nothing."""
    values = list(
        evaluasi.perilaku.filter(rating=Rating.DI_BAWAH)
        .order_by("pk")
        .values_list("nilai", flat=True)
    )
    rhks = list(
        evaluasi.umpan_balik.filter(capaian=Rating.DI_BAWAH)
        .order_by("rhk__pk")
        .values_list("rhk__teks", flat=True)
    )
    labels = [f"{v} (perilaku kerja)" for v in values]
    labels += [f"RHK: {teks[:120]}" for teks in rhks]
    topics = []
    if values:
        topics += list(
            Aspek.objects.filter(nama__in=values, topik__isnull=False)
            .values_list("topik_id", flat=True)
            .distinct()
        )
    if rhks:
        slugs = getattr(settings, "SKP_TOPIK_HASIL_KERJA", TOPIK_HASIL_KERJA)
        topics += list(Topik.objects.filter(slug__in=slugs).values_list("pk", flat=True))
    return labels, list(dict.fromkeys(topics))


def development_suggestions(evaluasi: EvaluasiKinerja) -> Saran:
    """Guides and upcoming workshops for `evaluasi`'s weakest aspects (`weakest_aspects`), from
    the provider `settings.EVALUASI_REKOMENDASI` names (live, public pages only). Raises
    nothing."""
    labels, topics = weakest_aspects(evaluasi)
    found = import_string(settings.EVALUASI_REKOMENDASI)(topics) if topics else {}
    return Saran(
        aspek=labels,
        panduan=list(found.get("panduan", [])),
        workshop=list(found.get("workshop", [])),
    )


def plan_of(evaluasi: EvaluasiKinerja) -> RencanaPengembangan | None:
    """The rencana pengembangan of `evaluasi` with its chosen pages, or None. Callers have already
    checked that the user may read `evaluasi` (`selectors.skp.evaluasi_detail`). 2 queries."""
    return (
        RencanaPengembangan.objects.filter(evaluasi=evaluasi)
        .select_related("disusun_oleh", "ditinjau_oleh")
        .prefetch_related("sumber__halaman")
        .first()
    )


def later_evaluation_started(evaluasi: EvaluasiKinerja) -> bool:
    """Whether the pegawai of `evaluasi` has an evaluation started after it (the next period's),
    at which the plan is reviewed at the latest. Raises nothing."""
    return (
        EvaluasiKinerja.objects.filter(
            rencana__pegawai_id=evaluasi.rencana.pegawai_id, pk__gt=evaluasi.pk
        )
        .exclude(status="realisasi")
        .exists()
    )


def review_due(plan: RencanaPengembangan, today=None) -> bool:
    """Whether the review of an agreed `plan` may be recorded: from its review date (`today`, a
    date in WIB, defaults to the current one) or once the next period's evaluation is submitted.
    False for a plan not agreed or already reviewed."""
    if plan.status != StatusPengembangan.DISEPAKATI:
        return False
    today = today or timezone.localdate()
    return today >= plan.tanggal_tinjau or later_evaluation_started(plan.evaluasi)
