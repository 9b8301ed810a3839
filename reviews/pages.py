"""What reviews add to public pages: the average, the count and the latest reviews on a
product's and a producer's page with their schema.org data, and on the buyer's order
page a link to review each delivered line."""

from django.db.models import Prefetch

from . import services
from .models import ReportReason, Review

LATEST = 5


def _shown(reviews):
    return (
        reviews.filter(hidden_at=None)
        .select_related("product")
        .prefetch_related(Prefetch("photos"))
        .order_by("-created_at", "-pk")
    )


def _summary(obj, reviews):
    """Read once per page: the section and the schema.org data both show it."""
    if not hasattr(obj, "_review_summary"):
        obj._review_summary = services.summary(reviews)
    return obj._review_summary


def _section(obj, reviews):
    summary = _summary(obj, reviews)
    if summary is None:
        return None
    return {
        "summary": summary,
        "reviews": list(_shown(reviews)[:LATEST]),
        "report_reasons": ReportReason.choices,
    }


def on_product_page(product):
    return _section(product, Review.objects.filter(product=product))


def on_producer_page(producer):
    section = _section(producer, Review.objects.filter(producer=producer))
    return {**section, "with_product": True} if section else None


def on_order_part(part):
    lines = list(part.lines.all())
    reviewed = set(Review.objects.filter(line__in=lines).values_list("line_id", flat=True))
    rows = [
        (line, line.pk in reviewed)
        for line in lines
        if line.pk in reviewed or services.why_not(line, part.order.buyer) is None
    ]
    return {"order": part.order, "rows": rows} if rows else None


def _structured(obj, reviews):
    summary = _summary(obj, reviews)
    if summary is None:
        return None
    return {
        "aggregateRating": {
            "@type": "AggregateRating",
            "ratingValue": summary["average"],
            "reviewCount": summary["count"],
            "bestRating": 5,
            "worstRating": 1,
        },
        "review": [
            {
                "@type": "Review",
                "author": {"@type": "Person", "name": review.author_name},
                "datePublished": review.created_at.date().isoformat(),
                "reviewRating": {
                    "@type": "Rating",
                    "ratingValue": review.stars,
                    "bestRating": 5,
                    "worstRating": 1,
                },
                **({"reviewBody": review.text} if review.text else {}),
            }  # fmt: skip
            for review in _shown(reviews)[:LATEST]
        ],
    }


def product_structured_data(product):
    return _structured(product, Review.objects.filter(product=product))


def producer_structured_data(producer):
    return _structured(producer, Review.objects.filter(producer=producer))
