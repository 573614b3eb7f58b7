from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from publishing.roles import ROLES


class Command(BaseCommand):
    help = (
        "Gives a staff member an editorial role: editor (drafts) or publisher (also "
        "publishes, unpublishes, deletes, restores and imports). The user becomes staff so "
        "they can sign in to the admin; their other roles are taken away."
    )

    def add_arguments(self, parser):
        parser.add_argument("username")
        parser.add_argument("role", choices=[*ROLES, "none"])

    @transaction.atomic
    def handle(self, username, role, **options):
        user_model = get_user_model()
        try:
            user = user_model._default_manager.get_by_natural_key(username)
        except user_model.DoesNotExist:
            raise CommandError(
                f"There is no user “{username}”. Check the spelling (usernames are case "
                "sensitive), or create the account first: a superuser adds it in the admin "
                "under Administration › Users (createsuperuser would make an administrator, "
                "not an editor). Then run this command again."
            ) from None
        groups = {group.name: group for group in Group.objects.filter(name__in=ROLES.values())}
        if len(groups) != len(ROLES):
            raise CommandError("The editorial groups are missing: run `manage.py migrate`.")
        user.groups.remove(*groups.values())
        if role == "none":
            self.stdout.write(f"{username} has no editorial role now.")
            return
        user.groups.add(groups[ROLES[role]])
        if not user.is_staff:
            user.is_staff = True
            user.save(update_fields=["is_staff"])
        self.stdout.write(f"{username} is now in {ROLES[role]} and can sign in to the admin.")
