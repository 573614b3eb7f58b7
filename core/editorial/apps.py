from django.contrib.admin.apps import AdminConfig as DjangoAdminConfig


class AdminConfig(DjangoAdminConfig):
    """django.contrib.admin with core.editorial.site.AdminSite as `admin.site`.

    In a module of its own: Django would take a second AppConfig in core/apps.py for core's.
    """

    default_site = "core.editorial.site.AdminSite"
