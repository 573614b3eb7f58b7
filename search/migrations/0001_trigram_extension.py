"""pg_trgm for search that forgives misspellings (search/selectors.py). It does nothing on
SQLite, which has no extensions; pg_trgm is a trusted extension, so the database's owner
may create it without being a superuser (PostgreSQL 13 and later)."""

from django.contrib.postgres.operations import TrigramExtension
from django.db import migrations


class Migration(migrations.Migration):
    dependencies = []

    operations = [TrigramExtension()]
