"""Business rules for listings. Every status change goes through change_status(),
in one transaction: the one place later features (search indexing, the
officials' listing log) hook into."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from marketplace import photos
from marketplace.text import vietnamese_slug
from marketplace.transitions import lock_for_transition
from marketplace.validation import require_reason
from producers import permissions as producer_permissions
from producers.notifications import in_vietnamese, notify_producer
from producers.services import record_activity

from . import caching, stock
from .listing import after_change
from .models import MAX_PHOTOS, ListingReport, Product, ProductPhoto, ProductStatus

ALLOWED_TRANSITIONS = {
    ProductStatus.DRAFT: {ProductStatus.ACTIVE},
    ProductStatus.ACTIVE: {ProductStatus.SOLD_OUT, ProductStatus.DELISTED},
    ProductStatus.SOLD_OUT: {ProductStatus.ACTIVE, ProductStatus.DELISTED},
    ProductStatus.DELISTED: {ProductStatus.ACTIVE},
}


def can_manage(user, product_or_producer):
    producer = getattr(product_or_producer, "producer", product_or_producer)
    return producer_permissions.can_edit(user, producer)


def _require_manager(user, product_or_producer):
    if not can_manage(user, product_or_producer):
        raise PermissionDenied


def _changed(product, moved=True):
    after_change(Product.objects.filter(pk=product.pk), moved=moved)
    product.refresh_from_db(fields=["is_listed", "listing_state"])


def after_admin_edit(product):
    """An official changed the product in the admin: relisted and reindexed like any change."""
    _changed(product)


def unique_slug(name, exclude_pk=None):
    base = vietnamese_slug(name)[:150] or "san-pham"
    slug, suffix = base, 2
    while Product.objects.filter(slug=slug).exclude(pk=exclude_pk).exists():
        slug, suffix = f"{base}-{suffix}", suffix + 1
    return slug


@transaction.atomic
def create_product(product, actor):
    """Save a new (unsaved) product as a draft of its producer."""
    producer = product.producer
    _require_manager(actor, producer)
    product.status = ProductStatus.DRAFT
    if product.origin_commune_id is None:
        product.origin_commune_id = producer.commune_id
    product.slug = unique_slug(product.name)
    product.full_clean()
    product.save()
    _changed(product)
    record_activity(producer, actor, f"product_created:{product.pk}")
    return product


@transaction.atomic
def save_product(product, actor):
    """Save edits made through a form to an existing product."""
    _require_manager(actor, product)
    caching.purge_lists_of([product.pk])  # the lists it was in, should the edit move it
    product.save()
    _changed(product)
    record_activity(product.producer, actor, f"product_edited:{product.pk}")
    return product


@transaction.atomic
def quick_update(product, actor, *, price_vnd=None, stock_quantity=None, clear_stock=False):
    _require_manager(actor, product)
    if stock.kept_elsewhere(product) and (
        clear_stock or (stock_quantity is not None and stock_quantity != product.stock_quantity)
    ):
        raise ValidationError(stock.KEPT_ELSEWHERE)
    if price_vnd is not None:
        product.price_vnd = price_vnd
    if clear_stock:
        product.stock_quantity = None
    elif stock_quantity is not None:
        product.stock_quantity = stock_quantity
    # Only what changed is checked: a lapsed certificate behind a claim is settled in the
    # full edit form, and must not stop a farmer changing a price.
    changed = {"price_vnd", "stock_quantity"}
    product.clean_fields(exclude=[f.name for f in product._meta.fields if f.name not in changed])
    product.save(update_fields=["price_vnd", "stock_quantity", "updated_at"])
    _changed(product, moved=False)
    record_activity(product.producer, actor, f"product_quick_update:{product.pk}")
    return product


@transaction.atomic
def change_status(product, to_status, actor):
    """The farmer's moves: publish, sold out, back in stock, delist, relist."""
    _require_manager(actor, product)
    current = lock_for_transition(product, to_status, ALLOWED_TRANSITIONS, ProductStatus)
    if to_status == ProductStatus.ACTIVE and not current.photos.exists():
        raise ValidationError(
            _("Add at least one photo before putting the product on sale."), code="no_photo"
        )
    now = timezone.now()
    if to_status == ProductStatus.ACTIVE and current.status in (
        ProductStatus.DRAFT,
        ProductStatus.DELISTED,
    ):
        product.listed_at = now
        product.delisted_at = None
    if to_status == ProductStatus.DELISTED:
        product.delisted_at = now
    product.status = to_status
    product.save(update_fields=["status", "listed_at", "delisted_at", "updated_at"])
    _changed(product)
    record_activity(product.producer, actor, f"product_{to_status}:{product.pk}")
    return product


