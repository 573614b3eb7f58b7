import hashlib
import io
import json
import tarfile
import threading

import pytest
from django.apps import apps
from django.contrib.admin.models import CHANGE, LogEntry
from django.contrib.auth.models import Group, Permission
from django.core import serializers
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection

from core.infrastructure import backups
from core.infrastructure.backups import stored_files
from tests.factories import DocumentFactory, WorkshopFactory

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@pytest.fixture
def populated_site(key_migration_issues, media_root, django_user_model):
    """The shipped series plus what staff add: an uploaded file, accounts, groups, history."""
    workshop = WorkshopFactory(title="Workshop with files")
    DocumentFactory(
        workshop=workshop,
        url="",
        file=SimpleUploadedFile("agenda.pdf", b"%PDF-1.4 agenda \x00\xff"),
    )
    DocumentFactory(
        workshop=workshop,
        url="",
        file=SimpleUploadedFile("report.txt", "Rapport – résumé".encode()),
    )
    editor = django_user_model.objects.create_user("editor", password="secret-1", is_staff=True)
    group = Group.objects.create(name="Backup editors")
    group.permissions.add(Permission.objects.get(codename="change_workshop"))
    editor.groups.add(group)
    LogEntry.objects.log_actions(editor.pk, [workshop], CHANGE, change_message="Edited")


def snapshot():
    """Every row of every model, by natural key where it has one, and every stored file."""
    rows = {}
    for model in apps.get_models():
        if model._meta.proxy:
            continue
        records = serializers.serialize(
            "python",
            model._base_manager.all(),
            use_natural_foreign_keys=True,
            use_natural_primary_keys=True,
        )
        rows[model._meta.label] = sorted(
            json.dumps(r, sort_keys=True, default=str) for r in records
        )
    files = {}
    for name in stored_files():
        with default_storage.open(name, "rb") as stored:
            files[name] = stored.read()
    return rows, files


def _empty_everything(media_root):
    call_command("flush", interactive=False, verbosity=0)
    for name in stored_files():
        default_storage.delete(name)


def test_backup_round_trip_restores_every_row_and_file_unchanged(
    populated_site, media_root, tmp_path
):
    before = snapshot()
    backup = tmp_path / "site.tar.gz"
    call_command("backup", output=str(backup), verbosity=0)
    _empty_everything(media_root)
    assert snapshot() != before

    call_command("restore", str(backup), verbosity=0)

    after = snapshot()
    assert after[1] == before[1]
    assert len(after[1]) == 2
    assert after[0] == before[0]
    assert sum(len(rows) for rows in after[0].values()) > 100


def test_backup_holds_data_files_and_a_manifest_with_counts(populated_site, tmp_path):
    backup = tmp_path / "site.tar.gz"

    call_command("backup", output=str(backup), verbosity=0)

    with tarfile.open(backup) as archive:
        names = archive.getnames()
        manifest = json.load(archive.extractfile("manifest.json"))
    assert names[0] == "data.json"
    assert names[-1] == "manifest.json"
    assert len([name for name in names if name.startswith("media/documents/")]) == 2
    assert manifest["rows"]["workshops.Document"] == 2
    assert manifest["rows"]["auth.User"] == 1
    assert len(manifest["files"]) == 2


def test_backup_without_output_is_timestamped_in_backups(populated_site, settings, tmp_path):
    settings.BASE_DIR = tmp_path

    call_command("backup", verbosity=0)

    [backup] = (tmp_path / "backups").iterdir()
    assert backup.name.startswith("backup-20")
    assert backup.name.endswith("Z.tar.gz")


def test_restore_refuses_a_database_that_is_not_empty(populated_site, tmp_path):
    backup = tmp_path / "site.tar.gz"
    call_command("backup", output=str(backup), verbosity=0)
    WorkshopFactory(title="Added after the backup")
    before = snapshot()

    with pytest.raises(CommandError, match="The database is not empty"):
        call_command("restore", str(backup), verbosity=0)

    assert snapshot() == before


def test_restore_with_force_replaces_what_the_database_holds(populated_site, tmp_path):
    backup = tmp_path / "site.tar.gz"
    call_command("backup", output=str(backup), verbosity=0)
    before = snapshot()
    WorkshopFactory(title="Added after the backup")

    call_command("restore", str(backup), force=True, verbosity=0)

    assert snapshot() == before


def test_restore_refuses_a_damaged_backup(populated_site, tmp_path):
    backup = tmp_path / "site.tar.gz"
    call_command("backup", output=str(backup), verbosity=0)
    damaged = tmp_path / "damaged.tar.gz"
    with tarfile.open(backup) as source, tarfile.open(damaged, "w:gz") as target:
        for member in source.getmembers():
            content = source.extractfile(member).read()
            if member.name.startswith("media/"):
                content = content + b"!"
                member.size = len(content)
            target.addfile(member, io.BytesIO(content))
    _empty_everything(None)

    with pytest.raises(CommandError, match="is damaged"):
        call_command("restore", str(damaged), verbosity=0)


def test_backup_is_one_moment_while_staff_keep_editing(populated_site, tmp_path, monkeypatch):
    """A workshop saved by another connection after the rows were dumped is in neither the
    backup's data nor its counts, and the backup restores without complaint."""
    if connection.vendor != "postgresql":
        pytest.skip("SQLite has one writer at a time: nobody can save during the dump")
    dump_rows = backups.dump_rows

    def dump_then_staff_save(data_file, using):
        dump_rows(data_file, using)

        def save_a_workshop():
            try:
                WorkshopFactory(title="Saved during the backup")
            finally:
                connection.close()

        staff = threading.Thread(target=save_a_workshop)
        staff.start()
        staff.join()

    monkeypatch.setattr(backups, "dump_rows", dump_then_staff_save)
    before = snapshot()
    backup = tmp_path / "site.tar.gz"

    manifest = backups.write_backup(backup)

    assert manifest["rows"]["workshops.Workshop"] == len(before[0]["workshops.Workshop"])
    assert snapshot() != before
    call_command("restore", str(backup), force=True, verbosity=0)
    assert snapshot() == before


def test_backup_streams_a_large_upload_with_its_checksum(populated_site, tmp_path):
    content = bytes(range(256)) * 40_000  # 10 MB, read in chunks, never whole
    document = DocumentFactory(url="", file=SimpleUploadedFile("recording.pdf", content))
    backup = tmp_path / "site.tar.gz"

    manifest = backups.write_backup(backup)

    name = document.file.name
    with tarfile.open(backup) as archive:
        assert archive.extractfile(f"media/{name}").read() == content
    assert manifest["files"][name] == hashlib.sha256(content).hexdigest()
