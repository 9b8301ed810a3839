"""Producers: farming households, cooperatives (HTX, hợp tác xã), cooperative
groups (THT, tổ hợp tác) and enterprises that sell on the marketplace."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.models import Orderable

from marketplace import validation
from marketplace.storage import private_storage
from marketplace.text import fold

from .querysets import ProducerQuerySet


class ProducerKind(models.TextChoices):
    HOUSEHOLD = "household", _("Farming household")
    COOPERATIVE = "cooperative", _("Cooperative (HTX)")
    COOPERATIVE_GROUP = "cooperative_group", _("Cooperative group (THT)")
    ENTERPRISE = "enterprise", _("Enterprise")


# The words buyers use for each kind ("htx xoài"), searched like the names.
KIND_SEARCH_WORDS = {
    ProducerKind.HOUSEHOLD: "hộ nông dân",
    ProducerKind.COOPERATIVE: "htx hợp tác xã",
    ProducerKind.COOPERATIVE_GROUP: "tht tổ hợp tác",
    ProducerKind.ENTERPRISE: "doanh nghiệp cơ sở",
}


class VerificationStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Waiting for verification")
    VERIFIED = "verified", _("Verified")
    REJECTED = "rejected", _("Rejected")
    SUSPENDED = "suspended", _("Suspended")


class OnboardingStep(models.IntegerChoices):
    WHO = 1, _("Who you are")
    WHERE = 2, _("Where you are")
    WHAT = 3, _("What you grow")
    CERTIFICATIONS = 4, _("Certifications")
    REVIEW = 5, _("Review and submit")


class Producer(ClusterableModel):
    kind = models.CharField(
        _("kind"), max_length=20, choices=ProducerKind.choices, default=ProducerKind.HOUSEHOLD
    )
    display_name = models.CharField(_("display name"), max_length=120)
    legal_name = models.CharField(_("legal name"), max_length=200, blank=True)
    representative = models.CharField(_("representative"), max_length=120)
    slug = models.SlugField(_("slug"), max_length=140, unique=True)
    phone = models.CharField(_("phone"), max_length=20, help_text=_("E.164, e.g. +84912345678"))
    zalo_phone = models.CharField(_("Zalo number"), max_length=20, blank=True)
    email = models.EmailField(_("e-mail"), blank=True, validators=[validation.plain_email])

    commune = models.ForeignKey(
        "areas.Commune",
        verbose_name=_("commune"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="producers",
    )
    address = models.CharField(_("address (hamlet, street)"), max_length=255, blank=True)
    latitude = models.DecimalField(
        _("latitude"), max_digits=9, decimal_places=6, null=True, blank=True
    )
    longitude = models.DecimalField(
        _("longitude"), max_digits=9, decimal_places=6, null=True, blank=True
    )

    main_products = models.CharField(_("what you grow or make"), max_length=255, blank=True)
    story = models.TextField(
        _("story"),
        blank=True,
        help_text=_(
            "Your farm in a few lines: since when, what makes it yours. Bold and lists are kept."
        ),
    )
    logo = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("logo"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    status = models.CharField(
        _("verification status"),
        max_length=20,
        choices=VerificationStatus.choices,
        default=VerificationStatus.DRAFT,
        db_index=True,
    )
    status_reason = models.CharField(_("reason"), max_length=500, blank=True)
    status_changed_at = models.DateTimeField(_("status changed at"), null=True, blank=True)
    onboarding_step = models.PositiveSmallIntegerField(
        _("onboarding step"), choices=OnboardingStep.choices, default=OnboardingStep.WHO
    )
    # The community digital-team member who registered the producer, if any.
    registered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("registered by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="registered_producers",
    )
    members = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        through="ProducerMembership",
        related_name="producers",
        verbose_name=_("members"),
    )
    created_at = models.DateTimeField(_("created at"), default=timezone.now)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)
    # Folded text for the database search fallback: names, kind, what it makes, where.
    search_text = models.TextField(editable=False, default="")
    # The folded name alone: the farm named exactly ("vuon xoai ba lan") comes first.
    search_name = models.CharField(max_length=200, editable=False, default="")

    objects = ProducerQuerySet.as_manager()

    class Meta:
        ordering = ["display_name"]
        verbose_name = _("producer")
        verbose_name_plural = _("producers")
        permissions = [("moderate_producer", _("Can verify, reject and suspend producers"))]

    def __str__(self):
        return self.display_name

    def save(self, *args, **kwargs):
        self.search_text = self.build_search_text()
        self.search_name = fold(self.display_name)
        if kwargs.get("update_fields") is not None:
            kwargs["update_fields"] = {*kwargs["update_fields"], "search_text", "search_name"}
        super().save(*args, **kwargs)

    def build_search_text(self):
        commune = self.commune
        district = commune.legacy_district if commune else None
        parts = [
            self.display_name,
            self.legal_name,
            KIND_SEARCH_WORDS[self.kind],
            self.main_products,
            commune.name if commune else "",
            district.name if district else "",
        ]
        return fold(" ".join(parts))

    def get_absolute_url(self):
        from django.urls import reverse

        return reverse("producers:detail", kwargs={"slug": self.slug})

    @property
    def map_url(self):
        """The farm on OpenStreetMap, for buyers who pick up; "" without a position."""
        if self.latitude is None or self.longitude is None:
            return ""
        lat, lon = f"{self.latitude:f}", f"{self.longitude:f}"
        return f"https://www.openstreetmap.org/?mlat={lat}&mlon={lon}#map=16/{lat}/{lon}"

    @property
    def is_public(self):
        return self.status == VerificationStatus.VERIFIED

    def held_certificates(self):
        """What its products may claim: kinds of approved, unexpired certificates, and
        the OCOP stars of its best such OCOP certificate (None without one)."""
        held = [c for c in self.certifications.all() if c.is_approved and not c.is_expired]
        kinds = {c.kind for c in held if c.kind != CertificationKind.OCOP}
        stars = [c.ocop_stars for c in held if c.kind == CertificationKind.OCOP and c.ocop_stars]
        return kinds, max(stars, default=None)

    @property
    def pending_change(self):
        return self.changes.filter(decided_at=None).first()


class MembershipRole(models.TextChoices):
    OWNER = "owner", _("Owner")
    # A community digital-team member (Tổ công nghệ số cộng đồng) who helps the producer.
    ASSISTANT = "assistant", _("Digital-team helper")


class ProducerMembership(models.Model):
    producer = models.ForeignKey(Producer, on_delete=models.CASCADE, related_name="memberships")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="producer_memberships"
    )
    role = models.CharField(_("role"), max_length=20, choices=MembershipRole.choices)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("producer member")
        verbose_name_plural = _("producer members")
        constraints = [
            models.UniqueConstraint(fields=["producer", "user"], name="unique_producer_member")
        ]

    def __str__(self):
        return f"{self.user} · {self.producer} ({self.get_role_display()})"


class CertificationKind(models.TextChoices):
    VIETGAP = "vietgap", "VietGAP"
    GLOBALGAP = "globalgap", "GlobalGAP"
    ORGANIC = "organic", _("Organic")
    # OCOP: the national "One Commune One Product" programme, rated 3 to 5 stars.
    OCOP = "ocop", "OCOP"


class Certification(Orderable):
    producer = ParentalKey(Producer, on_delete=models.CASCADE, related_name="certifications")
    kind = models.CharField(_("certification"), max_length=20, choices=CertificationKind.choices)
    ocop_stars = models.PositiveSmallIntegerField(
        _("OCOP stars"), null=True, blank=True, choices=[(3, "3★"), (4, "4★"), (5, "5★")]
    )
    number = models.CharField(_("certificate number"), max_length=100)
    issuer = models.CharField(_("issued by"), max_length=200)
    expires_on = models.DateField(_("expiry date"), validators=[validation.from_2000])
    scan = models.FileField(
        _("scanned document"), storage=private_storage, upload_to="certificates", blank=True
    )
    # Set by an official (at verification, or when approving a verified producer's
    # changes); only approved certificates are shown, counted and claimable by products.
    approved_at = models.DateTimeField(_("approved at"), null=True, blank=True)

    class Meta(Orderable.Meta):
        verbose_name = _("certification")
        verbose_name_plural = _("certifications")

    def __str__(self):
        label = self.get_kind_display()
        return f"{label} {self.ocop_stars}★" if self.ocop_stars else label

    @property
    def is_expired(self):
        return self.expires_on < timezone.localdate()

    @property
    def is_approved(self):
        return self.approved_at is not None


class ProducerPhoto(Orderable):
    producer = ParentalKey(Producer, on_delete=models.CASCADE, related_name="photos")
    image = models.ForeignKey(
        "wagtailimages.Image", verbose_name=_("photo"), on_delete=models.CASCADE, related_name="+"
    )

    class Meta(Orderable.Meta):
        verbose_name = _("farm photo")
        verbose_name_plural = _("farm photos")


class StatusChange(models.Model):
    """The verification history: every move between statuses, who made it and why."""

    producer = models.ForeignKey(Producer, on_delete=models.CASCADE, related_name="status_history")
    from_status = models.CharField(max_length=20, choices=VerificationStatus.choices)
    to_status = models.CharField(max_length=20, choices=VerificationStatus.choices)
    reason = models.CharField(_("reason"), max_length=500, blank=True)
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    changed_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-changed_at", "-pk"]
        verbose_name = _("status change")
        verbose_name_plural = _("status changes")

    def __str__(self):
        return f"{self.producer}: {self.from_status} → {self.to_status}"


class ProducerActivity(models.Model):
    """Who did what for which producer; on_behalf marks a digital-team member acting for it."""

    producer = models.ForeignKey(Producer, on_delete=models.CASCADE, related_name="activities")
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    on_behalf = models.BooleanField(default=False)
    action = models.CharField(max_length=50)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("producer activity")
        verbose_name_plural = _("producer activities")

    def __str__(self):
        return f"{self.producer}: {self.action}"


class ClaimCode(models.Model):
    """A one-time code a household uses to take over the account a digital team made for it.

    Only a hash is stored; the code itself is shown once, on the printable sheet.
    """

    producer = models.ForeignKey(Producer, on_delete=models.CASCADE, related_name="claim_codes")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="claim_codes"
    )
    code_hash = models.CharField(max_length=64, unique=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    expires_at = models.DateTimeField()
    used_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("claim code")
        verbose_name_plural = _("claim codes")

    def __str__(self):
        return f"{self.producer} ({self.created_at:%Y-%m-%d})"


class ProducerNotice(models.Model):
    """A message shown in the producer's portal (verification results, moderation)."""

    producer = models.ForeignKey(Producer, on_delete=models.CASCADE, related_name="notices")
    message = models.TextField()
    created_at = models.DateTimeField(default=timezone.now)
    read_at = models.DateTimeField(null=True, blank=True)
    # What the notice is about ("order-part:12"), so that it can be closed when it no
    # longer asks anything of the producer (an order cancelled before it was confirmed).
    topic = models.CharField(max_length=60, blank=True, db_index=True)
    closed_at = models.DateTimeField(null=True, blank=True)
    closing_note = models.CharField(max_length=200, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("notice")
        verbose_name_plural = _("notices")

    def __str__(self):
        return self.message[:60]


class ProducerChange(models.Model):
    """Identity changes a verified producer asked for, waiting for an official.

    Until approved the public page and every figure keep the verified values.
    """

    producer = models.ForeignKey(Producer, on_delete=models.CASCADE, related_name="changes")
    values = models.JSONField(_("requested values"), default=dict)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    requested_at = models.DateTimeField(default=timezone.now)
    decided_at = models.DateTimeField(null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    approved = models.BooleanField(null=True)
    reason = models.CharField(_("reason"), max_length=500, blank=True)

    class Meta:
        ordering = ["-requested_at", "-pk"]
        verbose_name = _("producer change")
        verbose_name_plural = _("producer changes")
        constraints = [
            models.UniqueConstraint(
                fields=["producer"],
                condition=models.Q(decided_at=None),
                name="one_open_change_per_producer",
            )
        ]

    def __str__(self):
        return f"{self.producer}: {', '.join(self.values)}"
