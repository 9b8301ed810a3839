"""The areas a person holds, as the communes they reach (marketplace.jurisdiction asks)."""

from marketplace.jurisdiction import EVERYWHERE
from marketplace.jurisdiction import communes_held as held_now

from .models import AreaGrant, Commune


def communes_held(user):  # registered as marketplace.jurisdiction's policy
    """EVERYWHERE for an administrator or a holder of the whole installation; otherwise
    the codes of the communes granted and of those of the provinces granted (none
    without a grant: an official sees nothing until given an area)."""
    if user.is_superuser:
        return EVERYWHERE
    grants = list(AreaGrant.objects.filter(user=user).values_list("province_id", "commune_id"))
    if (None, None) in grants:
        return EVERYWHERE
    communes = {commune for _province, commune in grants if commune}
    provinces = {province for province, _commune in grants if province}
    if provinces:
        communes |= set(
            Commune.objects.filter(province__in=provinces).values_list("code", flat=True)
        )
    return frozenset(communes)


def provinces_held(user):
    """The provinces a person holds whole (None: every one)."""
    if (
        user.is_superuser
        or AreaGrant.objects.filter(user=user, province=None, commune=None).exists()
    ):
        return None
    return set(
        AreaGrant.objects.filter(user=user, commune=None).values_list("province_id", flat=True)
    )


def holds(user, *, commune=None, province=None):
    """Whether the person holds the whole of this area (to set its targets, say):
    a commune they hold, or a province they hold whole; nothing given = the installation."""
    whole = provinces_held(user)
    if whole is None:
        return True
    if commune is not None:
        commune_code = getattr(commune, "pk", commune)
        return (
            Commune.objects.filter(code=commune_code).filter(province__in=whole).exists()
            or AreaGrant.objects.filter(user=user, commune=commune_code).exists()
        )
    if province is not None:
        return getattr(province, "pk", province) in whole
    return False


def grant(user, *, communes=(), provinces=(), everywhere=False):
    """Give a person areas (kept if they had them); returns the grants made."""
    made = []
    wanted = [{"commune": c} for c in communes] + [{"province": p} for p in provinces]
    if everywhere:
        wanted.append({})
    for area in wanted:
        row, created = AreaGrant.objects.get_or_create(
            user=user, province=area.get("province"), commune=area.get("commune")
        )
        if created:
            made.append(row)
    return made


def units_held(user):
    """None (everywhere), or (provinces held whole, communes held outside them): the
    groups whose figures add up to the person's area."""
    if held_now(user) is EVERYWHERE:
        return None
    provinces = provinces_held(user) or set()
    communes = set(
        AreaGrant.objects.filter(user=user)
        .exclude(commune=None)
        .exclude(commune__province__in=provinces)
        .values_list("commune_id", flat=True)
    )
    return frozenset(provinces), frozenset(communes)
