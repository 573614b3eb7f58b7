"""Backups of the whole site in one file: every database row and every uploaded file.

A backup is a gzipped tar archive holding
- `data.json`: `dumpdata` of every app with natural keys, so it loads into a database
  whose row ids differ (another server, SQLite or PostgreSQL alike);
- `media/<name>`: each file of the default storage (local folder or object storage);
- `manifest.json`: when it was made, and how many rows of each model and which files
  (with their SHA-256) it holds, so that a restore can prove it lost nothing.

Content types and permissions are not in it: `migrate` creates them, and rows that refer to
them do so by natural key.
"""

import datetime
import hashlib
import io
import json
import tarfile
import tempfile
from pathlib import Path, PurePosixPath

from django.apps import apps
from django.core import serializers
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.management import call_command
from django.core.management.base import CommandError
from django.core.management.commands import loaddata
from django.db import DEFAULT_DB_ALIAS, connections, transaction

FORMAT = 1
# Made again by `migrate` (post_migrate), in whatever order of ids that database likes.
EXCLUDED_MODELS = ["contenttypes.ContentType", "auth.Permission"]


def _counted_models():
    return [
        model
        for model in apps.get_models()
        if model._meta.label not in EXCLUDED_MODELS and not model._meta.proxy
    ]


def row_counts(using=DEFAULT_DB_ALIAS):
    return {
        model._meta.label: model._base_manager.using(using).count() for model in _counted_models()
    }


def stored_files(storage=default_storage, folder=""):
    """Every file name in `storage`, relative to its root, depth first."""
    try:
        folders, files = storage.listdir(folder)
    except FileNotFoundError:  # a local MEDIA_ROOT that nothing was uploaded to yet
        return []
    names = [str(PurePosixPath(folder, name)) if folder else name for name in sorted(files)]
    for sub in sorted(folders):
        names += stored_files(storage, str(PurePosixPath(folder, sub)) if folder else sub)
    return names


def _add_bytes(archive, name, data):
    info = tarfile.TarInfo(name)
    info.size = len(data)
    info.mtime = int(datetime.datetime.now(datetime.UTC).timestamp())
    archive.addfile(info, io.BytesIO(data))


def _register_precise_json():
    if "backup_json" not in serializers.get_serializer_formats():
        serializers.register_serializer("backup_json", "core.infrastructure.backup_json")
    return "backup_json"


def _begin_snapshot(using):
    """Makes the transaction just opened on `using` read one snapshot of the database.

    PostgreSQL's default, READ COMMITTED, takes a new snapshot for every statement: rows
    committed by staff between two tables' dumps, or between the dump and the counts, would
    make a backup that matches no moment and a manifest that disagrees with its own data.
    REPEATABLE READ keeps the first statement's snapshot for the whole transaction. SQLite
    reads inside one transaction are already isolated from other connections' writes."""
    connection = connections[using]
    # Only the transaction's first statement may set its isolation; inside a caller's
    # transaction the backup reads what that transaction sees.
    if connection.vendor == "postgresql" and len(connection.atomic_blocks) == 1:
        with connection.cursor() as cursor:
            cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")


def dump_rows(data_file, using=DEFAULT_DB_ALIAS):
    call_command(
        "dumpdata",
        format=_register_precise_json(),
        exclude=EXCLUDED_MODELS,
        natural_foreign=True,
        natural_primary=True,
        indent=1,
        output=str(data_file),
        database=using,
        verbosity=0,
    )


class _HashingReader:
    """Reads a stored file for tarfile in chunks, hashing what passes through."""

    def __init__(self, stored):
        self.stored = stored
        self.sha256 = hashlib.sha256()

    def read(self, size=-1):
        chunk = self.stored.read(size)
        self.sha256.update(chunk)
        return chunk


def _add_stored_file(archive, name):
    """Streams media/`name` into the archive (never whole in memory); returns its SHA-256."""
    info = tarfile.TarInfo(f"media/{name}")
    info.size = default_storage.size(name)
    info.mtime = int(datetime.datetime.now(datetime.UTC).timestamp())
    with default_storage.open(name, "rb") as stored:
        reader = _HashingReader(stored)
        archive.addfile(info, reader)
    return reader.sha256.hexdigest()


