from django.shortcuts import get_object_or_404, render

from organizations import selectors


def organization_list(request):
    page = selectors.organization_list_page(request.user, request.GET.get("page"))
    context = {"page": page, "organizations": page.object_list, "nav": "organizations"}
    return render(request, "organizations/list.html", context)


def organization_detail(request, slug):
    organization = get_object_or_404(selectors.organizations_for_reader(request.user), slug=slug)
    context = selectors.organization_page(organization, request.user) | {"nav": "organizations"}
    return render(request, "organizations/detail.html", context)
