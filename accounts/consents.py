"""What a person agreed to: the operating regulations and privacy notice in force
(Decree 52/2013/NĐ-CP Article 36 as amended by Decree 85/2021/NĐ-CP; Law 91/2025/QH15),
and their consent to each use of their data, given or withdrawn, kept as a history."""

from django.db import transaction

from marketplace.models import SHIPPED_POLICY_VERSION, PolicyKind, current_policy

from .models import Consent, ConsentPurpose, PolicyAcceptance

# Asked at sign-up; the account purpose comes with the account itself.
ASKED_AT_SIGN_UP = (ConsentPurpose.NOTIFICATIONS, ConsentPurpose.MARKETING)


def current_version(kind):
    page = current_policy(kind)
    return page.version if page else SHIPPED_POLICY_VERSION


@transaction.atomic
def accept_policies(user, occasion, kinds=(PolicyKind.REGULATIONS, PolicyKind.PRIVACY)):
    PolicyAcceptance.objects.bulk_create(
        PolicyAcceptance(user=user, kind=kind, version=current_version(kind), occasion=occasion)
        for kind in kinds
    )


def must_accept_again(user):
    """A seller who has not accepted the regulations in force (a new version was published)."""
    return not user.policy_acceptances.filter(
        kind=PolicyKind.REGULATIONS, version=current_version(PolicyKind.REGULATIONS)
    ).exists()


def current_consents(user):
    """Each purpose's current answer: the newest record, else not given."""
    answers = dict.fromkeys(ConsentPurpose.values, False)
    for consent in reversed(list(user.consents.all())):  # oldest first, the newest wins
        answers[consent.purpose] = consent.given
    return answers


def has_consented(user, purpose):
    return current_consents(user)[purpose]


@transaction.atomic
def record_consents(user, answers, *, recorded_by=None, paper_form=None):
    """A new record for each purpose whose answer changed. `recorded_by`: the digital-team
    member acting for a household, whose signed paper form is kept with each record."""
    notice = current_version(PolicyKind.PRIVACY)
    before = current_consents(user) if user.consents.exists() else {}
    stored_form = None
    for purpose, given in answers.items():
        if before.get(purpose) is given:
            continue
        consent = Consent(
            user=user, purpose=purpose, given=given, notice_version=notice, recorded_by=recorded_by
        )
        if paper_form and stored_form is None:
            consent.paper_form.save(paper_form.name, paper_form, save=False)
            stored_form = consent.paper_form.name
        elif stored_form:
            consent.paper_form.name = stored_form
        consent.save()


def record_sign_up(user, answers, *, occasion=PolicyAcceptance.Occasion.SIGN_UP, **on_behalf):
    """A new account's acceptance of the texts in force and its first answers."""
    accept_policies(user, occasion)
    record_consents(user, {ConsentPurpose.ACCOUNT: True, **answers}, **on_behalf)
