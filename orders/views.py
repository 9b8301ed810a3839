"""Buyers: the cart, checkout with cash on delivery, the order's status page."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST
from django.views.generic import FormView

from catalog.models import Product
from marketplace import page_sections
from marketplace.parsing import whole_number
from marketplace.redirects import safe_next
from marketplace.same_origin import posted_from_this_site
from marketplace.throttling import ThrottledFormMixin

from . import payment_methods, services
from .cart import Cart, buy_again, by_producer
from .forms import CancelForm, CheckoutForm, ProvinceForm, QuantityForm
from .models import MONEY_IN, Order, PaymentMethod


def cart_view(request):
    lines = Cart(request.session, request.user).lines()
    parts = by_producer(lines)
    labels = dict(PaymentMethod.choices)
    return render(
        request,
        "orders/cart.html",
        {
            "parts": parts,
            "ways_to_pay": [labels[code] for code in payment_methods.offered(parts)],
            "not_offered": payment_methods.not_offered(parts),
            "total": sum(line.total_vnd for line in lines),
            "has_problems": any(line.problem for line in lines),
        },
    )


@posted_from_this_site
@require_POST
def cart_put(request):
    """Add a product or change its quantity; "remove" takes it out."""
    cart = Cart(request.session, request.user)
    if "remove" in request.POST:
        cart.remove(whole_number(request.POST.get("product")))
        return redirect("orders:cart")
    form = QuantityForm(request.POST)
    if not form.is_valid():
        messages.error(request, " ".join(e for errors in form.errors.values() for e in errors))
        return redirect(safe_next(request, "orders:cart"))
    product = Product.objects.public().filter(pk=form.cleaned_data["product"]).first()
    quantity = form.cleaned_data["quantity"]
    problem = (
        _("This product is not for sale.") if product is None else product.quantity_error(quantity)
    )
    if problem:
        messages.error(request, problem)
        return redirect(safe_next(request, "orders:cart"))
    had_it = str(product.pk) in cart.items
    try:
        cart.put(product, quantity)
    except ValueError as error:
        messages.error(request, str(error))
    else:
        said = _("“%(name)s”: quantity updated.") if had_it else _("“%(name)s” is in your cart.")
        messages.success(request, said % {"name": product.name})
    # From a product page the buyer stays there (the header counts the cart).
    return redirect(safe_next(request, "orders:cart"))


class CheckoutView(ThrottledFormMixin, FormView):
    template_name = "orders/checkout.html"
    form_class = CheckoutForm
    throttle = "checkout"

    def dispatch(self, request, *args, **kwargs):
        self.lines = self.lines_to_buy()
        if self.lines is None:
            return redirect("orders:cart")
        self.parts = by_producer(self.lines)
        # The province is part of the checkout form (what was typed stays when it changes);
        # a link may also give it (?tinh=).
        chosen = request.POST if "tinh" in request.POST else request.GET
        province = ProvinceForm(chosen if "tinh" in chosen else None)
        self.province_form = province
        self.province_code = (
            province.cleaned_data["tinh"].code
            if province.is_valid()
            else settings.HOME_PROVINCE_CODE
        )
        return super().dispatch(request, *args, **kwargs)

    def lines_to_buy(self):
        """The lines this checkout sells (None: nothing to check out)."""
        self.cart = Cart(self.request.session, self.request.user)
        return self.cart.lines() if len(self.cart) else None

    def post(self, request, *args, **kwargs):
        if "change_province" in request.POST:
            # Only the communes change: the form comes back as typed, without errors.
            kwargs = self.get_form_kwargs() | {"initial": request.POST.dict()}
            kwargs.pop("data", None)
            kwargs.pop("files", None)
            form = self.get_form_class()(**kwargs)
            return self.render_to_response(self.get_context_data(form=form))
        return super().post(request, *args, **kwargs)

    def get_form_kwargs(self):
        return {
            **super().get_form_kwargs(),
            "province_code": self.province_code,
            "parts": self.parts,
        }

    def get_initial(self):
        """A signed-in buyer's details, and one of the addresses of their past orders (the
        last, or the one picked: ?dia-chi=)."""
        user = self.request.user
        if not user.is_authenticated:
            return {}
        initial = {
            "buyer_name": user.get_full_name(),
            "buyer_phone": user.phone,
            "buyer_email": user.email,
        }
        addresses = self.addresses()
        picked = whole_number(self.request.GET.get("dia-chi")) or 0
        if addresses:
            past = addresses[min(picked, len(addresses) - 1)]
            initial.update(buyer_name=past.buyer_name, address=past.address)
            if past.commune and past.commune.province_id == self.province_code:
                initial["commune"] = past.commune_id
        return initial

    def addresses(self):
        if not self.request.user.is_authenticated:
            return []
        if not hasattr(self, "_addresses"):
            self._addresses = services.past_addresses(self.request.user)
        return self._addresses

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            parts=self.parts,
            total=sum(line.total_vnd for line in self.lines),
            province_form=self.province_form,
            province_code=self.province_code,
            addresses=self.addresses(),
            **kwargs,
        )

    def form_valid(self, form):
        try:
            order = services.place_order(
                self.lines,
                buyer=self.request.user,
                deliveries=form.deliveries(),
                **form.order_details(),
            )
        except ValidationError as error:
            form.add_error(None, error)
            return self.form_invalid(form)
        self.cart.clear()
        messages.success(
            self.request,
            _("Order placed! Your order code is %(code)s: keep it, with this page's address.")
            % {"code": order.code},
        )
        return redirect(
            payment_methods.get(order.payment_method).next_step(self.request, order) or order
        )


@never_cache  # the buyer's name, phone and address, by a secret link
def order_status(request, code, secret):
    order = get_object_or_404(
        Order.objects.prefetch_related("parts__lines", "parts__producer__commune"),
        code=code,
        secret=secret,
    )
    parts = list(order.parts.all())
    for part in parts:
        part.sections = page_sections.render("order_part", part, request)
    cancellable = services.cancellable_by_buyer(parts)
    return render(
        request,
        "orders/status.html",
        {"order": order, "parts": parts, "cancellable": cancellable},
    )


@require_POST
def order_buy_again(request, code, secret):
    """ "Mua lại": the lines of this order back in the cart, checked again."""
    order = get_object_or_404(Order, code=code, secret=secret)
    added, refused = buy_again(Cart(request.session, request.user), order)
    if added:
        messages.success(request, _("Back in your cart: %(names)s.") % {"names": ", ".join(added)})
    for name, why in refused:
        messages.warning(request, _("“%(name)s”: %(why)s.") % {"name": name, "why": why})
    return redirect("orders:cart")


@never_cache
@require_http_methods(["GET", "POST"])
def order_cancel(request, code, secret):
    """What cancelling would undo, and the buyer's confirmation (with a reason when
    something is paid: its producer sends the money back)."""
    order = get_object_or_404(
        Order.objects.prefetch_related("parts__producer"), code=code, secret=secret
    )
    parts = services.cancellable_by_buyer(order.parts.all())
    if not parts:
        messages.error(request, _("The producers have already confirmed this order: call them."))
        return redirect(order)
    paid = any(part.payment_status in MONEY_IN for part in parts)
    form = CancelForm(request.POST if request.method == "POST" else None, paid=paid)
    if request.method == "POST" and form.is_valid():
        try:
            services.cancel_by_buyer(order, form.cleaned_data["reason"])
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Your order is cancelled."))
            return redirect(order)
    return render(request, "orders/cancel.html", {"order": order, "parts": parts, "form": form})


@login_required
def my_orders(request):
    orders = request.user.orders.prefetch_related("parts__producer")
    return render(request, "orders/my_orders.html", {"orders": orders})
