"""The account buyers transfer to and payouts go to. Money follows it, so a change is
guarded: the first account is saved at once; replacing the account of a verified
producer waits for an official like other identity changes (producers.changes); the
owner is told either way, by a portal notice and a text; a helper's change is logged
as done on the household's behalf."""

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils.translation import gettext as _

from accounts.sms import send_sms
from producers import changes, permissions
from producers.models import MembershipRole
from producers.notifications import in_vietnamese, notify_producer
from producers.services import record_activity

from . import banks
from .models import BankAccount

CHANGE_KEY = "bank_account"
FIELDS = ("bank_bin", "account_number", "account_holder")


@transaction.atomic
def save_bank_account(producer, actor, values):
    """Returns "saved" or "pending" (waiting for an official)."""
    if not permissions.can_edit(actor, producer):
        raise PermissionDenied
    values = {name: values[name] for name in FIELDS}
    current = BankAccount.objects.select_for_update().filter(producer=producer).first()
    if current and all(getattr(current, name) == values[name] for name in FIELDS):
        return "saved"
    if current and changes.changes_need_review(producer):
        changes.request_change(producer, actor, {CHANGE_KEY: values})
        record_activity(producer, actor, "bank_account_change_requested")
        _tell_owner(producer, values, pending=True)
        return "pending"
    apply(producer, values)
    record_activity(producer, actor, "bank_account_saved")
    _tell_owner(producer, values, pending=False)
    return "saved"


def apply(producer, values):
    """Also an official's approval of a pending change (registered in apps.py)."""
    BankAccount.objects.update_or_create(
        producer=producer, defaults={name: values[name] for name in FIELDS}
    )


def describe(values):
    return banks.account_line(
        values["bank_bin"], values["account_number"], values["account_holder"]
    )


def pending_account(producer):
    change = producer.pending_change
    return describe(change.values[CHANGE_KEY]) if change and CHANGE_KEY in change.values else ""


@in_vietnamese
def _tell_owner(producer, values, pending):
    details = {
        "name": producer.display_name,
        "bank": banks.short_name(values["bank_bin"]),
        "tail": values["account_number"][-4:],
    }
    message = (
        _(
            "%(name)s: a new bank account (%(bank)s, ending %(tail)s) waits for an official's "
            "approval. If you did not ask for it, call your commune."
        )
        if pending
        else _(
            "%(name)s: buyers now transfer to %(bank)s, account ending %(tail)s. If you did "
            "not ask for it, call your commune."
        )
    ) % details
    notify_producer(producer, _("Your bank account"), message)
    owner = producer.memberships.filter(role=MembershipRole.OWNER).select_related("user").first()
    phone = (owner.user.phone if owner else "") or producer.phone
    transaction.on_commit(lambda: send_sms(phone, message))
