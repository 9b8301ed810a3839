"""Whether a filter value names something on the site. A search or a figure filtered
by a category or a commune that does not exist would answer "nothing" and look
right; the public API says the value is wrong instead."""

from django.utils.translation import gettext as _

from areas.models import Commune
from marketplace.parsing import InvalidParameter, whole_number

from .models import Category, ProductCertification

COMMUNE_CODE_DIGITS = 9  # five today; a longer "code" could overflow an integer column
CERTIFICATES = {**dict(ProductCertification.choices), "ocop": "OCOP"}


def category_slugs():
    return list(Category.objects.order_by("path").values_list("slug", flat=True))


def commune_codes():
    """The province's communes, as the commune filters write them."""
    codes = Commune.objects.served().order_by("code").values_list("code", flat=True)
    return [str(code) for code in codes]


def require_known(category="", commune="", certification=""):
    """Raises InvalidParameter for the first value given that names nothing."""
    if category and not Category.objects.filter(slug=category).exists():
        raise InvalidParameter(
            "category", _("There is no category “%(value)s”.") % {"value": category}
        )
    code = whole_number(commune) if len(commune) <= COMMUNE_CODE_DIGITS else None
    if commune and (code is None or not Commune.objects.served().filter(pk=code).exists()):
        raise InvalidParameter(
            "commune", _("There is no commune with code “%(value)s”.") % {"value": commune}
        )
    if certification and certification not in CERTIFICATES:
        raise InvalidParameter(
            "certification",
            _("certification must be one of: %(choices)s.") % {"choices": ", ".join(CERTIFICATES)},
        )
