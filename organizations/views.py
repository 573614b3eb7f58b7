from django.shortcuts import get_object_or_404, render

from organizations import selectors


def organization_list(request):
    organizations = selectors.organizations_for_reader(request.user)
    return render(
        request, "organizations/list.html", {"organizations": organizations, "nav": "organizations"}
    )


def organization_detail(request, slug):
    organization = get_object_or_404(selectors.organizations_for_reader(request.user), slug=slug)
    context = selectors.organization_page(organization, request.user) | {"nav": "organizations"}
    return render(request, "organizations/detail.html", context)
