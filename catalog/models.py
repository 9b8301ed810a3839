"""Product listings: what producers sell, in which category, at what price."""

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.html import strip_tags
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from treebeard.mp_tree import MP_Node
from wagtail.models import Orderable

from marketplace import validation
from marketplace.money import MAX_VND, VndField
from marketplace.text import fold, localized_name

from .querysets import ProductQuerySet

MAX_PHOTOS = 8
LISTED_ONLY = models.Q(is_listed=True)
LISTING_FIELDS = ("is_listed", "listing_state")


class Category(MP_Node):
    name = models.CharField(_("name"), max_length=100)
    name_en = models.CharField(
        _("name in English"), max_length=100, blank=True, help_text=_("Blank: the Vietnamese name.")
    )
    slug = models.SlugField(_("slug"), max_length=120, unique=True)

    class Meta:
        verbose_name = _("category")
        verbose_name_plural = _("categories")

    def __str__(self):
        return self.label

    @property
    def label(self):
        """The name in the visitor's language; the Vietnamese name when there is no other."""
        return localized_name(self.name, self.name_en)

    @classmethod
    def labels(cls, key="slug"):
        """Every category's label in the active language, by `key`."""
        return {
            str(k): localized_name(name, name_en)
            for k, name, name_en in cls.objects.values_list(key, "name", "name_en")
        }

    def get_absolute_url(self):
        from django.urls import reverse

        return reverse("catalog:category", kwargs={"slug": self.slug})


class Unit(models.TextChoices):
    KILOGRAM = "kg", "kg"
    FRUIT = "qua", _("fruit (quả/trái)")
    BUNCH = "bo", _("bunch (bó)")
    BOX = "hop", _("box (hộp)")
    CRATE = "thung", _("crate (thùng)")
    BOTTLE = "chai", _("bottle (chai)")
    BAG = "tui", _("bag (túi)")
    HEAD = "con", _("head (con)")

    @classmethod
    def weight_units(cls):
        return {cls.KILOGRAM}


class ProductStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    ACTIVE = "active", _("On sale")
    SOLD_OUT = "sold_out", _("Sold out")
    DELISTED = "delisted", _("Delisted")


class ProductCertification(models.TextChoices):
    VIETGAP = "vietgap", "VietGAP"
    GLOBALGAP = "globalgap", "GlobalGAP"
    ORGANIC = "organic", _("Organic")


