"""Officials in the Wagtail admin: payments (read only), refunds and payouts (each by its own
permission), and what the marketplace owes each producer, with CSV/XLSX export."""

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.generic import FormView
from wagtail.admin.auth import permission_denied
from wagtail.admin.ui.tables import Column, DateColumn, TitleColumn
from wagtail.admin.views.generic import CreateView, EditView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.views.reports import ReportView
from wagtail.admin.viewsets.base import ViewSetGroup
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy

from marketplace import jurisdiction
from marketplace.formatting import format_vnd
from marketplace.inspect import ReadableInspectView
from marketplace.jurisdiction import ModelViewSet
from marketplace.parsing import EARLIEST_DATE
from marketplace.spreadsheets import ExportsItsColumns, OfficialExportMixin, SafeExportIndexView

from . import ledger, refunds
from .forms import RefundForm
from .models import Payment, Payout, Refund, RefundStatus

REFUND_PERMISSION = "payments.add_refund"
OWED_PERMISSION = "payments.view_payout"


class WrittenByServicesPolicy(ModelPermissionPolicy):
    """Payments and refunds are written by the payments services only (webhooks, the refund
    form): nobody, not even an administrator, adds or deletes one in the admin."""

    denied = {"add", "delete"}

    def user_has_permission(self, user, action):
        return action not in self.denied and super().user_has_permission(user, action)

    def user_has_permission_for_instance(self, user, action, instance):
        return action not in self.denied and super().user_has_permission_for_instance(
            user, action, instance
        )


register_permission_policy(Payment, WrittenByServicesPolicy(Payment))
register_permission_policy(Refund, WrittenByServicesPolicy(Refund))


class RefundLinkColumn(Column):
    """A link to the refund form, only where something can be refunded and only for the
    officials allowed to (a blank link led the others to "no permission")."""

    cell_template_name = "payments/admin/refund_cell.html"

    def get_cell_context_data(self, instance, parent_context):
        context = super().get_cell_context_data(instance, parent_context)
        request = parent_context.get("request")
        allowed = request is not None and request.user.has_perm(REFUND_PERMISSION)
        context["url"] = (
            reverse("payments_refund", args=[instance.pk])
            if allowed and refunds.refundable(instance)
            else ""
        )
        return context


class PaymentViewSet(ModelViewSet):
    model = Payment
    index_view_class = SafeExportIndexView
    icon = "doc-full"
    menu_label = gettext_lazy("Payments")
    url_prefix = "payments"
    name = "payments_admin"
    inspect_view_enabled = True
    inspect_view_class = ReadableInspectView
    list_display = [
        TitleColumn("order", label=gettext_lazy("order"), url_name="payments_admin:inspect"),
        "method",
        "status",
        "amount_vnd",
        "refunded_vnd",
        DateColumn("created_at", label=gettext_lazy("created")),
        "problem",
        RefundLinkColumn("refund", label=gettext_lazy("Refund"), accessor="pk"),
    ]
    list_filter = ["method", "status", "created_at"]
    list_export = ["order", "method", "status", "amount_vnd", "refunded_vnd", "paid_at", "problem"]
    export_filename = "thanh-toan"
    search_fields = ["order__code", "stripe_session_id", "stripe_payment_intent"]
    form_fields = ["problem"]  # administrators only: officials have the view permission
    inspect_view_fields = [
        "order",
        "part",
        "method",
        "status",
        "amount_vnd",
        "refunded_vnd",
        "expires_at",
        "paid_at",
        "confirmed_by",
        "stripe_session_id",
        "stripe_payment_intent",
        "problem",
        "created_at",
    ]

    def get_queryset(self, request):
        return Payment.objects.select_related("order")


