"""Search parameters from a query string, validated; errors name the parameter."""

from dataclasses import dataclass

from django.utils.translation import gettext as _

from catalog.filter_values import require_known
from marketplace.money import MAX_VND
from marketplace.parsing import InvalidParameter, choice, whole_number
from marketplace.text import normalize

SORTS = ("relevance", "price_asc", "price_desc", "newest", "rating")
MAX_PAGE_SIZE = 100
MAX_PAGE = 500
# Elasticsearch pages through the first index.max_result_window (10,000) hits only.
MAX_RESULTS = 10_000
# A checkbox sends "on"; people and scripts write 1/0 or true/false.
FLAG_VALUES = {"": False, "0": False, "false": False, "1": True, "true": True, "on": True}


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
    preorder: bool = False  # only products whose coming harvest takes pre-orders
    sort: str = "relevance"
    page: int = 1
    page_size: int = 20

    @property
    def has_filters(self):
        """Whether anything narrows the products beside the words."""
        return any(
            [
                self.category,
                self.commune,
                self.certification,
                self.ocop_min,
                self.in_season,
                self.preorder,
            ]
        ) or (self.price_min, self.price_max) != (None, None)

    @property
    def offset(self):
        return (self.page - 1) * self.page_size


def _integer(data, name, minimum, maximum=None):
    raw = data.get(name) or ""
    if not raw:
        return None
    value = whole_number(raw) if raw == raw.strip() else None
    if value is None:
        raise InvalidParameter(name, _("%(name)s must be a whole number.") % {"name": name})
    if value < minimum or (maximum is not None and value > maximum):
        limits = f"{minimum}–{maximum}" if maximum is not None else f"≥ {minimum}"
        raise InvalidParameter(
            name, _("%(name)s must be %(limits)s.") % {"name": name, "limits": limits}
        )
    return value


def _flag(data, name):
    raw = data.get(name) or ""
    if raw not in FLAG_VALUES:
        raise InvalidParameter(name, _("%(name)s must be 1 or 0.") % {"name": name})
    return FLAG_VALUES[raw]


def _paging(data, default_page_size):
    page = _integer(data, "page", 1, MAX_PAGE) or 1
    page_size = _integer(data, "page_size", 1, MAX_PAGE_SIZE) or default_page_size
    if page * page_size > MAX_RESULTS:
        raise InvalidParameter(
            "page",
            _(
                "Only the first %(limit)s results can be paged to: page × page_size at most %(limit)s."
            )
            % {"limit": MAX_RESULTS},
        )
    return page, page_size


def parse(data, default_page_size=20):
    """A SearchParams from a QueryDict-like mapping; raises InvalidParameter."""
    sort = choice(data, "sort", SORTS, default="relevance")
    price_min = _integer(data, "price_min", 0, MAX_VND)
    price_max = _integer(data, "price_max", 0, MAX_VND)
    if price_min is not None and price_max is not None and price_min > price_max:
        raise InvalidParameter("price_min", _("price_min must not be more than price_max."))
    page, page_size = _paging(data, default_page_size)
    filters = {name: data.get(name) or "" for name in ("category", "commune", "certification")}
    require_known(**filters)
    return SearchParams(
        q=normalize(data.get("q") or "").strip()[:200],
        **filters,
        ocop_min=_integer(data, "ocop_min", 3, 5),
        price_min=price_min,
        price_max=price_max,
        in_season=_flag(data, "in_season"),
        preorder=_flag(data, "preorder"),
        sort=sort,
        page=page,
        page_size=page_size,
    )


def parse_producer_search(data):
    """(q, page, page_size) for the producer search API; raises InvalidParameter."""
    return (normalize(data.get("q") or "").strip()[:200], *_paging(data, 10))