class Product(ClusterableModel):
    producer = models.ForeignKey(
        "producers.Producer",
        verbose_name=_("producer"),
        on_delete=models.CASCADE,
        related_name="products",
    )
    name = models.CharField(_("name"), max_length=150)
    slug = models.SlugField(_("slug"), max_length=170, unique=True)
    description = models.TextField(
        _("description"),
        blank=True,
        help_text=_("How it is grown, its taste, how to keep it. Bold and lists are kept."),
    )
    category = models.ForeignKey(
        Category, verbose_name=_("category"), on_delete=models.PROTECT, related_name="products"
    )
    price_vnd = VndField(_("price (đồng)"))
    unit = models.CharField(_("unit"), max_length=10, choices=Unit.choices, default=Unit.KILOGRAM)
    quantity_step = models.DecimalField(
        _("sold in steps of"),
        max_digits=8,
        decimal_places=2,
        default=Decimal("1"),
        validators=[MinValueValidator(Decimal("0.1"))],
        help_text=_("e.g. 0.5 for half kilograms"),
    )
    min_order_quantity = models.DecimalField(
        _("minimum order"),
        max_digits=10,
        decimal_places=2,
        default=Decimal("1"),
        validators=[MinValueValidator(Decimal("0.01"))],
    )
    stock_quantity = models.DecimalField(
        _("stock"),
        max_digits=12,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal("0"))],
        help_text=_("Leave empty to not count stock"),
    )
    # Bit n set = harvested in month n: "in season now" is one indexed filter on any database.
    harvest_month_mask = models.PositiveSmallIntegerField(_("harvest months"), default=0)
    origin_commune = models.ForeignKey(
        "areas.Commune",
        verbose_name=_("origin commune"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="products",
    )
    certifications = models.JSONField(_("certifications"), default=list, blank=True)
    ocop_stars = models.PositiveSmallIntegerField(
        _("OCOP stars"), null=True, blank=True, choices=[(3, "3★"), (4, "4★"), (5, "5★")]
    )
    harvested_on = models.DateField(
        _("harvest date"), null=True, blank=True, validators=[validation.harvest_date]
    )
    featured = models.BooleanField(_("featured"), default=False)

    status = models.CharField(
        _("status"),
        max_length=20,
        choices=ProductStatus.choices,
        default=ProductStatus.DRAFT,
        db_index=True,
    )
    # Moderation hides a listing without touching the farmer's own status.
    is_hidden = models.BooleanField(_("hidden by moderation"), default=False)
    hidden_reason = models.CharField(_("reason for hiding"), max_length=500, blank=True)
    # Folded text (no diacritics) for the database search fallback: everything it matches,
    # and the product's own name and category, which rank above its producer's name.
    search_text = models.TextField(editable=False, default="")
    search_name = models.CharField(max_length=400, editable=False, default="")
    # Kept by catalog.listing.refresh_listing(): on sale or sold out, not hidden, producer verified.
    is_listed = models.BooleanField(_("listed"), default=False, editable=False)
    # The same, with sold out told apart: "unlisted", "in_stock" or "sold_out" (reports.ListingState).
    listing_state = models.CharField(max_length=10, default="unlisted", editable=False)
    listed_at = models.DateTimeField(_("listed at"), null=True, blank=True)
    delisted_at = models.DateTimeField(_("delisted at"), null=True, blank=True)
    created_at = models.DateTimeField(_("created at"), default=timezone.now)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)
    # Buyers' reviews shown (the reviews app keeps them), for sorting by rating.
    rating_average = models.DecimalField(max_digits=3, decimal_places=2, null=True, blank=True)
    rating_count = models.PositiveIntegerField(default=0)

    objects = ProductQuerySet.as_manager()

    class Meta:
        ordering = ["-listed_at", "-pk"]
        verbose_name = _("product")
        verbose_name_plural = _("products")
        permissions = [("moderate_product", _("Can hide and restore listings"))]
        constraints = [
            models.CheckConstraint(condition=models.Q(price_vnd__gt=0), name="price_positive"),
            models.CheckConstraint(
                condition=models.Q(price_vnd__lte=MAX_VND), name="price_at_most_max"
            ),
            models.CheckConstraint(
                condition=models.Q(stock_quantity__gte=0) | models.Q(stock_quantity=None),
                name="stock_not_negative",
            ),
            models.CheckConstraint(
                condition=models.Q(min_order_quantity__gt=0), name="min_order_positive"
            ),
            models.CheckConstraint(
                condition=models.Q(quantity_step__gt=0), name="quantity_step_positive"
            ),
        ]
        # Partial indexes: listing pages only ever read listed products, newest first.
        indexes = [
            models.Index(
                fields=["-listed_at", "-id"], condition=LISTED_ONLY, name="product_listed_idx"
            ),
            models.Index(
                fields=["category", "-listed_at"],
                condition=LISTED_ONLY,
                name="product_listed_category_idx",
            ),
            models.Index(
                fields=["origin_commune", "-listed_at"],
                condition=LISTED_ONLY,
                name="product_listed_commune_idx",
            ),
            # Officials' OCOP coverage counts the few products that carry stars.
            models.Index(
                fields=["ocop_stars"],
                condition=models.Q(ocop_stars__isnull=False),
                name="product_ocop_idx",
            ),
        ]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        self.search_text = self.build_search_text()
        self.search_name = self.build_search_name()
        if kwargs.get("update_fields") is not None:
            kwargs["update_fields"] = {*kwargs["update_fields"], "search_text", "search_name"}
        elif self.pk is not None and not self._state.adding:
            # The listing state is written only by catalog.listing.refresh_listing(): a
            # save of an instance read earlier must not put back an old state.
            kwargs["update_fields"] = [
                field.name
                for field in self._meta.concrete_fields
                if not field.primary_key and field.name not in LISTING_FIELDS
            ]
        super().save(*args, **kwargs)

    def step_error(self, quantity):
        """The minimum order and the steps of quantity_step, stock aside (a harvest's
        pre-order checks these too), or None."""
        from marketplace.formatting import format_quantity

        unit = self.get_unit_display()
        if quantity < self.min_order_quantity:
            return _("The minimum order of “%(name)s” is %(minimum)s %(unit)s.") % {
                "name": self.name,
                "minimum": format_quantity(self.min_order_quantity),
                "unit": unit,
            }
        if quantity % self.quantity_step:
            return _("“%(name)s” is sold in steps of %(step)s %(unit)s.") % {
                "name": self.name,
                "step": format_quantity(self.quantity_step),
                "unit": unit,
            }
        return None

    def quantity_error(self, quantity):
        """Why a buyer cannot order this quantity (a message), or None: the minimum order,
        steps of quantity_step (1.5 kg with steps of 0.5, not 1.3), and what is in stock."""
        from marketplace.formatting import format_quantity

        problem = self.step_error(quantity)
        if problem:
            return problem
        unit = self.get_unit_display()
        if self.stock_quantity is not None and quantity > self.stock_quantity:
            return _("Only %(left)s %(unit)s of “%(name)s” are left.") % {
                "name": self.name,
                "left": format_quantity(self.stock_quantity),
                "unit": unit,
            }
        return None

    def clean(self):
        """A product claims only what its producer holds: approved, unexpired certificates
        (these feed the officials' OCOP figures and the printed labels)."""
        super().clean()
        if not self.producer_id:
            return
        kinds, stars = self.producer.held_certificates()
        errors = {}
        unheld = [kind for kind in self.certifications or [] if kind not in kinds]
        if unheld:
            errors["certifications"] = _(
                "The producer has no approved, valid certificate for: %(names)s. Add it to "
                "the profile; an official checks it."
            ) % {"names": ", ".join(ProductCertification(kind).label for kind in unheld)}
        if self.ocop_stars and (stars or 0) < self.ocop_stars:
            errors["ocop_stars"] = _(
                "OCOP %(stars)s★ needs the producer's approved OCOP certificate of at least "
                "that many stars."
            ) % {"stars": self.ocop_stars}
        if errors:
            raise ValidationError(errors)

    def build_search_text(self):
        parts = [
            self.name,
            self.category.name,
            self.producer.display_name,
            *self.search_labels(),
            strip_tags(self.description),
        ]
        return fold(" ".join(parts))

    def build_search_name(self):
        return fold(f"{self.name} {self.category.name}")[:400]

    def search_labels(self):
        """Certificate words buyers type ("khóm ocop", "xoài vietgap")."""
        return [*self.certifications, *(["ocop"] if self.ocop_stars else [])]

    def get_absolute_url(self):
        from django.urls import reverse

        return reverse("catalog:product", kwargs={"slug": self.slug})

    @property
    def is_public(self):
        return self.is_listed

    @property
    def is_sold_by_weight(self):
        return self.unit in Unit.weight_units()

    @property
    def cover(self):
        photos = getattr(self, "_prefetched_objects_cache", {}).get("photos")
        if photos is not None:
            return photos[0] if photos else None
        return self.photos.first()

    @property
    def harvest_months(self):
        return [month for month in range(1, 13) if self.harvest_month_mask & (1 << month)]

    @harvest_months.setter
    def harvest_months(self, months):
        self.harvest_month_mask = sum(1 << int(month) for month in set(months or ()))

    def in_season(self, month):
        return bool(self.harvest_month_mask & (1 << month))


