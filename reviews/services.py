"""Who may review what, and every change of a review: written by the buyer who received
the goods, answered once by the producer, hidden or shown again by an official. Each
change recounts the product's rating, which search sorts by."""

from datetime import timedelta

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Avg, Count
from django.utils import timezone
from django.utils.translation import gettext as _

from catalog import services as catalog_services
from marketplace.formatting import format_local_datetime
from marketplace.photos import strip_and_orient
from marketplace.validation import require_reason
from orders.models import OrderLine, PartStatus
from orders.services import can_manage_part
from orders.telling import tell_buyer
from producers.notifications import in_vietnamese, notify_producer

from .models import Review, ReviewPhoto, ReviewReport, ReviewRules


def can_moderate(user):
    return user.has_perm("reviews.moderate_review")


def window_closes(part):
    return part.status_changed_at + timedelta(days=ReviewRules.load().window_days)


def why_not(line, user, now=None):
    """Why `user` may not review this order line now (reached through its order's secret
    link); None when they may. An order placed signed in is reviewed only by its account."""
    part = line.part
    owner_id = part.order.buyer_id
    if owner_id is not None and getattr(user, "pk", None) != owner_id:
        return _("Sign in with the account that placed this order to review it.")
    if part.status != PartStatus.DELIVERED:
        return _("You can review a product once it has been delivered to you.")
    if Review.objects.filter(line=line).exists():
        return _("You have already reviewed this product for this order.")
    if (now or timezone.now()) > window_closes(part):
        return _("The time to review this order ended on %(date)s.") % {
            "date": format_local_datetime(window_closes(part))
        }
    return None


def shown_name(buyer_name):
    """A review shows the buyer's given name only ("Lê Thị Mai" -> "Mai")."""
    words = buyer_name.split()
    return words[-1][:60] if words else _("A buyer")


@in_vietnamese
@transaction.atomic
def write_review(line, user, *, stars, text, photos=()):
    line = (
        OrderLine.objects.select_for_update()
        .select_related("part__order", "part__producer", "product")
        .get(pk=line.pk)
    )
    refused = why_not(line, user)
    if refused:
        raise ValidationError(refused, code="not_now")
    if stars not in range(1, 6):
        raise ValidationError(_("Choose 1 to 5 stars."), code="stars")
    order = line.part.order
    try:
        with transaction.atomic():
            review = Review.objects.create(
                line=line, product=line.product, producer=line.part.producer,
                author=order.buyer, author_name=shown_name(order.buyer_name), stars=stars,
                text=text,
            )  # fmt: skip
    except IntegrityError as error:
        raise ValidationError(
            _("You have already reviewed this product for this order.")
        ) from error
    for photo in photos:
        ReviewPhoto.objects.create(review=review, image=strip_and_orient(photo))
    recount(line.product_id)
    notify_producer(
        line.part.producer,
        _("New review of %(product)s") % {"product": line.product_name},
        _("A buyer gave %(product)s %(stars)s★. You may answer it once in the portal.")
        % {"product": line.product_name, "stars": stars},
        topic=f"review-{review.pk}",
    )
    return review


def recount(product_id):
    shown = Review.objects.filter(product_id=product_id, hidden_at=None).aggregate(
        average=Avg("stars"), count=Count("pk")
    )
    average = round(shown["average"], 2) if shown["average"] is not None else None
    catalog_services.set_rating(product_id, average, shown["count"])


def summary(reviews):
    """{"average", "count"} of the shown reviews in a queryset."""
    shown = reviews.filter(hidden_at=None).aggregate(average=Avg("stars"), count=Count("pk"))
    if not shown["count"]:
        return None
    return {"average": round(shown["average"], 1), "count": shown["count"]}


@in_vietnamese
@transaction.atomic
def answer(review, actor, text):
    review = (
        Review.objects.select_for_update().select_related("line__part__order").get(pk=review.pk)
    )
    if not can_manage_part(actor, review.line.part):
        raise PermissionDenied
    if review.answered_at:
        raise ValidationError(_("This review already has your answer."), code="answered")
    if not text.strip():
        raise ValidationError(_("Write your answer."), code="empty")
    review.answer, review.answered_at = text, timezone.now()
    review.save(update_fields=["answer", "answered_at"])
    tell_buyer(
        review.line.part.order,
        _("%(producer)s answered your review of %(product)s.")
        % {"producer": review.producer.display_name, "product": review.line.product_name},
    )
    return review


def report(review, user, reason, details):
    return ReviewReport.objects.create(
        review=review,
        reason=reason,
        details=details,
        reporter=user if user.is_authenticated else None,
    )


@in_vietnamese
@transaction.atomic
def hide(review, actor, reason):
    if not can_moderate(actor):
        raise PermissionDenied
    reason = require_reason(reason)
    review = (
        Review.objects.select_for_update().select_related("line__part__order").get(pk=review.pk)
    )
    now = timezone.now()
    review.hidden_at, review.hidden_reason, review.hidden_by = now, reason, actor
    review.save(update_fields=["hidden_at", "hidden_reason", "hidden_by"])
    review.reports.filter(handled_at=None).update(handled_at=now)
    recount(review.product_id)
    tell_buyer(
        review.line.part.order,
        _("Your review of %(product)s was hidden: %(reason)s")
        % {"product": review.line.product_name, "reason": reason},
    )
    return review


@transaction.atomic
def show(review, actor):
    """Shown again, or kept shown: the reports about it are handled either way."""
    if not can_moderate(actor):
        raise PermissionDenied
    review = Review.objects.select_for_update().get(pk=review.pk)
    review.hidden_at, review.hidden_reason, review.hidden_by = None, "", None
    review.save(update_fields=["hidden_at", "hidden_reason", "hidden_by"])
    review.reports.filter(handled_at=None).update(handled_at=timezone.now())
    recount(review.product_id)
    return review
