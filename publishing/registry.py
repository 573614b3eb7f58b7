"""Which models hold public content, for what must follow every change to it (the page
cache in core/infrastructure/cache.py). Named, not imported: publishing sits below the
content apps and imports none of them; it asks the app registry once they are loaded."""

from django.apps import apps

from publishing.models import Publishable
from publishing.roles import CONTENT_MODELS

# The apps whose rows appear on public pages.
CONTENT_APPS = tuple(CONTENT_MODELS)


def content_models():
    """Every model of the content apps: through tables and history tables included."""
    return [
        model
        for label in CONTENT_APPS
        for model in apps.get_app_config(label).get_models(include_auto_created=True)
    ]


def publishable_models():
    """The concrete publishable models: what has a publish-at time that may come due.
    Not their history tables, whose old rows are no one's public content."""
    return [
        model
        for model in apps.get_models()
        if issubclass(model, Publishable) and not model._meta.abstract
    ]
