import qrcode
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django_otp.plugins.otp_totp.models import TOTPDevice


class Command(BaseCommand):
    help = (
        "Enrols an authenticator app for a staff member's two-factor sign-in: prints a QR "
        "code (and the otpauth:// address it holds) to scan with the app. For the first "
        "account, before ADMIN_REQUIRE_2FA is on, or for anyone locked out of the admin."
    )

    def add_arguments(self, parser):
        parser.add_argument("username")
        parser.add_argument("--name", default="Authenticator app", help="the device's name")

    def handle(self, *args, username, name, **options):
        User = get_user_model()
        try:
            user = User.objects.get(**{User.USERNAME_FIELD: username})
        except User.DoesNotExist as error:
            raise CommandError(f"There is no user {username!r}.") from error
        if not user.is_staff:
            raise CommandError(f"{username!r} is not staff: the admin would not let them in.")
        device = TOTPDevice.objects.create(user=user, name=name, confirmed=True)
        code = qrcode.QRCode(border=2)
        code.add_data(device.config_url)
        code.print_ascii(out=self.stdout, invert=True)
        self.stdout.write(device.config_url)
        self.stdout.write(
            self.style.SUCCESS(
                f"Scan the code with an authenticator app. {username} then signs in with "
                "the six-digit code it shows. This is the only time the secret is shown."
            )
        )
