"""What payments keep about a person: the bank account of the farms they own and the
accounts they gave for refunds. Money still owed either way must be settled first."""

from django.utils.translation import gettext as _

from marketplace.formatting import format_vnd
from orders.personal_data import placed_by
from producers.models import Producer

from . import ledger
from .models import BankAccount, Refund, RefundStatus


def _owned(person):
    return Producer.objects.owned_by(person.user)


def _refunds_to(person):
    return Refund.objects.filter(part__order__in=placed_by(person))


def export(person):
    return {
        "tai_khoan_ngan_hang": [{
            "ngan_hang": account.get_bank_bin_display(), "so_tai_khoan": account.account_number,
            "chu_tai_khoan": account.account_holder,
        } for account in BankAccount.objects.filter(producer__in=_owned(person))],
        "hoan_tien": [{
            "so_tien_dong": refund.amount_vnd, "ly_do": refund.reason,
            "trang_thai": refund.get_status_display(),
            "so_tai_khoan_nhan": refund.return_account_number,
        } for refund in _refunds_to(person)],
    }  # fmt: skip


def erase(person):
    BankAccount.objects.filter(producer__in=_owned(person)).delete()
    _refunds_to(person).update(return_bank_bin="", return_account_number="",
                               return_account_holder="")  # fmt: skip


def blocks(person):
    reasons = []
    for producer in _owned(person):
        owed = ledger.owed_to(producer)
        if owed:
            reasons.append(
                _("The market and %(farm)s still have %(amount)s to settle: it is paid out "
                  "first.") % {"farm": producer.display_name, "amount": format_vnd(abs(owed))}
            )  # fmt: skip
    open_refunds = _refunds_to(person).filter(status__in=[RefundStatus.PENDING, RefundStatus.OWED])
    if open_refunds.exists():
        reasons.append(_("A refund to you is still on its way."))
    return reasons