@transaction.atomic
def duplicate_product(product, actor):
    """A draft copy, with the same photos, for a similar product (another size, grade...)."""
    _require_manager(actor, product)
    copy = Product.objects.get(pk=product.pk)
    copy.pk = None
    copy._state.adding = True
    copy.is_listed, copy.listing_state = False, "unlisted"
    copy.name = _("%(name)s (copy)") % {"name": product.name}
    copy.slug = unique_slug(copy.name)
    copy.status = ProductStatus.DRAFT
    copy.listed_at = copy.delisted_at = None
    copy.is_hidden, copy.hidden_reason, copy.featured = False, "", False
    copy.created_at = timezone.now()
    copy.save()
    ProductPhoto.objects.bulk_create(
        ProductPhoto(product=copy, image_id=photo.image_id, sort_order=photo.sort_order)
        for photo in product.photos.all()
    )
    record_activity(product.producer, actor, f"product_duplicated:{product.pk}")
    return copy


@transaction.atomic
def add_photos(product, actor, uploads):
    """Store new photos after the existing ones; all or none are saved."""
    _require_manager(actor, product)
    count = product.photos.count()
    if count + len(uploads) > MAX_PHOTOS:
        raise ValidationError(
            _("A product has at most %(max)s photos; it has %(count)s.")
            % {"max": MAX_PHOTOS, "count": count},
            code="too_many_photos",
        )
    for position, upload in enumerate(uploads, start=count):
        image = photos.store_photo(upload, title=product.name)
        ProductPhoto.objects.create(product=product, image=image, sort_order=position)
    _changed(product, moved=False)


@transaction.atomic
def arrange_photos(product, actor, ordered_ids, removed_ids=()):
    """Reorder (the first is the cover) and remove photos."""
    _require_manager(actor, product)
    product.photos.filter(pk__in=removed_ids).delete()
    position = {photo_id: index for index, photo_id in enumerate(ordered_ids)}
    kept = list(product.photos.all())
    for photo in kept:
        photo.sort_order = position.get(photo.pk, len(position) + photo.sort_order)
    ProductPhoto.objects.bulk_update(kept, ["sort_order"])
    _changed(product, moved=False)
    if not kept and product.status == ProductStatus.ACTIVE:
        raise ValidationError(_("A product on sale keeps at least one photo."), code="no_photo")


def report_listing(product, reporter, reason, details=""):
    return ListingReport.objects.create(
        product=product,
        reporter=reporter if reporter and reporter.is_authenticated else None,
        reason=reason,
        details=details,
    )


def can_moderate(user):
    return user.is_authenticated and user.has_perm("catalog.moderate_product")


@in_vietnamese
@transaction.atomic
def hide_product(product, official, reason):
    if not can_moderate(official):
        raise PermissionDenied
    reason = require_reason(reason)
    product.is_hidden = True
    product.hidden_reason = reason
    product.save(update_fields=["is_hidden", "hidden_reason", "updated_at"])
    _changed(product)
    product.reports.filter(resolved_at__isnull=True).update(
        resolved_at=timezone.now(), resolved_by=official
    )
    notify_producer(
        product.producer,
        _("A listing was hidden"),
        _("“%(name)s” was hidden from buyers. Reason: %(reason)s.")
        % {"name": product.name, "reason": reason},
    )


@in_vietnamese
@transaction.atomic
def restore_product(product, official, reason=""):
    if not can_moderate(official):
        raise PermissionDenied
    product.is_hidden = False
    product.hidden_reason = ""
    product.save(update_fields=["is_hidden", "hidden_reason", "updated_at"])
    _changed(product)
    notify_producer(
        product.producer,
        _("A listing is visible again"),
        _("“%(name)s” is visible to buyers again.") % {"name": product.name},
    )


def set_rating(product_id, average, count):
    """The average and number of a product's shown reviews (from the reviews app), which
    search sorts by."""
    products = Product.objects.filter(pk=product_id)
    products.update(rating_average=average, rating_count=count)
    after_change(products, moved=False)
