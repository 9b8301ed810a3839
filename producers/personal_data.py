"""What producers keep about a person: the farms they own or help, and how an owner's
farm is made anonymous when they ask for their data to be deleted."""

from django.contrib.contenttypes.models import ContentType
from django.utils.translation import gettext as _
from wagtail.models import ModelLogEntry

from marketplace.personal_data import ERASED_NAME

from . import services
from .models import MembershipRole, Producer, ProducerMembership, VerificationStatus

FIELDS = ["display_name", "legal_name", "representative", "phone", "zalo_phone", "email",
          "address", "latitude", "longitude", "main_products", "story"]  # fmt: skip


def identifies(user):
    """The names and numbers of the farms the person owns (a household's farm is often
    named after them: "Vườn xoài Út Ba")."""
    farms = Producer.objects.owned_by(user)
    names, phones, emails = set(), set(), set()
    for farm in farms:
        names |= {farm.display_name, farm.legal_name, farm.representative}
        phones |= {farm.phone, farm.zalo_phone}
        emails.add(farm.email)
    return names, phones, emails


def export(person):
    memberships = ProducerMembership.objects.filter(user=person.user).select_related(
        "producer__commune"
    )
    return {
        "nha_san_xuat": [{
            "vai_tro": membership.get_role_display(),
            "xa_phuong": str(membership.producer.commune or ""),
            "trang_thai": membership.producer.get_status_display(),
            **{name: str(getattr(membership.producer, name) or "") for name in FIELDS},
        } for membership in memberships],
    }  # fmt: skip


def erase(person):
    """An owner's farm keeps its orders and records under a name that says it was
    deleted, hidden from buyers; a helper or member just leaves the farms they helped."""
    for producer in Producer.objects.owned_by(person.user).select_for_update():
        _anonymise(producer)
    ProducerMembership.objects.filter(user=person.user).exclude(role=MembershipRole.OWNER).delete()


def _anonymise(producer):
    logo = producer.logo
    producer.display_name = producer.representative = f"{ERASED_NAME} #{producer.pk}"
    producer.legal_name = producer.address = producer.story = ""
    producer.phone = producer.zalo_phone = producer.email = ""
    producer.latitude = producer.longitude = producer.logo = None
    producer.slug = f"da-xoa-{producer.pk}"
    producer.status = VerificationStatus.SUSPENDED
    producer.status_reason = _("Its owner's data was deleted at their request.")
    producer.save()
    if logo is not None:
        logo.delete()
    for photo in producer.photos.select_related("image"):
        photo.image.delete()
    for certification in producer.certifications.exclude(scan=""):
        certification.scan.delete(save=False)
    producer.certifications.all().delete()
    producer.claim_codes.all().delete()
    producer.changes.all().delete()
    producer.notices.all().delete()  # the portal's notices name the farm
    ModelLogEntry.objects.filter(
        content_type=ContentType.objects.get_for_model(Producer), object_id=str(producer.pk)
    ).update(label=producer.display_name, data={})
    services.producer_changed(producer)  # its products leave the catalogue and the index
