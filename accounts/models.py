from django.contrib.auth.models import AbstractUser
from django.db import models, transaction
from django.utils.translation import gettext_lazy as _


class User(AbstractUser):
    """The site's user. Farmers sign in by phone (see the producers app), so
    the phone lives on the account from the start, stored in E.164 form."""

    phone = models.CharField(_("phone"), max_length=20, unique=True, null=True, blank=True)

    class Meta(AbstractUser.Meta):
        verbose_name = _("user")
        verbose_name_plural = _("users")

    def save(self, *args, **kwargs):
        # Every way of changing a password (claim, reset, admin) tells the owner, so a
        # takeover never goes unnoticed. A new account's first password is not a change.
        password_changed = self._password is not None and not self._state.adding
        super().save(*args, **kwargs)
        if password_changed:
            from .services import notify_password_changed

            transaction.on_commit(lambda: notify_password_changed(self))
