"""Saving a rater's answers as they are given (autosave) and submitting them once.

Both take the whole form (or a part of it) and upsert in one statement per table, so a 25-statement
submission costs the same small number of queries as a 3-statement one. The assignment row is
locked for the duration, so a double-clicked submit or two tabs saving at once cannot interleave.
"""

from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone

from cms.errors import ActionRefused
from evaluasi.forms_jawaban import JawabanForm
from evaluasi.models import (
    Jawaban,
    JawabanTerbuka,
    Penugasan,
    Pernyataan,
    PertanyaanTerbuka,
    SkalaPoin,
)
from evaluasi.selectors import assignments_of_ratees_in_scope

from .aggregation_jobs import aggregation_queue


class AnswerRefused(ActionRefused):
    """The answers cannot be saved; the message is shown to the rater as is."""


class AnswerIncomplete(AnswerRefused):
    """Required items are unanswered: their statement and open-question ids are kept for the form."""

    def __init__(self, missing_statements: list[int], missing_questions: list[int]):
        self.missing_statements = missing_statements
        self.missing_questions = missing_questions
        total = len(missing_statements) + len(missing_questions)
        super().__init__(
            f"Masih ada {total} butir wajib yang belum diisi. Butir tersebut ditandai di bawah."
        )


@dataclass
class SaveResult:
    """What a save or submit did: the assignment, the statements answered, whether it was already
    sent."""

    penugasan: Penugasan
    terjawab: int
    sudah_dikirim: bool = False


class AssignmentNotFound(AnswerRefused):
    """No such assignment for this rater (the views answer 404: no hint that the id exists)."""


def _locked_assignment(penugasan_id: int, pegawai_id: int) -> Penugasan:
    assignment = (
        Penugasan.objects.select_for_update(of=("self",))
        .select_related("periode__instrumen")
        .filter(pk=penugasan_id, penilai_id=pegawai_id)
        .first()
    )
    if assignment is None:
        raise AssignmentNotFound("Penugasan penilaian tidak ditemukan.")
    return assignment


def _check_open(assignment: Penugasan, now) -> None:
    if assignment.dikirim:
        raise AnswerRefused("Penilaian ini sudah dikirim dan tidak dapat diubah lagi.")
    if not assignment.periode.pengisian_berlangsung(now):
        raise AnswerRefused(
            "Masa pengisian periode ini sudah berakhir atau belum dimulai; jawaban tidak dapat "
            "disimpan."
        )


# Items of frozen instruments, per process: a frozen instrument never changes (editing one makes
# a new version), and autosave — 21 requests per assessment at the deadline — then skips three
# queries. Draft instruments are always read fresh.
_FROZEN_ITEMS: dict[tuple[int, str], tuple[dict, dict, set]] = {}


def _items(assignment: Penugasan) -> tuple[dict, dict, set]:
    """Statement id -> required (for this relationship), open question id -> required, and the
    scale's values."""
    instrumen = assignment.periode.instrumen
    key = (instrumen.pk, assignment.hubungan)
    if instrumen.dibekukan and key in _FROZEN_ITEMS:
        return _FROZEN_ITEMS[key]
    statements = dict(
        Pernyataan.objects.filter(
            aspek__instrumen_id=instrumen.pk, **{f"untuk_{assignment.hubungan}": True}
        ).values_list("pk", "wajib")
    )
    questions = dict(
        PertanyaanTerbuka.objects.filter(instrumen_id=instrumen.pk).values_list("pk", "wajib")
    )
    scale = set(SkalaPoin.objects.filter(instrumen_id=instrumen.pk).values_list("nilai", flat=True))
    if instrumen.dibekukan:
        _FROZEN_ITEMS[key] = (statements, questions, scale)
    return statements, questions, scale


def _parse(data, statements, questions, scale: set[int]):
    """The clean answers of a POST, through `forms_jawaban.JawabanForm` (`p_<statement id>`,
    `t_<question id>`); an invalid value refuses the whole save."""
    form = JawabanForm(data, statements=statements, questions=questions, scale=scale)
    if not form.is_valid():
        raise AnswerRefused(form.first_error())
    return form.values(), form.texts()


def _write(assignment: Penugasan, data, now) -> tuple[dict, dict]:
    statements, questions, scale = _items(assignment)
    values, texts = _parse(data, statements, questions, scale)
    if values:
        Jawaban.objects.bulk_create(
            [
                Jawaban(penugasan=assignment, pernyataan_id=pk, nilai=value)
                for pk, value in values.items()
            ],
            update_conflicts=True,
            unique_fields=["penugasan", "pernyataan"],
            update_fields=["nilai", "diubah"],
        )
    filled = {pk: text for pk, text in texts.items() if text}
    if filled:
        JawabanTerbuka.objects.bulk_create(
            [
                JawabanTerbuka(penugasan=assignment, pertanyaan_id=pk, teks=t)
                for pk, t in filled.items()
            ],
            update_conflicts=True,
            unique_fields=["penugasan", "pertanyaan"],
            update_fields=["teks", "diubah"],
        )
    cleared = [pk for pk, text in texts.items() if not text]
    if cleared:
        JawabanTerbuka.objects.filter(penugasan=assignment, pertanyaan_id__in=cleared).delete()
    if (values or filled) and assignment.dimulai is None:
        assignment.dimulai = now
        assignment.save(update_fields=["dimulai"])
    return statements, questions