def write_backup(path, using=DEFAULT_DB_ALIAS):
    """Writes the backup to `path` (a .tar.gz) and returns its manifest.

    The rows and their counts come from one snapshot of the database, so the backup is
    one moment even while staff keep editing; uploaded files are streamed into the
    archive, so a large file costs no memory."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        data_file = Path(tmp) / "data.json"
        with transaction.atomic(using=using):
            _begin_snapshot(using)
            dump_rows(data_file, using)
            rows = row_counts(using)
        manifest = {
            "format": FORMAT,
            "created": datetime.datetime.now(datetime.UTC).isoformat(timespec="seconds"),
            "rows": rows,
            "files": {},
        }
        partial = path.with_name(path.name + ".partial")
        with tarfile.open(partial, "w:gz") as archive:
            archive.add(data_file, arcname="data.json")
            for name in stored_files():
                manifest["files"][name] = _add_stored_file(archive, name)
            _add_bytes(archive, "manifest.json", json.dumps(manifest, indent=1).encode())
    # Only a complete archive gets the final name: a crash leaves no half backup behind it.
    partial.replace(path)
    return manifest


def database_is_empty():
    return not any(row_counts().values())


def _read_member(archive, name):
    try:
        member = archive.getmember(name)
    except KeyError:
        raise CommandError(f"{archive.name} is not a backup: it has no {name}.") from None
    return archive.extractfile(member).read()


def read_backup(path):
    """(manifest, {file name: content}, data.json's bytes) of the backup at `path`, checked."""
    try:
        with tarfile.open(path, "r:gz") as archive:
            manifest = json.loads(_read_member(archive, "manifest.json"))
            if manifest.get("format") != FORMAT:
                raise CommandError(
                    f"{path} has backup format {manifest.get('format')}, not {FORMAT}."
                )
            files = {name: _read_member(archive, f"media/{name}") for name in manifest["files"]}
            data = _read_member(archive, "data.json")
    except (OSError, tarfile.TarError) as error:
        raise CommandError(f"Cannot read the backup {path}: {error}") from error
    for name, content in files.items():
        if hashlib.sha256(content).hexdigest() != manifest["files"][name]:
            raise CommandError(f"{path} is damaged: media/{name} does not match its checksum.")
    return manifest, files, data


def restore_backup(path, force=False):
    """Loads the backup at `path` into this database and storage; returns its manifest.

    Refuses a database that holds any row unless `force`, which first deletes every row.
    The database part is one transaction: if anything fails, the database is as it was."""
    manifest, files, data = read_backup(path)
    with tempfile.TemporaryDirectory() as tmp:
        data_file = Path(tmp) / "data.json"
        data_file.write_bytes(data)
        with transaction.atomic():
            if not database_is_empty():
                if not force:
                    held = {label: n for label, n in row_counts().items() if n}
                    raise CommandError(
                        "The database is not empty ("
                        + ", ".join(f"{n} {label}" for label, n in held.items())
                        + "). Restore into a new, migrated database, or add --force to "
                        "delete everything in this one first."
                    )
                call_command("flush", interactive=False, verbosity=0)
            # Django's own loaddata, not load_content: a backup is restored as the database held it,
            # without the checks an editor's fixture gets (history rows would fail them).
            call_command(loaddata.Command(), str(data_file), verbosity=0)
            restored = row_counts()
            lost = {
                label: (count, restored.get(label, 0))
                for label, count in manifest["rows"].items()
                if restored.get(label, 0) != count
            }
            if lost:
                raise CommandError(
                    "The restore does not match the backup, so nothing was restored: "
                    + ", ".join(
                        f"{label} {a} rows backed up, {b} loaded" for label, (a, b) in lost.items()
                    )
                )
    for name, content in files.items():
        if default_storage.exists(name):
            default_storage.delete(name)
        saved = default_storage.save(name, ContentFile(content))
        if saved != name:
            raise CommandError(f"The storage saved media/{name} as {saved}.")
    return manifest
