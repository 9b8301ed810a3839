"""Demo producers: ~600 households and cooperatives across the province, each making
the specialty of its former district."""

import datetime
import random
from dataclasses import dataclass

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db import transaction
from django.utils import timezone

from accounts.roles import FARMERS
from areas.models import Commune
from marketplace.text import vietnamese_slug

from .models import (
    Certification,
    MembershipRole,
    Producer,
    ProducerMembership,
    StatusChange,
    VerificationStatus,
)


@dataclass(frozen=True)
class Specialty:
    """What a demo producer makes, where it is from, and what a household making it is called."""

    name: str
    legacy_province: str
    legacy_district: str  # a part of the former district's name, e.g. "Cái Bè"
    household: str = ""  # "Ao tôm" for a shrimp pond; blank: "Vườn <fruit>"

    def household_name(self):
        return self.household or f"Vườn {self.name.split()[0].lower()}"


SPECIALTIES = [
    Specialty("Xoài cát Hòa Lộc", "Tiền Giang", "Cái Bè"),
    Specialty("Bưởi lông Cổ Cò", "Tiền Giang", "Cái Bè"),
    Specialty("Vú sữa Lò Rèn Vĩnh Kim", "Tiền Giang", "Châu Thành"),
    Specialty("Sầu riêng Ngũ Hiệp", "Tiền Giang", "Cai Lậy"),
    Specialty("Chôm chôm Cai Lậy", "Tiền Giang", "Cai Lậy"),
    Specialty("Mít Thái Cai Lậy", "Tiền Giang", "Cai Lậy"),
    Specialty("Gạo thơm Cai Lậy", "Tiền Giang", "Cai Lậy", "Ruộng lúa"),
    Specialty("Thanh long Chợ Gạo", "Tiền Giang", "Chợ Gạo"),
    Specialty("Rau màu Chợ Gạo", "Tiền Giang", "Chợ Gạo", "Vườn rau"),
    Specialty("Khóm Tân Phước", "Tiền Giang", "Tân Phước", "Ruộng khóm"),
    Specialty("Sơ ri Gò Công", "Tiền Giang", "Gò Công"),
    Specialty("Mắm tôm chà Gò Công", "Tiền Giang", "Gò Công", "Lò mắm"),
    Specialty("Hủ tiếu Mỹ Tho", "Tiền Giang", "Mỹ Tho", "Lò hủ tiếu"),
    Specialty("Dừa xiêm Tân Phú Đông", "Tiền Giang", "Tân Phú Đông"),
    Specialty("Xoài Cao Lãnh", "Đồng Tháp", "Cao Lãnh"),
    Specialty("Quýt hồng Lai Vung", "Đồng Tháp", "Lai Vung"),
    Specialty("Nem Lai Vung", "Đồng Tháp", "Lai Vung", "Lò nem"),
    Specialty("Hạt sen Tháp Mười", "Đồng Tháp", "Tháp Mười", "Đầm sen"),
    Specialty("Tôm càng xanh", "Đồng Tháp", "Tam Nông", "Ao tôm"),
    Specialty("Cá tra phi lê", "Đồng Tháp", "Hồng Ngự", "Ao cá"),
    Specialty("Gà thả vườn", "Đồng Tháp", "Thanh Bình", "Trại gà"),
]
FAMILY_NAMES = ["Nguyễn", "Trần", "Lê", "Phạm", "Huỳnh", "Võ", "Đặng", "Bùi", "Dương", "Phan"]
GIVEN_NAMES = [
    "Văn Ba",
    "Thị Tư",
    "Văn Năm",
    "Thị Sáu",
    "Văn Bảy",
    "Thị Tám",
    "Văn Út",
    "Thị Hiền",
    "Minh Tâm",
    "Thanh Hùng",
]
NICKNAMES = ["Út", "Tư", "Ba", "Năm", "Sáu", "Bảy", "Tám", "Chín", "Mười", "Hai"]
KINDS = ["household"] * 7 + ["cooperative", "cooperative", "cooperative_group", "enterprise"]
STATUSES = (
    [VerificationStatus.VERIFIED] * 80
    + [VerificationStatus.SUBMITTED] * 8
    + [VerificationStatus.DRAFT] * 5
    + [VerificationStatus.REJECTED] * 4
    + [VerificationStatus.SUSPENDED] * 3
)


def _display_name(rng, kind, specialty):
    if kind == "cooperative":
        return f"HTX {specialty.name}"
    if kind == "cooperative_group":
        return f"Tổ hợp tác {specialty.name}"
    if kind == "enterprise":
        return f"Cơ sở {specialty.name} {rng.choice(NICKNAMES)}"
    given_name = rng.choice(GIVEN_NAMES).split()[-1]
    return f"{specialty.household_name()} {rng.choice(NICKNAMES)} {given_name}"


