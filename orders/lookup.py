"""/tra-cuu-don-hang/: a buyer who lost the order's link finds the order with its code
and the phone given at checkout, proved by a code texted to that phone. The page says
the same whether or not the two match, so it tells no stranger which orders exist."""

from django import forms
from django.shortcuts import redirect
from django.urls import reverse_lazy
from django.utils.translation import gettext_lazy as _
from django.views.generic import FormView

from accounts.forms import PhoneCodeForm, PhoneField
from accounts.models import CodePurpose
from accounts.verification import check_code, send_code
from accounts.views import PendingPhoneMixin, StartPhoneFlowView, wrong_code_message
from marketplace.throttling import ThrottledFormMixin

from .models import Order

PENDING_LOOKUP = "pending_order_lookup"


class OrderLookupForm(forms.Form):
    code = forms.CharField(
        label=_("Order code"), max_length=12, help_text=_("As in the text message: CNS-ABC123.")
    )
    phone = PhoneField(label=_("Phone number given with the order"), international=True)

    def clean_code(self):
        return self.cleaned_data["code"].strip().upper()


def order_for(code, phone):
    return Order.objects.filter(code=code, buyer_phone=phone).first()


class OrderLookupView(StartPhoneFlowView):
    throttle = "order_lookup"
    session_key = PENDING_LOOKUP
    template_name = "orders/lookup.html"
    form_class = OrderLookupForm
    success_url = reverse_lazy("orders:lookup_confirm")

    def pending(self, form):
        return {**super().pending(form), "code": form.cleaned_data["code"]}

    def start(self, phone):
        if order_for(self.request.session[PENDING_LOOKUP]["code"], phone):
            send_code(phone, CodePurpose.ORDER_LOOKUP)


class OrderLookupConfirmView(PendingPhoneMixin, ThrottledFormMixin, FormView):
    throttle = "phone_code"
    session_key = PENDING_LOOKUP
    start_url = reverse_lazy("orders:lookup")
    template_name = "orders/lookup_confirm.html"
    form_class = PhoneCodeForm

    def form_valid(self, form):
        order = order_for(self.request.session[PENDING_LOOKUP]["code"], self.phone)
        if order is None or not check_code(
            self.phone, CodePurpose.ORDER_LOOKUP, form.cleaned_data["code"]
        ):
            form.add_error("code", wrong_code_message())
            return self.form_invalid(form)
        del self.request.session[PENDING_LOOKUP]
        return redirect(order.get_absolute_url())