class ProductPhoto(Orderable):
    product = ParentalKey(Product, on_delete=models.CASCADE, related_name="photos")
    image = models.ForeignKey(
        "wagtailimages.Image", verbose_name=_("photo"), on_delete=models.CASCADE, related_name="+"
    )

    class Meta(Orderable.Meta):
        verbose_name = _("product photo")
        verbose_name_plural = _("product photos")


class ReportReason(models.TextChoices):
    WRONG_INFO = "wrong_info", _("Wrong price or information")
    QUALITY = "quality", _("Poor quality or not as described")
    FAKE_CERTIFICATE = "fake_certificate", _("Certification looks false")
    PROHIBITED = "prohibited", _("Prohibited or unsafe product")
    OTHER = "other", _("Other")


class ListingReport(models.Model):
    """A buyer's report on a listing, for officials to review."""

    product = models.ForeignKey(Product, on_delete=models.CASCADE, related_name="reports")
    reporter = models.ForeignKey(
        "accounts.User", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    reason = models.CharField(_("reason"), max_length=30, choices=ReportReason.choices)
    details = models.TextField(_("details"), blank=True)
    created_at = models.DateTimeField(_("reported at"), default=timezone.now)
    resolved_at = models.DateTimeField(_("resolved at"), null=True, blank=True)
    resolved_by = models.ForeignKey(
        "accounts.User", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("listing report")
        verbose_name_plural = _("listing reports")

    def __str__(self):
        return f"{self.product}: {self.get_reason_display()}"
