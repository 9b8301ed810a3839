from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils.translation import gettext_lazy as _


class User(AbstractUser):
    """The site's user. Farmers sign in by phone (see the producers app), so
    the phone lives on the account from the start, stored in E.164 form."""

    phone = models.CharField(_("phone"), max_length=20, unique=True, null=True, blank=True)

    class Meta(AbstractUser.Meta):
        verbose_name = _("user")
        verbose_name_plural = _("users")
