from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TaxesConfig(AppConfig):
    name = "taxes"
    verbose_name = _("Tax withheld")

    def ready(self):
        from marketplace import events, jurisdiction
        from payments import ledger

        from . import withholding
        from .models import CategoryRule, SellerKindRule, Withholding, WithholdingRate

        events.listen("card_paid", withholding.withhold_card_payment)
        events.listen("card_refunds_settled", withholding.offset_refunds)
        events.listen("part_reweighed", withholding.follow_the_weight)
        ledger.add_deduction(withholding.WITHHELD)

        jurisdiction.declare(Withholding, "producer__commune")
        for rule in (WithholdingRate, SellerKindRule, CategoryRule):
            jurisdiction.declare(rule, shared=True)
