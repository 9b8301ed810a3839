import factory
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group


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


class ProducerFactory(factory.django.DjangoModelFactory):
    kind = "household"
    display_name = factory.Sequence(lambda n: f"Vườn xoài Hòa Lộc {n}")
    representative = "Nguyễn Văn Ba"
    slug = factory.Sequence(lambda n: f"vuon-xoai-hoa-loc-{n}")
    phone = factory.Sequence(lambda n: f"+8491{n:07d}")
    main_products = "Xoài cát Hòa Lộc"
    status = "verified"

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
