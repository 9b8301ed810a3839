"""`manage.py grant_area` gives an official or a digital-team member their areas, and
digital-team members register households only in theirs."""

import io

import pytest
from django.core.management import CommandError, call_command

from accounts.roles import DIGITAL_TEAM, OFFICIALS
from areas.models import AreaGrant
from marketplace import jurisdiction
from tests.factories import ProducerFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_grant_area_gives_communes_and_provinces_once(home_communes, cai_be):
    official = UserFactory(username="canbo-xa", roles=[OFFICIALS], areas=False)
    other = home_communes.exclude(pk=cai_be.pk).order_by("code").first()
    assert jurisdiction.communes_held(official) == frozenset()

    out = io.StringIO()
    call_command("grant_area", "canbo-xa", "--commune", str(cai_be.code),
                 "--commune", str(other.code), stdout=out)  # fmt: skip
    call_command("grant_area", "canbo-xa", "--commune", str(cai_be.code), stdout=out)
    assert AreaGrant.objects.filter(user=official).count() == 2
    jurisdiction.forget(official)
    assert jurisdiction.communes_held(official) == {cai_be.code, other.code}

    call_command("grant_area", "canbo-xa", "--province", str(cai_be.province_id), stdout=out)
    jurisdiction.forget(official)
    assert jurisdiction.communes_held(official) == set(home_communes.values_list("code", flat=True))


@pytest.mark.parametrize(
    "arguments, message",
    [(["nobody", "--commune", "1"], "No user"), (["canbo-xa"], "Give --commune"),
     (["canbo-xa", "--commune", "999999"], "Unknown area")],
)  # fmt: skip
def test_grant_area_refuses_what_does_not_exist(home_communes, arguments, message):
    UserFactory(username="canbo-xa", roles=[OFFICIALS], areas=False)
    with pytest.raises(CommandError, match=message):
        call_command("grant_area", *arguments)


def test_a_digital_team_member_chooses_only_the_communes_they_work_in(client, cai_be):
    helper = UserFactory(username="totcns-xa", phone="+84987000009", roles=[DIGITAL_TEAM],
                         areas={"communes": [cai_be]})  # fmt: skip
    household = ProducerFactory(status="draft", helper=helper, commune=None)
    client.force_login(helper)
    page = client.get(f"/cua-toi/nha-san-xuat/{household.pk}/buoc/2/")
    assert list(page.context["form"].fields["commune"].queryset) == [cai_be]
    elsewhere = page.context["form"].fields["commune"].queryset.model.objects.exclude(pk=cai_be.pk)
    answer = client.post(
        f"/cua-toi/nha-san-xuat/{household.pk}/buoc/2/", {"commune": elsewhere.first().pk}
    )
    assert answer.status_code == 200 and answer.context["form"].errors["commune"]
