from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PaymentsConfig(AppConfig):
    name = "payments"
    verbose_name = _("Payments")

    def ready(self):
        from marketplace import jurisdiction
        from marketplace import personal_data as held

        from . import personal_data
        from .models import Payment, Payout, Refund

        held.holds(
            export=personal_data.export, erase=personal_data.erase, blocks=personal_data.blocks
        )

        from marketplace import events, schedule
        from orders import locks, payment_methods
        from orders.models import PaymentMethod
        from producers import changes

        from . import balances, bank_accounts, records, refunds, services, tasks, transfers

        payment_methods.register(
            payment_methods.Method(
                PaymentMethod.CARD,
                offered=services.card_offered,
                paid_first=True,
                placed=services.card_placed,
                next_step=services.card_next_step,
            )
        )
        payment_methods.register(
            payment_methods.Method(
                PaymentMethod.BANK_TRANSFER,
                offered=transfers.transfer_offered,
                why_not=transfers.transfer_not_offered_because,
                paid_first=True,
                placed=transfers.transfer_placed,
            )
        )
        locks.lock_payments_with(records.lock_payments_of)
        payment_methods.listen("paid_part_cancelled", refunds.paid_part_cancelled)
        events.listen("part_reweighed", balances.part_reweighed)
        payment_methods.listen("unpaid_parts_cancelled", services.unpaid_parts_cancelled)
        schedule.every(60, tasks.settle_payments)
        changes.apply_with(
            bank_accounts.CHANGE_KEY, _("bank account"), bank_accounts.apply, bank_accounts.describe
        )

        jurisdiction.declare(
            Payment, "part__producer__commune", "order__parts__producer__commune", to_many=True
        )
        jurisdiction.declare(
            Refund,
            "part__producer__commune",
            "payment__order__parts__producer__commune",
            to_many=True,
        )
        jurisdiction.declare(Payout, "producer__commune")
