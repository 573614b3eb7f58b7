from django.apps import AppConfig


class PublishingConfig(AppConfig):
    """What "public" means and who may make it so: an abstract model, its queryset, the
    rules as functions, the editorial roles, and the one table of its own, the Editors'
    proposals that Publishers decide on."""

    name = "publishing"

    def ready(self):
        # Every app's models are loaded by now. The page cache watches every content model
        # (through and history tables too) and knows which ones come due at a time.
        from core.infrastructure import cache
        from publishing.registry import content_models, publishable_models

        scheduled = publishable_models()
        for model in [*content_models(), *scheduled]:
            cache.watch(model, scheduled=model in scheduled)