@transaction.atomic
def answers_save(*, penugasan_id: int, pegawai_id: int, data, now=None) -> SaveResult:
    """Autosave: store whatever of the form was sent by rater `pegawai_id` for assignment
    `penugasan_id`. `data`: the POST (`p_<statement id>`: a scale value, `t_<question id>`: text);
    `now`: an aware datetime, the current time by default. Returns a SaveResult (the number of
    statements answered).

    Raises AssignmentNotFound (an AnswerRefused) when the assignment is not this rater's, and
    AnswerRefused after submission, outside the filling window, or for an invalid value."""
    now = now or timezone.now()
    assignment = _locked_assignment(penugasan_id, pegawai_id)
    _check_open(assignment, now)
    _write(assignment, data, now)
    return SaveResult(assignment, Jawaban.objects.filter(penugasan=assignment).count())


def assignment_submit(*, penugasan_id: int, pegawai_id: int, data=None, now=None) -> SaveResult:
    """Save what was sent, check every required item, and mark the assignment submitted (once).

    Answers sent along are kept even when the check fails (AnswerIncomplete is raised after the
    commit). A second submit (double click, another tab) is not an error: it reports
    `sudah_dikirim`. Arguments as `answers_save` (`data` optional); returns a SaveResult.

    Raises AnswerIncomplete (an AnswerRefused, with the missing ids) when a required item is
    unanswered, AssignmentNotFound and AnswerRefused as `answers_save` does.
    """
    now = now or timezone.now()
    with transaction.atomic():
        assignment = _locked_assignment(penugasan_id, pegawai_id)
        if assignment.dikirim:
            return SaveResult(assignment, 0, sudah_dikirim=True)
        _check_open(assignment, now)
        statements, questions = _write(assignment, data or {}, now)
        answered = set(
            Jawaban.objects.filter(penugasan=assignment).values_list("pernyataan_id", flat=True)
        )
        written = set(
            JawabanTerbuka.objects.filter(penugasan=assignment).values_list(
                "pertanyaan_id", flat=True
            )
        )
        missing_statements = [
            pk for pk, wajib in statements.items() if wajib and pk not in answered
        ]
        missing_questions = [pk for pk, wajib in questions.items() if wajib and pk not in written]
        if not (missing_statements or missing_questions):
            assignment.dikirim = now
            assignment.save(update_fields=["dikirim"])
            return SaveResult(assignment, len(answered))
    raise AnswerIncomplete(missing_statements, missing_questions)


# Only while no result is visible to anyone: once results are computed, Admin OPD can read the
# reports, and a report before and after one late response would give that rater's answers away
# by difference.
LATE_STATUSES = ("ditutup",)


def late_submission_open(assignment: Penugasan) -> bool:
    """Whether an admin may still accept this draft as a late submission (see LATE_STATUSES)."""
    return (
        assignment.dimulai is not None
        and assignment.dikirim is None
        and assignment.periode.status in LATE_STATUSES
    )


def late_submission_accept(*, penugasan_id: int, user) -> Penugasan:
    """An admin accepts a draft completed after the deadline; only that ratee is re-aggregated.

    The answers must already be saved and complete; the admin's scope must hold the ratee.
    Returns the Penugasan, now submitted; the ratee's aggregation is queued on commit.

    Raises AnswerRefused when the assignment is outside `user`'s scope or permission, already
    submitted, the period is not "ditutup" (LATE_STATUSES: afterwards results are visible and the
    difference would reveal the rater's answers, docs/privasi.md), or a required answer is missing.
    """

    with transaction.atomic():
        assignment = (
            assignments_of_ratees_in_scope(user)
            .select_for_update(of=("self",))
            .filter(pk=penugasan_id)
            .first()
        )
        if assignment is None or not user.has_perm("evaluasi.add_penugasan"):
            raise AnswerRefused("Penugasan tidak ditemukan atau di luar kewenangan Anda.")
        if assignment.dikirim:
            raise AnswerRefused("Penilaian ini sudah dikirim.")
        if assignment.periode.status not in LATE_STATUSES:
            raise AnswerRefused(
                "Kiriman terlambat hanya diterima setelah periode ditutup dan sebelum hasil "
                "dihitung: setelah hasil terlihat, selisih hasil sebelum dan sesudahnya akan "
                "membuka jawaban penilai tersebut."
            )
        statements, _questions, _scale = _items(assignment)
        answered = set(
            Jawaban.objects.filter(penugasan=assignment).values_list("pernyataan_id", flat=True)
        )
        if any(wajib and pk not in answered for pk, wajib in statements.items()):
            raise AnswerRefused(
                "Jawaban wajib belum lengkap; kiriman terlambat tidak dapat diterima."
            )
        assignment.dikirim = timezone.now()
        assignment.save(update_fields=["dikirim"])
        nip = assignment.dinilai.nip
        periode_id = assignment.periode_id
        transaction.on_commit(lambda: aggregation_queue(periode_id=periode_id, nip=nip))
    return assignment
