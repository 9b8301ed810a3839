import datetime

import factory
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.utils import timezone

from accounts.consents import accept_policies
from accounts.models import PolicyAcceptance


class UserFactory(factory.django.DjangoModelFactory):
    username = factory.Sequence(lambda n: f"user{n}")
    password = factory.PostGenerationMethodCall("set_password", "mat-khau-123")

    class Meta:
        model = get_user_model()
        skip_postgeneration_save = True

    @factory.post_generation
    def roles(self, create, extracted, **kwargs):
        for name in extracted or ():
            self.groups.add(Group.objects.get_or_create(name=name)[0])
        if create:
            self.save()

    @factory.post_generation
    def areas(self, create, extracted, **kwargs):
        """Officials and digital-team members work everywhere unless given areas: a dict
        of areas.jurisdiction.grant()'s arguments, or False for none."""
        from accounts.roles import DIGITAL_TEAM, OFFICIALS
        from areas.jurisdiction import grant

        if not create or extracted is False:
            return
        if extracted:
            grant(self, **extracted)
        elif self.groups.filter(name__in=(OFFICIALS, DIGITAL_TEAM)).exists():
            grant(self, everywhere=True)

    @factory.post_generation
    def accepted_regulations(self, create, extracted, **kwargs):
        """Accounts start as if signed up, with the texts in force accepted (False: not)."""
        if create and extracted is not False:
            accept_policies(self, PolicyAcceptance.Occasion.SIGN_UP)


class ProducerFactory(factory.django.DjangoModelFactory):
    kind = "household"
    display_name = factory.Sequence(lambda n: f"Vườn xoài Hòa Lộc {n}")
    representative = "Nguyễn Văn Ba"
    slug = factory.Sequence(lambda n: f"vuon-xoai-hoa-loc-{n}")
    phone = factory.Sequence(lambda n: f"+8491{n:07d}")
    main_products = "Xoài cát Hòa Lộc"
    status = "verified"
    status_changed_at = factory.LazyAttribute(
        lambda producer: None if producer.status == "draft" else timezone.now()
    )

    class Meta:
        model = "producers.Producer"
        skip_postgeneration_save = True

    @factory.post_generation
    def owner(self, create, extracted, **kwargs):
        if create and extracted:
            from producers.models import ProducerMembership

            ProducerMembership.objects.create(producer=self, user=extracted, role="owner")

    @factory.post_generation
    def helper(self, create, extracted, **kwargs):
        if create and extracted:
            from producers.models import ProducerMembership

            ProducerMembership.objects.create(producer=self, user=extracted, role="assistant")

    @factory.post_generation
    def identity_checked(self, create, extracted, **kwargs):
        """Every producer's representative was checked (as the law asks before verifying),
        unless identity_checked=False."""
        if create and extracted is not False:
            from compliance.models import IdentityCheck, IdentityMethod

            check = IdentityCheck(
                producer=self,
                method=IdentityMethod.IN_PERSON,
                full_name=self.representative,
                expires_on=timezone.localdate() + datetime.timedelta(days=365),
            )
            check.citizen_id = f"082{self.pk % 10**9:09d}"
            check.save()


class ProductFactory(factory.django.DjangoModelFactory):
    producer = factory.SubFactory(ProducerFactory)
    name = factory.Sequence(lambda n: f"Xoài cát Hòa Lộc loại {n}")
    slug = factory.Sequence(lambda n: f"xoai-cat-hoa-loc-loai-{n}")
    category = factory.LazyFunction(lambda: _category("xoai"))
    price_vnd = 150_000
    unit = "kg"
    quantity_step = "0.5"
    status = "active"
    listed_at = factory.LazyFunction(timezone.now)

    class Meta:
        model = "catalog.Product"
        skip_postgeneration_save = True

    @factory.post_generation
    def photos(self, create, extracted, **kwargs):
        """photos=N attaches N small images (the default is one)."""
        if not create:
            return
        from wagtail.images import get_image_model
        from wagtail.images.tests.utils import get_test_image_file

        from catalog.models import ProductPhoto

        for position in range(1 if extracted is None else extracted):
            image = get_image_model().objects.create(title=self.name, file=get_test_image_file())
            ProductPhoto.objects.create(product=self, image=image, sort_order=position)

    @factory.post_generation
    def listing(self, create, extracted, **kwargs):
        if create:
            relist(self)


def relist(product):
    """Recompute is_listed after a test changed the product or its producer directly."""
    from catalog.listing import refresh_listing
    from catalog.models import Product

    refresh_listing(Product.objects.filter(pk=product.pk))
    product.refresh_from_db(fields=["is_listed", "listing_state"])


def _category(slug):
    from catalog.models import Category

    return Category.objects.get(slug=slug)


def certification_data(**overrides):
    """POST data of the wizard's certificate step: one valid VietGAP certificate."""
    import datetime

    data = {
        "certifications-TOTAL_FORMS": "1",
        "certifications-INITIAL_FORMS": "0",
        "certifications-MIN_NUM_FORMS": "0",
        "certifications-MAX_NUM_FORMS": "10",
        "certifications-0-kind": "vietgap",
        "certifications-0-number": "VG-2026-001",
        "certifications-0-issuer": "Trung tâm Chứng nhận VietGAP",
        "certifications-0-expires_on": (
            timezone.localdate() + datetime.timedelta(days=365)
        ).isoformat(),
    }
    data.update({f"certifications-0-{key}": value for key, value in overrides.items()})
    return data


def scanned_certification(producer, content=b"%PDF-1.4\n%%EOF", **fields):
    """A VietGAP certificate of the producer with a PDF scan in private storage."""
    import datetime

    from django.core.files.uploadedfile import SimpleUploadedFile

    from producers.models import Certification

    certification = Certification.objects.create(
        producer=producer,
        **{
            "kind": "vietgap",
            "number": "VG-1",
            "issuer": "Trung tâm VietGAP",
            "expires_on": timezone.localdate() + datetime.timedelta(days=90),
            **fields,
        },
    )
    certification.scan.save("x.pdf", SimpleUploadedFile("x.pdf", content))
    return certification
