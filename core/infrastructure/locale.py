from django.conf import settings
from django.middleware.locale import LocaleMiddleware as DjangoLocaleMiddleware
from django.utils import translation


class LocaleMiddleware(DjangoLocaleMiddleware):
    """Django's, with the language of the two kinds of address we have.

    - Public pages take their language from the path alone (i18n_patterns with English at
      the bare paths): /series/… is English whatever the browser asks for. Django still
      adds `Vary: Accept-Language` to the bare paths, which would make a CDN or proxy keep
      a copy of each English page per browser language; this takes it out.
    - The admin has one address and speaks the staff member's browser language, so an
      editor in Geneva can work in French.
    """

    def process_request(self, request):
        if self._is_admin(request):
            language = translation.get_language_from_request(request)
            translation.activate(language)
            request.LANGUAGE_CODE = translation.get_language()
            return
        super().process_request(request)

    def process_response(self, request, response):
        response = super().process_response(request, response)
        if not self._is_admin(request) and response.has_header("Vary"):
            vary = [
                value.strip()
                for value in response["Vary"].split(",")
                if value.strip() and value.strip().lower() != "accept-language"
            ]
            if vary:
                response["Vary"] = ", ".join(vary)
            else:
                del response["Vary"]
        return response

    @staticmethod
    def _is_admin(request):
        return request.path_info.startswith("/" + settings.ADMIN_URL)
