from django.shortcuts import render

from search import selectors
from search.forms import SearchForm


def search(request):
    form = SearchForm(request.GET)
    context = {"form": form, "nav": "search", "query": "", "words": [], "results": None}
    if form.is_valid():
        query = form.cleaned_data["q"]
        words = selectors.query_words(query)
        suggestion = selectors.did_you_mean(words, selectors.vocabulary()) if words else ""
        # What the page marks: the words typed and the words they were probably meant as.
        marked = words + [w for w in selectors.query_words(suggestion) if w not in words]
        context |= {"query": query, "words": marked, "suggestion": suggestion}
        kind = form.cleaned_data["kind"]
        if words and kind:
            page = selectors.search_kind(words, kind, request.GET.get("page"))
            # The same shape as search()'s, so the page renders one kind like all four.
            results = {kind: page.object_list, "total": page.paginator.count, "more": []}
            context |= {"kind": kind, "page": page, "results": results}
        elif words:
            context["results"] = selectors.search(words)
    # A bad query is the reader's typo, not a broken page: 200 with a message. Only a page
    # number that names no page of one kind's results is a 404 (core/pagination.py).
    return render(request, "search/results.html", context)
