"""Backups: the database (a native dump) and both media trees in one `.tar.gz`, and restoring it.

- PostgreSQL: `pg_dump --format=custom`, restored with `pg_restore --clean --single-transaction`
  (all or nothing). The client tools must match the server's major version.
- SQLite: SQLite's online backup API (a consistent copy while the site runs), restored the same
  way into the live database file.
- Media: `MEDIA_ROOT` (public images) and `PRIVATE_MEDIA_ROOT` (roster uploads, bukti dukung,
  exports, certificates, Wagtail documents — cms/storage.py).

`manifest.json` records when, from which database, and row counts of the tables that matter —
counted in the very snapshot that was dumped, so a backup taken while the site is busy still
verifies — and a restore checks itself against them. Kernel module: no app imports, models are
read by label.
"""

import json
import os
import shutil
import sqlite3
import subprocess
import tarfile
import tempfile
from dataclasses import dataclass
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.db import connection, transaction
from django.utils import timezone

COUNTED = (
    "auth.User",
    "wagtailcore.Page",
    "evaluasi.UnitKerja",
    "evaluasi.Pegawai",
    "evaluasi.Penugasan",
    "evaluasi.Jawaban",
    "evaluasi.HasilPerilaku",
    "evaluasi.EvaluasiKinerja",
    "sosialisasi.Pendaftaran",
)
DB_FILE = "database.dump"
MEDIA = {"media": "MEDIA_ROOT", "private": "PRIVATE_MEDIA_ROOT"}


class BackupError(Exception):
    pass


@dataclass
class Restored:
    manifest: dict
    counts: dict
    mismatches: list


def row_counts() -> dict[str, int]:
    return {label: apps.get_model(label).objects.count() for label in COUNTED}


def _counts(scalar) -> dict[str, int]:
    """`row_counts` through `scalar(sql) -> value` on a given cursor or database file."""
    tables = {label: apps.get_model(label)._meta.db_table for label in COUNTED}
    # Table names come from our own models, never from input.
    sql = 'SELECT COUNT(*) FROM "{}"'
    return {label: scalar(sql.format(table)) for label, table in tables.items()}


def _pg_env_args() -> tuple[dict, list[str]]:
    db = connection.settings_dict
    env = dict(os.environ)
    if db.get("PASSWORD"):
        env["PGPASSWORD"] = db["PASSWORD"]
    args = ["-h", db.get("HOST") or "localhost", "-U", db.get("USER") or "postgres"]
    if db.get("PORT"):
        args += ["-p", str(db["PORT"])]
    return env, args


def _run(command: list[str], env: dict) -> None:
    # A fixed argument list (pg_dump / pg_restore and settings values), no shell.
    result = subprocess.run(command, env=env, capture_output=True, text=True, check=False)  # noqa: S603
    if result.returncode != 0:
        raise BackupError(f"{command[0]} gagal: {result.stderr.strip()[:500]}")


def _dump_database(target: Path) -> dict[str, int]:
    """Dump the database into `target`; returns the row counts of exactly what was dumped."""
    if connection.vendor == "postgresql":
        env, args = _pg_env_args()
        name = connection.settings_dict["NAME"]
        # pg_dump reads the snapshot this transaction exports, and the counts come from it too.
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
            cursor.execute("SELECT pg_export_snapshot()")
            snapshot = cursor.fetchone()[0]

            def scalar(sql):
                cursor.execute(sql)
                return cursor.fetchone()[0]

            counts = _counts(scalar)
            _run(
                ["pg_dump", "--format=custom", "--no-owner", f"--snapshot={snapshot}", *args,
                 "-f", str(target), name],
                env,
            )  # fmt: skip
        return counts
    if connection.vendor == "sqlite":
        connection.ensure_connection()
        with sqlite3.connect(target) as copy:
            connection.connection.backup(copy)
            counts = _counts(lambda sql: copy.execute(sql).fetchone()[0])
        copy.close()
        return counts
    raise BackupError(f"Basis data {connection.vendor} belum didukung.")


def _restore_database(source: Path) -> None:
    if connection.vendor == "postgresql":
        env, args = _pg_env_args()
        connection.close()  # pg_restore drops and recreates the tables this connection may lock
        name = connection.settings_dict["NAME"]
        _run(
            ["pg_restore", "--clean", "--if-exists", "--no-owner", "--single-transaction",
             *args, "-d", name, str(source)],
            env,
        )  # fmt: skip
    else:
        connection.ensure_connection()
        with sqlite3.connect(source) as dump:
            dump.backup(connection.connection)
        dump.close()


def backup_create(directory: Path) -> Path:
    """Write `cadangan-<time>.tar.gz` into `directory` and return its path."""
    directory.mkdir(parents=True, exist_ok=True)
    stamp = timezone.localtime().strftime("%Y%m%d-%H%M%S")
    archive = directory / f"cadangan-{stamp}.tar.gz"
    with tempfile.TemporaryDirectory() as work:
        dump = Path(work) / DB_FILE
        manifest = {
            "dibuat": timezone.now().isoformat(),
            "basis_data": connection.vendor,
            "jumlah_baris": _dump_database(dump),
        }
        partial = archive.with_suffix(".part")
        with tarfile.open(partial, "w:gz") as tar:
            tar.add(dump, arcname=DB_FILE)
            for arcname, setting in MEDIA.items():
                root = Path(getattr(settings, setting))
                if root.exists():
                    tar.add(root, arcname=arcname)
            data = json.dumps(manifest, indent=2).encode()
            info = tarfile.TarInfo("manifest.json")
            info.size = len(data)
            with tempfile.TemporaryFile() as handle:
                handle.write(data)
                handle.seek(0)
                tar.addfile(info, handle)
        partial.rename(archive)  # never a half-written archive under the final name
    return archive


def backup_restore(archive: Path) -> Restored:
    """Replace the database and both media trees with the archive's, then compare row counts."""
    with tempfile.TemporaryDirectory() as work:
        work = Path(work)
        try:
            with tarfile.open(archive, "r:gz") as tar:
                tar.extractall(work, filter="data")  # no absolute paths, links out or devices
            manifest = json.loads((work / "manifest.json").read_text())
            if not (
                isinstance(manifest, dict)
                and {"dibuat", "basis_data", "jumlah_baris"} <= manifest.keys()
                and (work / DB_FILE).is_file()
            ):
                raise ValueError("manifest atau dump tidak lengkap")
        except (tarfile.TarError, EOFError, OSError, ValueError) as error:
            # Not a .tar.gz, cut short in transfer, or without our manifest and dump.
            raise BackupError(
                "Berkas ini bukan cadangan aplikasi ini atau rusak (terpotong saat disalin?); "
                "tidak ada yang diubah. Pakai berkas cadangan-*.tar.gz dari `manage.py backup`."
            ) from error
        if manifest["basis_data"] != connection.vendor:
            raise BackupError(
                f"Cadangan dari {manifest['basis_data']} tidak dapat dipulihkan ke "
                f"{connection.vendor}."
            )
        _restore_database(work / DB_FILE)
        for arcname, setting in MEDIA.items():
            root = Path(getattr(settings, setting))
            if root.exists():
                shutil.rmtree(root)
            if (work / arcname).exists():
                shutil.copytree(work / arcname, root)
            else:
                root.mkdir(parents=True, exist_ok=True)
    counts = row_counts()
    expected = manifest["jumlah_baris"]
    mismatches = [
        f"{label}: {counts.get(label)} (cadangan: {n})"
        for label, n in expected.items()
        if counts.get(label) != n
    ]
    return Restored(manifest, counts, mismatches)
