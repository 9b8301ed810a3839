"""Vietnam's administrative units since 1 July 2025: province -> commune (xã/phường/đặc khu).

Districts were abolished then; the district a commune belonged to before is
kept as LegacyDistrict because officials still report by it.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


def sort_key_field():
    """Lists sort as a Vietnamese dictionary does (marketplace.text.vietnamese_sort_key);
    written by areas.services when the units are loaded."""
    return models.CharField(max_length=250, default="", editable=False, db_index=True)


class ProvinceQuerySet(models.QuerySet):
    def served(self):
        return self.filter(code__in=settings.SERVED_PROVINCES)


class Province(models.Model):
    code = models.PositiveIntegerField(_("code"), primary_key=True)
    name = models.CharField(_("name"), max_length=100)
    slug = models.SlugField(_("slug"), max_length=120, blank=True, db_index=True)
    sort_key = sort_key_field()
    division_type = models.CharField(_("division type"), max_length=50)

    objects = ProvinceQuerySet.as_manager()

    class Meta:
        ordering = ["sort_key"]
        verbose_name = _("province")
        verbose_name_plural = _("provinces")

    def __str__(self):
        return self.name


class LegacyDistrict(models.Model):
    code = models.PositiveIntegerField(_("code"), primary_key=True)
    name = models.CharField(_("name"), max_length=100)
    sort_key = sort_key_field()
    legacy_province_name = models.CharField(_("former province"), max_length=100)
    province = models.ForeignKey(
        Province, verbose_name=_("province"), on_delete=models.CASCADE, related_name="+"
    )

    class Meta:
        ordering = ["sort_key"]
        verbose_name = _("former district")
        verbose_name_plural = _("former districts")

    def __str__(self):
        return f"{self.name} ({self.legacy_province_name})"


class CommuneQuerySet(models.QuerySet):
    def in_home_province(self):
        return self.filter(province_id=settings.HOME_PROVINCE_CODE)

    def served(self):
        """The communes of the provinces this installation serves (SERVED_PROVINCES)."""
        return self.filter(province_id__in=settings.SERVED_PROVINCES)


class Commune(models.Model):
    code = models.PositiveIntegerField(_("code"), primary_key=True)
    name = models.CharField(_("name"), max_length=100)
    sort_key = sort_key_field()
    division_type = models.CharField(_("division type"), max_length=50)
    slug = models.SlugField(_("slug"), max_length=120)
    province = models.ForeignKey(
        Province, verbose_name=_("province"), on_delete=models.CASCADE, related_name="communes"
    )
    legacy_district = models.ForeignKey(
        LegacyDistrict,
        verbose_name=_("former district"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="communes",
    )
    latitude = models.DecimalField(max_digits=9, decimal_places=6, null=True, blank=True)
    longitude = models.DecimalField(max_digits=9, decimal_places=6, null=True, blank=True)

    objects = CommuneQuerySet.as_manager()

    class Meta:
        ordering = ["sort_key"]
        verbose_name = _("commune")
        verbose_name_plural = _("communes")
        constraints = [
            models.UniqueConstraint(fields=["province", "slug"], name="unique_commune_slug")
        ]

    def __str__(self):
        return self.name

    @property
    def legacy_province_name(self):
        return self.legacy_district.legacy_province_name if self.legacy_district_id else ""


class AreaGrant(models.Model):
    """An area an official or a digital-team member works in: a commune, a province, or
    (neither) the whole installation. What they reach is cut to it (areas.jurisdiction)."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("person"),
        on_delete=models.CASCADE,
        related_name="area_grants",
    )
    province = models.ForeignKey(
        Province, verbose_name=_("province"), null=True, blank=True, on_delete=models.CASCADE
    )
    commune = models.ForeignKey(
        Commune, verbose_name=_("commune"), null=True, blank=True, on_delete=models.CASCADE
    )
    granted_at = models.DateTimeField(_("granted"), auto_now_add=True)

    class Meta:
        ordering = ["user", "province", "commune"]
        verbose_name = _("area of work")
        verbose_name_plural = _("areas of work")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(province=None) | models.Q(commune=None),
                name="area_grant_one_level",
            ),
        ]

    def __str__(self):
        return str(self.commune or self.province or _("Whole installation"))

    @property
    def level(self):
        if self.commune_id:
            return "commune"
        return "province" if self.province_id else "installation"