class RefundEditView(EditView):
    """A refund made in Stripe's dashboard for an order of several producers is put
    against its part here (payments.ledger); other refunds change only their reason."""

    def get_form_class(self):
        form_class = super().get_form_class()
        refund = self.object
        if refund.part_id is not None:
            return form_class

        class AttributeRefundForm(form_class):
            part = forms.ModelChoiceField(
                label=_("producer's part it was for"),
                queryset=refund.payment.order.parts.select_related("producer"),
                required=False,
            )

        return AttributeRefundForm

    def save_instance(self):
        part = self.form.cleaned_data.get("part")
        with transaction.atomic():
            refund = super().save_instance()
            if part is not None:
                ledger.attribute_refund(refund, part, self.request.user)
        return refund


def _owed_for(refund):
    """How long money owed back by a producer has waited (empty once sent)."""
    if refund.status != RefundStatus.OWED:
        return ""
    days = (timezone.now() - refund.created_at).days
    return ngettext("%(count)s day", "%(count)s days", days) % {"count": days}


class RefundViewSet(ModelViewSet):
    model = Refund
    edit_view_class = RefundEditView
    index_view_class = SafeExportIndexView
    icon = "undo"
    menu_label = gettext_lazy("Refunds")
    url_prefix = "refunds"
    name = "refunds_admin"
    inspect_view_enabled = True
    inspect_view_class = ReadableInspectView
    list_display = [
        Column("payment", label=gettext_lazy("payment")),
        Column("part", label=gettext_lazy("producer's part")),
        "amount_vnd",
        "status",
        Column("age", label=gettext_lazy("Owed for"), accessor=_owed_for),
        "reason",
        "bank_reference",
        DateColumn("created_at", label=gettext_lazy("created")),
    ]
    list_filter = ["status", "payment__method", "created_at"]
    list_export = [
        "payment",
        "part",
        "amount_vnd",
        "status",
        "reason",
        "return_account",
        "bank_reference",
        "settled_at",
        "requested_by",
        "created_at",
    ]
    inspect_view_fields = [
        "payment",
        "part",
        "amount_vnd",
        "status",
        "reason",
        "requested_by",
        "return_account",
        "bank_reference",
        "settled_at",
        "settled_by",
        "stripe_refund_id",
        "created_at",
    ]
    export_filename = "hoan-tien"
    form_fields = ["reason"]  # refunds are made from a payment, through the refund form

    def get_queryset(self, request):
        return Refund.objects.select_related("payment__order", "part__producer", "requested_by")


class PayoutCreateView(CreateView):
    def save_instance(self):
        self.form.instance.recorded_by = self.request.user
        return super().save_instance()


class PayoutViewSet(ModelViewSet):
    model = Payout
    add_view_class = PayoutCreateView
    index_view_class = SafeExportIndexView
    icon = "arrow-right-full"
    menu_label = gettext_lazy("Payouts to producers")
    url_prefix = "payouts"
    name = "payouts_admin"
    list_display = [
        TitleColumn("producer", label=gettext_lazy("producer"), url_name="payouts_admin:edit"),
        "amount_vnd",
        "paid_on",
        "bank_reference",
        "recorded_by",
    ]
    list_filter = ["paid_on"]
    list_export = ["producer", "amount_vnd", "paid_on", "bank_reference", "recorded_by"]
    export_filename = "chi-tra"
    form_fields = ["producer", "amount_vnd", "paid_on", "bank_reference", "reason"]

    def get_form_class(self, for_update=False):
        form_class = super().get_form_class(for_update)

        class PayoutForm(form_class):
            def __init__(self, *args, **kwargs):
                super().__init__(*args, **kwargs)
                producer = self.fields["producer"]
                producer.queryset = jurisdiction.limit(self.for_user, producer.queryset)

            def clean_paid_on(self):
                paid_on = self.cleaned_data["paid_on"]
                if paid_on > timezone.localdate():
                    raise ValidationError(_("A payout cannot be dated in the future."))
                if paid_on < EARLIEST_DATE:
                    raise ValidationError(
                        _("Enter a date from %(year)s on.") % {"year": EARLIEST_DATE.year}
                    )
                return paid_on

            def clean(self):
                cleaned = super().clean()
                producer, amount = cleaned.get("producer"), cleaned.get("amount_vnd")
                if producer and amount and not self.instance.pk:
                    try:
                        ledger.check_payout(producer, amount, cleaned.get("reason"))
                    except ValidationError as error:
                        self.add_error("reason", error)
                return cleaned

        return PayoutForm

    def get_queryset(self, request):
        return Payout.objects.select_related("producer", "recorded_by")


