"""A producer's tax year in the portal: what the marketplace withheld on card sales, and
the cash and transfer sales the producer declares itself."""

from django.utils import timezone
from django.views.generic import TemplateView

from marketplace.parsing import whole_number
from producers.views.mixins import ManagedProducerMixin

from . import declaration

FIRST_YEAR = 2025  # withholding began on 1 July 2025 (Decree 117/2025/NĐ-CP)


class YearlyStatementView(ManagedProducerMixin, TemplateView):
    template_name = "taxes/portal/statement.html"

    def get_context_data(self, **kwargs):
        this_year = timezone.localdate().year
        year = whole_number(self.request.GET.get("nam"))
        year = year if year in range(FIRST_YEAR, this_year + 1) else this_year
        months = declaration.yearly_statement(self.producer, year)
        return super().get_context_data(
            year=year,
            years=range(this_year, FIRST_YEAR - 1, -1),
            months=months,
            totals={
                key: sum(month[key] for month in months)
                for key in ("card_revenue", "vat", "pit", "own_revenue")
            },  # fmt: skip
            **kwargs,
        )