def _communes_by_specialty(communes):
    """Each specialty's communes: those of its former district, else the whole province."""
    by_specialty = {}
    for specialty in SPECIALTIES:
        home = [
            commune
            for commune in communes
            if commune.legacy_district
            and commune.legacy_district.legacy_province_name == specialty.legacy_province
            and specialty.legacy_district in commune.legacy_district.name
        ]
        by_specialty[specialty] = home or communes
    return by_specialty


@transaction.atomic
def create_demo_producers(count=600, seed=2026, helper=None, official=None):
    """Create `count` producers once; return how many were made (0 if some exist)."""
    if Producer.objects.exists():
        return 0
    rng = random.Random(seed)
    communes = _communes_by_specialty(
        list(Commune.objects.in_home_province().select_related("legacy_district"))
    )
    # One producer in six farms in the other provinces served, when there are any.
    elsewhere = list(
        Commune.objects.served().exclude(province_id=settings.HOME_PROVINCE_CODE).order_by("code")
    )
    now = timezone.now()
    User = get_user_model()
    farmers_group = Group.objects.get_or_create(name=FARMERS)[0]

    producers, slugs = [], set()
    for number in range(count):
        kind = rng.choice(KINDS)
        specialty = rng.choice(SPECIALTIES)
        name = _display_name(rng, kind, specialty)
        slug = vietnamese_slug(name)
        while slug in slugs:
            slug = f"{vietnamese_slug(name)}-{rng.randint(2, 999)}"
        slugs.add(slug)
        status = rng.choice(STATUSES)
        joined = now - datetime.timedelta(days=rng.randint(1, 730))
        producers.append(
            Producer(
                kind=kind,
                display_name=name,
                legal_name=name if kind != "household" else "",
                representative=f"{rng.choice(FAMILY_NAMES)} {rng.choice(GIVEN_NAMES)}",
                slug=slug,
                phone=f"+8490{1_000_000 + number:07d}",
                commune=rng.choice(
                    elsewhere if elsewhere and number % 6 == 5 else communes[specialty]
                ),
                address=f"Ấp {rng.randint(1, 9)}",
                main_products=specialty.name,
                story=f"<p>Gia đình chúng tôi làm {specialty.name.lower()} đã nhiều năm.</p>",
                status=status,
                status_changed_at=joined if status != VerificationStatus.DRAFT else None,
                onboarding_step=5,
                registered_by=helper if helper and rng.random() < 0.3 else None,
                created_at=joined,
            )
        )
    Producer.objects.bulk_create(producers, batch_size=500)
    Producer.objects.refresh_search_text()

    owners = User.objects.bulk_create(
        [User(username=p.phone, phone=p.phone, password="!") for p in producers], batch_size=500
    )
    farmers_group.user_set.add(*owners)
    memberships = [
        ProducerMembership(producer=p, user=owner, role=MembershipRole.OWNER)
        for p, owner in zip(producers, owners, strict=True)
    ]
    memberships += [
        ProducerMembership(producer=p, user=helper, role=MembershipRole.ASSISTANT)
        for p in producers
        if p.registered_by_id
    ]
    ProducerMembership.objects.bulk_create(memberships, batch_size=500)

    StatusChange.objects.bulk_create(
        [
            StatusChange(
                producer=p,
                from_status=VerificationStatus.SUBMITTED,
                to_status=p.status,
                reason="" if p.status == VerificationStatus.VERIFIED else "Hồ sơ demo",
                changed_by=official,
                changed_at=p.status_changed_at,
            )
            for p in producers
            if p.status not in (VerificationStatus.DRAFT, VerificationStatus.SUBMITTED)
        ],
        batch_size=500,
    )
    Certification.objects.bulk_create(_demo_certifications(rng, producers), batch_size=500)
    return len(producers)


def _demo_certifications(rng, producers):
    now = timezone.now()
    for producer in producers:
        # An official saw these when verifying the producer.
        approved_at = now if producer.status in ("verified", "suspended") else None
        if rng.random() < 0.25:
            yield Certification(
                producer=producer,
                kind="vietgap",
                number=f"VG-{rng.randint(1000, 9999)}",
                issuer="Trung tâm Chứng nhận VietGAP",
                expires_on=datetime.date(2027 + rng.randint(0, 2), rng.randint(1, 12), 1),
                approved_at=approved_at,
            )
        if rng.random() < 0.1:
            yield Certification(
                producer=producer,
                kind="ocop",
                ocop_stars=rng.choice([3, 3, 4, 4, 5]),
                number=f"OCOP-{rng.randint(100, 999)}",
                issuer="UBND tỉnh Đồng Tháp",
                expires_on=datetime.date(2028, rng.randint(1, 12), 1),
                approved_at=approved_at,
            )


def give_demo_farmer_a_producer(farmer, helper=None):
    """The demo farmer account owns one verified producer, so its portal is not empty."""
    producer = Producer.objects.filter(status=VerificationStatus.VERIFIED, kind="household").first()
    if producer and not producer.memberships.filter(user=farmer).exists():
        ProducerMembership.objects.create(producer=producer, user=farmer, role=MembershipRole.OWNER)
    return producer
