from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import render
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from core.text.markup import render_markdown
from core.text.validation import check_text


def markdown_preview_view(model_admin):
    """The preview for one ModelAdmin: staff who may add or change its model, nobody else.

    Renders the Markdown field named by the Preview button, from the unsaved form, and
    saves nothing. The text is checked as the field checks it (length, control characters)
    before any rendering, so the preview costs no more than saving would. The HTML is
    sanitised by `render_markdown`, as on the public pages."""

    @require_POST
    def markdown_preview(request):
        # The admin's own permissions for this model (core imports no app): the same
        # question its add and change pages ask.
        if not (
            model_admin.has_change_permission(request) or model_admin.has_add_permission(request)
        ):
            raise PermissionDenied
        field = request.POST.get("_markdown_preview", "")
        text = request.POST.get(field, "")
        try:
            check_text(text, multiline=True)
        except ValidationError as error:
            return render(
                request,
                "admin/markdown_preview.html",
                {"title": _("Preview"), "errors": error.messages},
                status=400,
            )
        return render(
            request,
            "admin/markdown_preview.html",
            # mark_safe is sound: render_markdown's output went through the nh3 allow-list.
            {"title": _("Preview"), "html": mark_safe(render_markdown(text))},
        )

    return markdown_preview
