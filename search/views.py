from django.core.paginator import Paginator
from django.shortcuts import render
from wagtail.models import Page

RESULTS_PER_PAGE = 10


def search(request):
    query = request.GET.get("q", "").strip()
    results = (
        Page.objects.live().public().specific().search(query) if query else Page.objects.none()
    )
    return render(
        request,
        "search/search.html",
        {
            "query": query,
            "results_page": Paginator(results, RESULTS_PER_PAGE).get_page(request.GET.get("page")),
        },
    )
