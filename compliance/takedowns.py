"""Authorities' takedown requests (Law on E-Commerce 122/2025/QH15; Decree 52/2013/NĐ-CP
Article 36 as amended by Decree 85/2021/NĐ-CP): the named listings are hidden the
moment the request is recorded, with its reason shown to the farmer; the clock runs
from its receipt; each seller named collects a violation, and repeated ones suspend."""

import re
from datetime import timedelta
from urllib.parse import urlsplit

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.log_actions import log

from catalog import services as catalog_services
from catalog.models import Product
from marketplace import jurisdiction
from producers import permissions as producer_permissions
from producers import services as producer_services
from producers.models import Producer, VerificationStatus
from producers.notifications import in_vietnamese

from .models import LegalDeadlines, Takedown, Violation, ViolationKind

PERMISSION = "compliance.add_takedown"


def can_record(user):
    return (
        user.is_authenticated
        and user.has_perm(PERMISSION)
        and catalog_services.can_moderate(user)
        and producer_permissions.can_moderate(user)
    )


def _slug(line):
    path = urlsplit(line.strip()).path if "/" in line else line.strip()
    parts = [part for part in path.split("/") if part]
    return parts[-1] if parts else ""


def named(text, model, what, user):
    """The objects a pasted list names (addresses or slugs, one a line) in the official's
    areas, or a ValidationError naming every line that matches none."""
    slugs = [_slug(line) for line in re.split(r"[\r\n]+", text or "") if line.strip()]
    rows = jurisdiction.limit(user, model.objects.filter(slug__in=slugs))
    found = {item.slug: item for item in rows}
    unknown = [slug for slug in slugs if slug not in found]
    if unknown:
        raise ValidationError(
            _("No %(what)s in your area at: %(names)s. Copy the address from the page.")
            % {"what": what, "names": ", ".join(unknown[:5])}
        )
    return list(dict.fromkeys(found[slug] for slug in slugs))


@in_vietnamese
@transaction.atomic
def record(official, *, agency, document_number, document_date, reason, products=(),
           producers=(), received_at=None):  # fmt: skip
    if not can_record(official):
        raise PermissionDenied
    now = timezone.now()
    received_at = received_at or now
    if received_at > now + timedelta(minutes=5):
        raise ValidationError({"received_at": [_("A request cannot be received in the future.")]})
    if document_date > timezone.localdate():
        raise ValidationError({"document_date": [_("The document cannot be dated in the future.")]})
    if not products and not producers:
        raise ValidationError(_("Name at least one listing or seller."))
    takedown = Takedown(
        agency=agency,
        document_number=document_number,
        document_date=document_date,
        reason=reason,
        received_at=received_at,
        recorded_by=official,
    )
    takedown.set_deadline(LegalDeadlines.load().takedown_hours)
    takedown.save()
    takedown.products.set(products)
    takedown.producers.set(producers)
    shown = _("At the request of %(agency)s (document %(number)s of %(date)s): %(reason)s") % {
        "agency": agency,
        "number": document_number,
        "date": document_date.strftime("%d/%m/%Y"),
        "reason": reason,
    }
    for product in products:
        if not product.is_hidden:
            catalog_services.hide_product(product, official, shown)
    for producer in producers:
        if producer.status == VerificationStatus.VERIFIED:
            producer_services.suspend(producer, official, shown)
    takedown.done_at = timezone.now()
    takedown.save(update_fields=["done_at"])
    log(takedown, "compliance.takedown_recorded", user=official,
        data={"products": [p.pk for p in products], "producers": [p.pk for p in producers]})  # fmt: skip
    offenders = {product.producer for product in products} | set(producers)
    for producer in sorted(offenders, key=lambda p: p.pk):
        _count_violation(producer, takedown, official, shown)
    return takedown


def _count_violation(producer, takedown, official, reason):
    Violation.objects.create(
        producer=producer, takedown=takedown, kind=ViolationKind.WARNING,
        reason=reason[:500], decided_by=official,
    )  # fmt: skip
    limit = LegalDeadlines.load().warnings_before_suspension
    year_ago = timezone.now() - timedelta(days=365)
    count = producer.violations.filter(kind=ViolationKind.WARNING, decided_at__gte=year_ago).count()
    producer.refresh_from_db(fields=["status"])
    if limit and count >= limit and producer.status == VerificationStatus.VERIFIED:
        why = _("%(count)s violations in 12 months. Last: %(reason)s") % {
            "count": count,
            "reason": reason,
        }
        producer_services.suspend(producer, official, why[:500])
        Violation.objects.create(
            producer=producer, takedown=takedown, kind=ViolationKind.SUSPENSION,
            reason=why[:500], decided_by=official,
        )  # fmt: skip
        log(producer, "compliance.seller_suspended", user=official, data={"violations": count})


@in_vietnamese
@transaction.atomic
def lift(takedown, official, reason):
    """The authority withdrew its request: the listings return (suspended sellers are
    reinstated by officials through the verification queue, as always)."""
    if not can_record(official):
        raise PermissionDenied
    takedown = Takedown.objects.select_for_update().get(pk=takedown.pk)
    if takedown.lifted_at:
        raise ValidationError(_("This request is already lifted."))
    takedown.lifted_at, takedown.lift_reason = timezone.now(), reason[:500]
    takedown.save(update_fields=["lifted_at", "lift_reason"])
    for product in takedown.products.filter(is_hidden=True):
        if not product.takedowns.filter(lifted_at=None).exists():
            catalog_services.restore_product(product, official)
    log(takedown, "compliance.takedown_lifted", user=official, data={"reason": reason[:500]})
    return takedown


def open_clocks(now=None):
    """The requests of the last 7 days and any not carried out, for the admin home."""
    now = now or timezone.now()
    return Takedown.objects.filter(lifted_at=None).filter(
        received_at__gte=now - timedelta(days=7)
    ) | Takedown.objects.filter(done_at=None)


def find_products(text, user):
    return named(text, Product, _("listing"), user)


def find_producers(text, user):
    return named(text, Producer, _("seller"), user)
