"""Today's running figures (reports.running) under concurrent changes, on PostgreSQL:
each change adjusts them in its own transaction, and together they equal the log."""

import pytest
from django.core.cache import cache
from django.utils import timezone

from accounts.roles import FARMERS
from catalog import services
from reports import running
from reports.figures import for_date, from_log
from tests.factories import ProducerFactory, ProductFactory, UserFactory
from tests.racing import race

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]
PARTIES = 10


def figures_today():
    cache.clear()
    figures = for_date(timezone.localdate(), cube=True)
    return figures.groups, figures.cube


def counted(groups):
    return {
        group: (row["listed_products"], row["in_stock_products"], row["listing_producers"])
        for group, row in groups.items()
        if row["listed_products"]
    }


def test_a_producers_last_products_delisted_at_once_leave_every_group_once(cai_be):
    """Ten products of one farm delisted at the same instant: the farm leaves the
    province, commune and category figures exactly once, and a neighbour stays."""
    owner = UserFactory(roles=[FARMERS])
    farm = ProducerFactory(owner=owner, commune=cai_be)
    products = [ProductFactory(producer=farm, origin_commune=cai_be) for _ in range(PARTIES)]
    ProductFactory(producer=ProducerFactory(commune=cai_be), origin_commune=cai_be)
    groups, _ = figures_today()  # built before the race: the race goes through record()
    assert groups[("total", "")]["listing_producers"] == 2

    outcomes = race([lambda p=p: services.change_status(p, "delisted", owner) for p in products])

    assert [outcome[0] for outcome in outcomes] == ["done"] * PARTIES
    groups, cube = figures_today()
    today = timezone.localdate()
    assert counted(groups) == counted(from_log(today).groups)
    total = groups[("total", "")]
    assert (total["listed_products"], total["listing_producers"]) == (1, 1)
    assert (total["newly_listed"], total["delisted"]) == (1, 0)  # all listed today: net
    running.rebuild()  # the same rows made from the log, afterwards
    assert figures_today() == (groups, cube)


def test_products_sold_out_relisted_and_moved_at_once_keep_the_figures_exact(cai_be):
    from catalog.models import Category

    owner = UserFactory(roles=[FARMERS])
    farm = ProducerFactory(owner=owner, commune=cai_be)
    vegetables = Category.objects.get(slug="rau-cu")
    products = [ProductFactory(producer=farm, origin_commune=cai_be) for _ in range(PARTIES)]
    figures_today()

    def act(number):
        product = products[number]
        if number % 3 == 0:
            return services.change_status(product, "sold_out", owner)
        if number % 3 == 1:
            product.category = vegetables
            return services.save_product(product, owner)
        return services.change_status(product, "delisted", owner)

    outcomes = race([lambda n=n: act(n) for n in range(PARTIES)])

    assert [outcome[0] for outcome in outcomes] == ["done"] * PARTIES
    groups, cube = figures_today()
    assert counted(groups) == counted(from_log(timezone.localdate()).groups)
    running.rebuild()
    assert figures_today() == (groups, cube)
