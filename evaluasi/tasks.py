"""django-q2 tasks: thin wrappers that take primary keys and call services."""

from evaluasi.services.roster_import import roster_import_job


def roster_import_task(impor_id: int, apply: bool) -> str:
    return roster_import_job(impor_id, apply=apply)
