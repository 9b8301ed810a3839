from django.conf import settings
from django.contrib.auth.models import AbstractUser
from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from marketplace.models import PolicyKind
from marketplace.storage import private_storage


class User(AbstractUser):
    """The site's user. Farmers sign in by phone (see the producers app), so
    the phone lives on the account from the start, stored in E.164 form."""

    phone = models.CharField(_("phone"), max_length=20, unique=True, null=True, blank=True)
    # Set when the owner proved the phone is theirs with a one-time code.
    phone_verified_at = models.DateTimeField(_("phone verified at"), null=True, blank=True)

    class Meta(AbstractUser.Meta):
        verbose_name = _("user")
        verbose_name_plural = _("users")
        permissions = [("release_phone", _("Can release a phone held by an unverified account"))]

    def display_name(self):
        """How lists show a person: their name, else their phone, else the username."""
        from .phones import display_phone

        return self.get_full_name() or (display_phone(self.phone) if self.phone else self.username)

    def save(self, *args, **kwargs):
        # Every way of changing a password (claim, reset, admin) tells the owner, so a
        # takeover never goes unnoticed. A new account's first password is not a change.
        password_changed = self._password is not None and not self._state.adding
        super().save(*args, **kwargs)
        if password_changed:
            from .services import notify_password_changed

            transaction.on_commit(lambda: notify_password_changed(self))


class CodePurpose(models.TextChoices):
    SIGN_UP = "sign_up", _("Sign-up")
    RESET = "reset", _("Password reset")
    LOGIN = "login", _("Log-in after many wrong passwords")
    ORDER_LOOKUP = "order_lookup", _("Order found without its link")


class PhoneCode(models.Model):
    """A one-time code sent by text message to prove a phone is the user's.

    Only a keyed hash is stored; a code works once, for CODE_LIFETIME, and for a
    few wrong tries at most (see accounts.verification).
    """

    phone = models.CharField(max_length=20, db_index=True)
    purpose = models.CharField(max_length=20, choices=CodePurpose.choices)
    code_hash = models.CharField(max_length=64)
    created_at = models.DateTimeField(default=timezone.now)
    expires_at = models.DateTimeField()
    attempts = models.PositiveSmallIntegerField(default=0)
    used_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("phone code")
        verbose_name_plural = _("phone codes")

    def __str__(self):
        return f"{self.phone} ({self.purpose})"


class ConsentPurpose(models.TextChoices):
    """What a person's data is used for, each agreed to on its own (Law 91/2025/QH15,
    Article 9: consent per purpose, given by a clear act, reproducible)."""

    ACCOUNT = "account", _("Account, orders and messages about them")
    SELLER_PAGE = "seller_page", _("Public seller page (name, commune, phone)")
    NOTIFICATIONS = "notifications", _("Reminders and market news by SMS and Zalo")
    MARKETING = "marketing", _("Offers from the market and its partners")


class Consent(models.Model):
    """One act of giving or withdrawing consent to one purpose, never changed afterwards:
    the newest row per purpose is the person's current answer."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("person"),
        on_delete=models.CASCADE,
        related_name="consents",
    )
    purpose = models.CharField(_("purpose"), max_length=20, choices=ConsentPurpose.choices)
    given = models.BooleanField(_("given"), help_text=_("Unticked: withdrawn."))
    notice_version = models.CharField(_("privacy notice version"), max_length=20, blank=True)
    recorded_at = models.DateTimeField(_("recorded at"), default=timezone.now)
    # A digital-team member who recorded it for a household, with the signed paper form.
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recorded on the person's behalf by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    paper_form = models.FileField(
        _("signed paper form"), storage=private_storage, upload_to="consents/", blank=True
    )

    class Meta:
        verbose_name = _("consent")
        verbose_name_plural = _("consents")
        ordering = ["-recorded_at", "-pk"]

    def __str__(self):
        return f"{self.get_purpose_display()}: {self.given}"


class PolicyAcceptance(models.Model):
    """A person accepted this version of the regulations or the privacy notice."""

    class Occasion(models.TextChoices):
        SIGN_UP = "sign_up", _("Sign-up")
        CHANGED = "changed", _("The text changed")
        ON_BEHALF = "on_behalf", _("Household registered by a digital team")
        CHECKOUT = "checkout", _("Checkout")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("person"),
        on_delete=models.CASCADE,
        related_name="policy_acceptances",
    )
    kind = models.CharField(_("text"), max_length=20, choices=PolicyKind.choices)
    version = models.CharField(_("version"), max_length=20)
    occasion = models.CharField(_("occasion"), max_length=20, choices=Occasion.choices)
    accepted_at = models.DateTimeField(_("accepted at"), default=timezone.now)

    class Meta:
        verbose_name = _("acceptance of the regulations")
        verbose_name_plural = _("acceptances of the regulations")
        ordering = ["-accepted_at", "-pk"]

    def __str__(self):
        return f"{self.get_kind_display()} {self.version}"