class PaymentsViewSetGroup(ViewSetGroup):
    menu_label = gettext_lazy("Payments")
    menu_icon = "doc-full"
    menu_order = 230
    items = (PaymentViewSet, RefundViewSet, PayoutViewSet)


class RefundView(WagtailAdminTemplateMixin, FormView):
    """Refund a card payment, whole or one producer's part; the stock of a part not yet
    delivered goes back."""

    template_name = "payments/admin/refund.html"
    form_class = RefundForm
    page_title = gettext_lazy("Refund")
    header_icon = "undo"

    def dispatch(self, request, pk):
        if not request.user.has_perm(REFUND_PERMISSION):
            return permission_denied(request)
        self.payment = jurisdiction.get_or_404(
            request.user, Payment.objects.select_related("order"), pk=pk
        )
        return super().dispatch(request, pk)

    def get_page_subtitle(self):
        return self.payment.order.code

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {"url": reverse("payments_admin:index"), "label": _("Payments")},
            {"url": "", "label": self.payment.order.code},
        ]

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "payment": self.payment}

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            payment=self.payment,
            refundable=refunds.refundable(self.payment),
            parts=[
                (part, refunds.refundable(self.payment, part))
                for part in self.payment.order.parts.select_related("producer")
            ],
            **kwargs,
        )

    def form_valid(self, form):
        try:
            made = refunds.refund(
                self.payment,
                part=form.chosen_part(),
                amount=form.cleaned_data["amount"],
                reason=form.cleaned_data["reason"],
                actor=self.request.user,
            )
        except ValidationError as error:
            form.add_error(None, error)
            return self.form_invalid(form)
        messages.success(
            self.request,
            _("Refund of %(amount)s sent to Stripe.")
            % {"amount": format_vnd(sum(refund.amount_vnd for refund in made))},
        )
        return redirect("payments_admin:inspect", self.payment.pk)


class OwedToProducersReport(ExportsItsColumns, OfficialExportMixin, ReportView):
    """What the marketplace owes each producer for card sales delivered, less payouts."""

    page_title = gettext_lazy("Owed to producers")
    header_icon = "table"
    index_url_name = "payments_owed"
    index_results_url_name = "payments_owed_results"
    xlsx_units = gettext_lazy("đồng")

    @cached_property
    def columns(self):
        return [
            Column("display_name", label=_("Producer")),
            Column("commune_name", label=_("Commune")),
            Column("bank_account_number", label=_("account number")),
            Column("earned", label=_("Delivered, paid by card (đồng)")),
            *[Column(kept.name, label=kept.label) for kept in ledger.deductions()],
            Column("net", label=_("Net (đồng)")),
            Column("paid_out", label=_("Paid out (đồng)")),
            Column("owed", label=_("Owed (đồng)")),
        ]

    @property
    def xlsx_total_fields(self):
        return [name for name in self.list_export if name not in
                ("display_name", "commune_name", "bank_account_number")]  # fmt: skip

    def dispatch(self, request, *args, **kwargs):
        if not request.user.has_perm(OWED_PERMISSION):
            return permission_denied(request)
        return super().dispatch(request, *args, **kwargs)

    def get_filename(self):
        return f"no-nha-san-xuat-{timezone.localdate().isoformat()}"

    def get_queryset(self):
        self.queryset = (
            ledger.with_a_balance()
            .annotate(
                commune_name=F("commune__name"),
                bank_account_number=F("bank_account__account_number"),
            )
            .order_by("-owed", "display_name")
        )
        self.queryset = jurisdiction.limit(self.request.user, self.queryset)
        return super().get_queryset()
