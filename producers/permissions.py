"""Who may do what with a producer. One place, used by views, admin and tests.

- anonymous visitors and buyers: see verified producers only
- a farmer (owner member): sees and edits their own producers
- a community digital-team member (assistant member): sees and edits the
  producers they registered or were assigned to
- officials: see the producers of their areas and moderate them; they do not edit
  farmers' profiles
"""

from accounts.roles import DIGITAL_TEAM
from marketplace import jurisdiction

from .models import MembershipRole, ProducerMembership


def is_official(user):
    return user.is_authenticated and user.has_perm("producers.view_producer")


def oversees(user, producer):
    """An official whose areas hold the producer."""
    return is_official(user) and jurisdiction.visible(user, producer)


def is_digital_team_member(user):
    return user.is_authenticated and user.groups.filter(name=DIGITAL_TEAM).exists()


def membership(user, producer):
    if not user.is_authenticated:
        return None
    return ProducerMembership.objects.filter(user=user, producer=producer).first()


def can_view(user, producer):
    return producer.is_public or membership(user, producer) is not None or oversees(user, producer)


def can_edit(user, producer):
    return membership(user, producer) is not None


def can_moderate(user):
    return user.is_authenticated and user.has_perm("producers.moderate_producer")


def acts_on_behalf(user, producer):
    """True when the user edits as a digital-team helper rather than as the producer."""
    member = membership(user, producer)
    return member is not None and member.role == MembershipRole.ASSISTANT
