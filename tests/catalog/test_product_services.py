import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from catalog import services
from catalog.models import Category, Product
from producers.models import ProducerActivity
from tests import photos
from tests.factories import ProductFactory

pytestmark = pytest.mark.django_db


def new_product(farm, actor, **fields):
    product = Product(
        producer=farm,
        name="Xoài cát Hòa Lộc loại 1",
        category=Category.objects.get(slug="xoai"),
        price_vnd=150_000,
        **fields,
    )
    return services.create_product(product, actor)


def test_a_new_product_is_a_draft_from_the_producers_commune(farm, farmer):
    product = new_product(farm, farmer)

    assert product.status == "draft"
    assert product.slug == "xoai-cat-hoa-loc-loai-1"
    assert product.origin_commune == farm.commune
    assert not Product.objects.public().exists()


def test_a_product_goes_on_sale_only_with_a_photo(farm, farmer):
    product = new_product(farm, farmer)

    with pytest.raises(ValidationError, match="ít nhất một ảnh"):
        services.change_status(product, "active", farmer)

    services.add_photos(product, farmer, [photos.jpeg()])
    services.change_status(product, "active", farmer)
    assert product.listed_at is not None
    assert Product.objects.public().get() == product


def test_sold_out_back_in_stock_delist_and_relist(farm, farmer):
    product = ProductFactory(producer=farm)
    first_listed = product.listed_at

    services.change_status(product, "sold_out", farmer)
    assert Product.objects.public().get().status == "sold_out"  # still listed, shown as sold out
    services.change_status(product, "active", farmer)
    assert product.listed_at == first_listed  # coming back in stock is not a new listing
    services.change_status(product, "delisted", farmer)
    assert not Product.objects.public().exists()
    services.change_status(product, "active", farmer)
    assert product.listed_at > first_listed and product.delisted_at is None


def test_impossible_moves_are_refused(farm, farmer):
    product = new_product(farm, farmer)

    with pytest.raises(ValidationError, match="không thể chuyển"):
        services.change_status(product, "sold_out", farmer)


def test_only_the_producers_managers_change_a_product(farm, other_farmer, official):
    product = ProductFactory(producer=farm)

    for user in (other_farmer, official):
        with pytest.raises(PermissionDenied):
            services.change_status(product, "sold_out", user)


def test_a_helper_acts_on_the_households_behalf_and_it_is_recorded(farm, helper):
    product = new_product(farm, helper)

    activity = ProducerActivity.objects.get(action=f"product_created:{product.pk}")
    assert activity.actor == helper and activity.on_behalf


def test_at_most_eight_photos(farm, farmer):
    product = ProductFactory(producer=farm, photos=7)

    with pytest.raises(ValidationError, match="tối đa 8 ảnh"):
        services.add_photos(product, farmer, [photos.jpeg(), photos.jpeg()])

    assert product.photos.count() == 7


def test_one_bad_photo_saves_none_of_the_batch(farm, farmer):
    product = ProductFactory(producer=farm, photos=0)

    with pytest.raises(ValidationError):
        services.add_photos(product, farmer, [photos.jpeg(), SimpleUploadedFile("x.jpg", b"no")])

    assert product.photos.count() == 0


def test_photos_are_reordered_and_removed(farm, farmer):
    product = ProductFactory(producer=farm, photos=3)
    first, second, third = product.photos.all()

    services.arrange_photos(
        product, farmer, [third.pk, first.pk, second.pk], removed_ids=[second.pk]
    )

    assert list(product.photos.all()) == [third, first]
    assert product.cover == third


def test_a_product_on_sale_keeps_a_photo(farm, farmer):
    product = ProductFactory(producer=farm, photos=1)

    with pytest.raises(ValidationError):
        services.arrange_photos(product, farmer, [], removed_ids=[product.photos.get().pk])

    assert product.photos.count() == 1


def test_duplicate_makes_a_draft_with_the_same_photos(farm, farmer):
    product = ProductFactory(producer=farm, photos=2)

    copy = services.duplicate_product(product, farmer)

    assert copy.status == "draft"
    assert copy.name.endswith("(bản sao)")
    assert [p.image_id for p in copy.photos.all()] == [p.image_id for p in product.photos.all()]


def test_harvest_months_find_products_in_season(farm):
    product = ProductFactory(producer=farm)
    product.harvest_months = [3, 4, 5]
    product.save()

    assert list(Product.objects.in_season(4)) == [product]
    assert not Product.objects.in_season(9).exists()
    assert product.harvest_months == [3, 4, 5]


@pytest.mark.parametrize(
    ("product_status", "hidden", "producer_status", "listed"),
    [
        ("active", False, "verified", True),
        ("sold_out", False, "verified", True),
        ("draft", False, "verified", False),
        ("delisted", False, "verified", False),
        ("active", True, "verified", False),
        ("active", False, "submitted", False),
        ("active", False, "suspended", False),
    ],
)
def test_listed_means_on_sale_or_sold_out_not_hidden_of_a_verified_producer(
    cai_be, product_status, hidden, producer_status, listed
):
    from tests.factories import ProducerFactory

    product = ProductFactory(
        producer=ProducerFactory(status=producer_status, commune=cai_be),
        status=product_status,
        is_hidden=hidden,
    )

    assert product.is_listed is listed
    assert Product.objects.public().filter(pk=product.pk).exists() is listed


def test_verifying_and_suspending_a_producer_lists_and_unlists_its_products(cai_be, official):
    from producers import services as producer_services
    from tests.factories import ProducerFactory

    producer = ProducerFactory(status="submitted", commune=cai_be)
    products = [ProductFactory(producer=producer) for _ in range(3)]
    assert not Product.objects.public().exists()

    producer_services.verify(producer, official)
    assert Product.objects.public().count() == 3

    producer_services.suspend(producer, official, "Khiếu nại")
    assert not Product.objects.public().exists()
    assert all(
        p.status == "active" for p in Product.objects.filter(pk__in=[p.pk for p in products])
    )
