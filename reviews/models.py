"""Reviews by buyers who received the goods: one per order line, with stars, words and up
to three photos; the producer answers once, officials hide what breaks the rules."""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.contrib.settings.models import BaseGenericSetting, register_setting

MAX_PHOTOS = 3
MAX_TEXT = 2000


@register_setting(icon="pick")
class ReviewRules(BaseGenericSetting):
    """The review window of the operating regulations, kept as data."""

    window_days = models.PositiveSmallIntegerField(
        _("days after delivery a buyer may review"),
        default=30,
        validators=[MinValueValidator(1), MaxValueValidator(365)],
        help_text=_("Counted from the day the part was delivered."),
    )

    class Meta:
        verbose_name = _("review rules")


class Review(models.Model):
    wagtail_reference_index_ignore = True

    # One review per line: the database refuses a second one.
    line = models.OneToOneField(
        "orders.OrderLine", verbose_name=_("order line"), on_delete=models.PROTECT,
        related_name="review",
    )  # fmt: skip
    product = models.ForeignKey(
        "catalog.Product", verbose_name=_("product"), on_delete=models.CASCADE,
        related_name="reviews",
    )  # fmt: skip
    producer = models.ForeignKey(
        "producers.Producer", verbose_name=_("producer"), on_delete=models.CASCADE,
        related_name="reviews",
    )  # fmt: skip
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
        related_name="+",
    )  # fmt: skip
    author_name = models.CharField(_("shown as"), max_length=60)
    stars = models.PositiveSmallIntegerField(_("stars"))
    text = models.TextField(_("review"), max_length=MAX_TEXT, blank=True)
    created_at = models.DateTimeField(_("written at"), default=timezone.now)
    answer = models.TextField(_("producer's answer"), max_length=MAX_TEXT, blank=True)
    answered_at = models.DateTimeField(_("answered at"), null=True, blank=True)
    hidden_at = models.DateTimeField(_("hidden at"), null=True, blank=True)
    hidden_reason = models.TextField(_("why it is hidden"), blank=True)
    hidden_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
        related_name="+",
    )  # fmt: skip

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("review")
        verbose_name_plural = _("reviews")
        permissions = [("moderate_review", _("Can hide and show reviews"))]
        constraints = [
            models.CheckConstraint(
                condition=Q(stars__gte=1, stars__lte=5),
                name="review_stars_1_to_5",
                violation_error_message=_("Choose 1 to 5 stars."),
            )
        ]
        indexes = [models.Index(fields=["product", "hidden_at", "-created_at"])]

    def __str__(self):
        return f"{self.product} · {self.stars}★ · {self.author_name}"

    @property
    def is_hidden(self):
        return self.hidden_at is not None


class ReviewPhoto(models.Model):
    review = models.ForeignKey(Review, on_delete=models.CASCADE, related_name="photos")
    image = models.FileField(upload_to="reviews/")

    def __str__(self):
        return self.image.name


class ReportReason(models.TextChoices):
    FALSE = "false", _("Not true, or not about this product")
    OFFENSIVE = "offensive", _("Offensive or hateful")
    PERSONAL = "personal", _("Shows someone's personal data")
    SPAM = "spam", _("Advertising or spam")


class ReviewReport(models.Model):
    review = models.ForeignKey(Review, on_delete=models.CASCADE, related_name="reports")
    reason = models.CharField(_("reason"), max_length=20, choices=ReportReason.choices)
    details = models.TextField(_("details"), max_length=1000, blank=True)
    reported_at = models.DateTimeField(default=timezone.now)
    reporter = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
        related_name="+",
    )  # fmt: skip
    handled_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["reported_at", "pk"]
        verbose_name = _("review report")
        verbose_name_plural = _("review reports")

    def __str__(self):
        return f"{self.review_id} · {self.get_reason_display()}"
