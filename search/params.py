"""Search parameters from a query string, validated; errors name the parameter."""

from dataclasses import dataclass

from django.utils.translation import gettext as _

from marketplace.money import MAX_VND
from marketplace.parsing import whole_number
from marketplace.text import normalize

SORTS = ("relevance", "price_asc", "price_desc", "newest")
MAX_PAGE_SIZE = 100
MAX_PAGE = 500


class InvalidParameter(ValueError):
    def __init__(self, parameter, message):
        super().__init__(message)
        self.parameter = parameter
        self.message = message


@dataclass(frozen=True)
class SearchParams:
    q: str = ""
    category: str = ""
    commune: str = ""
    certification: str = ""
    ocop_min: int | None = None
    price_min: int | None = None
    price_max: int | None = None
    in_season: bool = False
    sort: str = "relevance"
    page: int = 1
    page_size: int = 20

    @property
    def offset(self):
        return (self.page - 1) * self.page_size


def _integer(data, name, minimum, maximum=None):
    raw = (data.get(name) or "").strip()
    if not raw:
        return None
    value = whole_number(raw)
    if value is None:
        raise InvalidParameter(name, _("%(name)s must be a whole number.") % {"name": name})
    if value < minimum or (maximum is not None and value > maximum):
        limits = f"{minimum}–{maximum}" if maximum is not None else f"≥ {minimum}"
        raise InvalidParameter(
            name, _("%(name)s must be %(limits)s.") % {"name": name, "limits": limits}
        )
    return value


def parse(data, default_page_size=20):
    """A SearchParams from a QueryDict-like mapping; raises InvalidParameter."""
    sort = (data.get("sort") or "relevance").strip()
    if sort not in SORTS:
        raise InvalidParameter(
            "sort", _("sort must be one of: %(choices)s.") % {"choices": ", ".join(SORTS)}
        )
    price_min = _integer(data, "price_min", 0, MAX_VND)
    price_max = _integer(data, "price_max", 0, MAX_VND)
    if price_min is not None and price_max is not None and price_min > price_max:
        raise InvalidParameter("price_min", _("price_min must not be more than price_max."))
    return SearchParams(
        q=normalize(data.get("q") or "").strip()[:200],
        category=(data.get("category") or "").strip(),
        commune=(data.get("commune") or "").strip(),
        certification=(data.get("certification") or "").strip(),
        ocop_min=_integer(data, "ocop_min", 3, 5),
        price_min=price_min,
        price_max=price_max,
        in_season=(data.get("in_season") or "") in ("1", "true", "on"),
        sort=sort,
        page=_integer(data, "page", 1, MAX_PAGE) or 1,
        page_size=_integer(data, "page_size", 1, MAX_PAGE_SIZE) or default_page_size,
    )


def parse_producer_search(data):
    """(q, page, page_size) for the producer search API; raises InvalidParameter."""
    return (
        normalize(data.get("q") or "").strip()[:200],
        _integer(data, "page", 1, MAX_PAGE) or 1,
        _integer(data, "page_size", 1, MAX_PAGE_SIZE) or 10,
    )
