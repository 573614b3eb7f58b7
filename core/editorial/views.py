from django.shortcuts import render
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from core.text.markup import render_markdown


@require_POST
def markdown_preview(request):
    """Renders the Markdown field named by the Preview button, from the unsaved form.

    Served by the admin (`MarkdownHelpMixin.get_urls`), so only staff reach it.
    Saves nothing. The HTML is sanitised by `render_markdown`, as on the public pages.
    """
    field = request.POST.get("_markdown_preview", "")
    html = render_markdown(request.POST.get(field, ""))
    return render(
        request,
        "admin/markdown_preview.html",
        # mark_safe is sound: render_markdown's output went through the nh3 allow-list.
        {"title": _("Preview"), "html": mark_safe(html)},
    )
