"""Telling attendees that a finished workshop's materials are online."""

from django_q.tasks import async_task

from sosialisasi.selectors import confirmed_registrations_visible_to

from .registration_mail import registration_mail_send


def materials_queue(*, workshop_id: int, user) -> None:
    """Queue the "materials available" email to the workshop's confirmed registrants in `user`'s
    scope, as a background task.

    Args:
        workshop_id: the `WorkshopPage`'s primary key.
        user: the requesting account; the task reads the recipients through its scope as it runs.

    Returns:
        None; the task runs `materials_announce`.

    Raises:
        Nothing of its own.
    """
    async_task("sosialisasi.tasks.materials_task", workshop_id, user.pk)


def materials_announce(*, workshop_id: int, user) -> int:
    """Email every confirmed registrant (attended or not) of the workshop inside `user`'s scope
    (Admin BKD: all; Admin OPD: their units' pegawai; anyone else: nobody); returns how many."""
    recipients = confirmed_registrations_visible_to(user, workshop_id=workshop_id)
    sent = 0
    for pk in recipients.values_list("pk", flat=True):
        registration_mail_send(pk, "materi")
        sent += 1
    return sent
