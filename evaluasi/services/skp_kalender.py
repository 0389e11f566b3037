"""The SKP's calendar: Admin BKD sets a performance year's periodisation (PermenPANRB 6/2022:
periodic evaluation monthly, quarterly or per semester, as the agency chooses, and the annual
evaluation), which creates its periods with default windows."""

from datetime import datetime, time, timedelta

from django.db import transaction
from django.utils import timezone

from cms.errors import ActionRefused
from cms.notifications import waktu_wib
from evaluasi.models import (
    EvaluasiKinerja,
    JenisPeriodeKinerja,
    PeriodeKinerja,
    Periodisasi,
    TahunKinerja,
)
from evaluasi.models.skp_kalender import periods_planned
from evaluasi.selectors.roster import unit_scope_for


class CalendarRefused(ActionRefused):
    """A change to the SKP calendar is not allowed; the message is shown to the user as is."""


def may_set_calendar(user) -> bool:
    """Whether `user` may set a year's periodisation and windows: Admin BKD (the whole-province
    scope with the change permission) only."""
    return bool(
        user.is_authenticated
        and user.has_perm("evaluasi.change_tahunkinerja")
        and unit_scope_for(user).everything
    )


def window_problem(periode: PeriodeKinerja, dibuka, ditutup) -> tuple[str, str] | None:
    """Why (dibuka, ditutup), aware datetimes, cannot be the evaluation window of `periode`:
    ("dibuka_pada" or "ditutup_pada", the Indonesian message), or None. A window closes after it
    opens, opens no earlier than the first day of the period it evaluates, and closes at most a
    year after its last day; a periodic window also stays open until the period's last day, since
    its evaluation covers the whole period (the annual window may open in the year's last weeks).
    Raises nothing."""
    start = datetime.combine(periode.mulai, time(), tzinfo=timezone.get_current_timezone())
    last_day = datetime.combine(periode.selesai, time(), tzinfo=timezone.get_current_timezone())
    if ditutup <= dibuka:
        return "ditutup_pada", "Evaluasi harus ditutup sesudah dibuka."
    if dibuka < start:
        return "dibuka_pada", f"Jendela {periode.nama} dibuka paling awal {waktu_wib(start)}."
    if periode.jenis == JenisPeriodeKinerja.PERIODIK and ditutup < last_day:
        return (
            "ditutup_pada",
            f"Jendela {periode.nama} ditutup paling awal {waktu_wib(last_day)}, hari terakhir "
            "periodenya.",
        )
    if ditutup > last_day + timedelta(days=366):
        return "ditutup_pada", f"Jendela {periode.nama} ditutup paling lambat setahun sesudah "
        "periodenya berakhir."
    return None


def window_text(periode: PeriodeKinerja) -> str:
    """The evaluation window of `periode` in WIB, e.g. "31 Maret 2026 00.00 WIB s.d. 14 April
    2026 23.59 WIB"."""
    return f"{waktu_wib(periode.dibuka_pada)} s.d. {waktu_wib(periode.ditutup_pada)}"


@transaction.atomic
def tahun_kinerja_setup(*, tahun: int, periodisasi: str, user) -> TahunKinerja:
    """Create the TahunKinerja `tahun` with `periodisasi` ("bulanan", "triwulanan",
    "semesteran") and its periods (the periodic ones, then the annual one) with the default
    windows of `periods_planned`; on an existing year with another periodisation, replace its
    periodic periods. Returns the year.

    Raises CalendarRefused when `user` is not Admin BKD, the periodisation is unknown, or the
    periodisation changes while evaluations already exist in the year's periods (they would lose
    their period)."""
    if not may_set_calendar(user):
        raise CalendarRefused("Hanya Admin BKD yang dapat mengatur kalender kinerja.")
    if periodisasi not in Periodisasi.values:
        raise CalendarRefused("Periodisasi tidak dikenal.")
    year, created = TahunKinerja.objects.select_for_update().get_or_create(
        tahun=tahun, defaults={"periodisasi": periodisasi}
    )
    if not created and year.periodisasi != periodisasi:
        if EvaluasiKinerja.objects.filter(periode_kinerja__tahun_kinerja=year).exists():
            raise CalendarRefused(
                f"Periodisasi tahun {tahun} tidak dapat diubah karena sudah ada evaluasi kinerja "
                "pada periodenya."
            )
        year.periodisasi = periodisasi
        year.save(update_fields=["periodisasi"])
        year.periode.filter(jenis="periodik").delete()
    periods_fill(year)
    return year


def periods_fill(year: TahunKinerja) -> int:
    """Create the periods `year`'s periodisation plans that it lacks (existing ones and their
    windows are kept); returns how many were created. Raises nothing."""
    existing = set(year.periode.values_list("jenis", "urutan"))
    missing = [
        PeriodeKinerja(tahun_kinerja=year, **row)
        for row in periods_planned(year.tahun, year.periodisasi)
        if (row["jenis"], row["urutan"]) not in existing
    ]
    PeriodeKinerja.objects.bulk_create(missing)
    return len(missing)


@transaction.atomic
def period_windows_set(*, tahun_kinerja_id: int, windows: dict, user) -> int:
    """Set the evaluation windows of the periods of TahunKinerja `tahun_kinerja_id`: `windows`
    maps a PeriodeKinerja id of that year to (dibuka_pada, ditutup_pada), aware datetimes.
    Returns how many periods changed.

    Raises CalendarRefused when `user` is not Admin BKD, an id is not a period of that year, or a
    window breaks `window_problem`; TahunKinerja.DoesNotExist for an unknown year."""
    if not may_set_calendar(user):
        raise CalendarRefused("Hanya Admin BKD yang dapat mengatur kalender kinerja.")
    year = TahunKinerja.objects.select_for_update().get(pk=tahun_kinerja_id)
    periods = {p.pk: p for p in year.periode.select_for_update()}
    changed = 0
    for pk, (dibuka, ditutup) in windows.items():
        periode = periods.get(pk)
        if periode is None:
            raise CalendarRefused("Periode tidak termasuk tahun kinerja ini.")
        problem = window_problem(periode, dibuka, ditutup)
        if problem:
            raise CalendarRefused(problem[1])
        if (periode.dibuka_pada, periode.ditutup_pada) != (dibuka, ditutup):
            periode.dibuka_pada, periode.ditutup_pada = dibuka, ditutup
            periode.save(update_fields=["dibuka_pada", "ditutup_pada"])
            changed += 1
    return changed
