from django.contrib.auth.models import AbstractUser
from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


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
