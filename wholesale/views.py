"""The wholesale lane in the portals: the business buyer's (registration, requests, offers
compared, standing orders) and the producer's (requests to answer, quantity prices)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from catalog import services as catalog_services
from catalog.models import Product
from marketplace.forms import ReasonForm
from marketplace.parsing import whole_number
from producers.models import Producer

from . import businesses, quotes, standing, tiers
from .forms import BusinessForm, CategoryChooser, OfferForm, QuoteRequestForm, TierForm
from .models import (
    BusinessStatus,
    Offer,
    OfferStatus,
    QuoteRequest,
    StandingOrder,
    StandingStatus,
)


def _refused(request, error):
    return render(request, "wholesale/refused.html", {"error": error}, status=403)


@login_required
def register(request):
    business = businesses.business_of(request.user)
    if business is not None and business.status != BusinessStatus.REJECTED:
        return redirect("wholesale:home")
    form = BusinessForm(request.POST or None, instance=business)
    if request.method == "POST" and form.is_valid():
        try:
            businesses.register(request.user, form.save(commit=False))
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Sent: an official of the commune checks your business."))
            return redirect("wholesale:home")
    return render(request, "wholesale/register.html", {"form": form, "business": business})


@login_required
def home(request):
    business = businesses.business_of(request.user)
    if business is None:
        return redirect("wholesale:register")
    return render(
        request,
        "wholesale/home.html",
        {
            "business": business,
            "requests": business.requests.select_related("category").prefetch_related("offers")[
                :50
            ],
            "standing": _with_runs(business.standing.all()),
            "reason_form": ReasonForm(),
        },
    )


def _with_runs(standing_orders):
    return standing_orders.select_related("product", "producer", "business").prefetch_related(
        "runs__order"
    )


@login_required
def request_new(request):
    if not businesses.is_approved_buyer(request.user):
        return _refused(request, _("Only a business account approved by an official can ask "
                                   "for quotes and wholesale prices."))  # fmt: skip
    chooser = CategoryChooser(request.GET or None)
    if not chooser.is_valid():
        return render(request, "wholesale/request_new.html", {"chooser": chooser})
    category = chooser.cleaned_data["category"]
    producers = quotes.producers_selling(category).select_related("commune")
    business = businesses.business_of(request.user)
    form = QuoteRequestForm(
        request.POST or None,
        category=category,
        producers=producers,
        initial={"commune": business.commune_id, "address": business.address,
                 "unit": "kg", "product": whole_number(request.GET.get("product") or "")},
    )  # fmt: skip
    if request.method == "POST" and form.is_valid():
        try:
            posted = quotes.post_request(
                request.user,
                form.save(commit=False),
                chosen=form.cleaned_data["chosen"],
                communes=form.cleaned_data["communes"],
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(
                request,
                _("Sent to %(count)s producers; you are texted as their offers come.")
                % {"count": posted.producers.count()},
            )
            return redirect("wholesale:request", posted.pk)
    return render(
        request,
        "wholesale/request_new.html",
        {"chooser": chooser, "category": category, "form": form},
    )


def _own_request(request, pk):
    business = businesses.business_of(request.user)
    if business is None:
        raise Http404
    return get_object_or_404(
        QuoteRequest.objects.select_related("category", "commune", "product"),
        pk=pk,
        business=business,
    )


@login_required
def request_detail(request, pk):
    quote_request = _own_request(request, pk)
    offers = quote_request.offers.select_related("producer__commune", "product", "order")
    return render(
        request,
        "wholesale/request_detail.html",
        {
            "quote_request": quote_request,
            "offers": offers,
            "cheapest": min((o.price_vnd for o in offers if o.is_open), default=None),
        },
    )


@require_POST
@login_required
def offer_accept(request, pk):
    offer = get_object_or_404(Offer, pk=pk)
    quote_request = _own_request(request, offer.request_id)
    try:
        result = quotes.accept(offer, request.user)
    except PermissionDenied as error:
        return _refused(request, str(error) or _("You cannot do this."))
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        if isinstance(result, StandingOrder):
            messages.success(request, _("Accepted: a standing order every week, placed "
                                        "automatically before each delivery."))  # fmt: skip
        else:
            messages.success(request, _("Accepted: order %(code)s placed.") % {"code": result.code})
    return redirect("wholesale:request", quote_request.pk)


@require_POST
@login_required
def request_close(request, pk):
    quote_request = _own_request(request, pk)
    try:
        quotes.close(quote_request, request.user)
    except PermissionDenied as error:
        return _refused(request, str(error) or _("You cannot do this."))
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Closed: the producers not chosen are told."))
    return redirect("wholesale:request", quote_request.pk)


STANDING_ACTIONS = {"pause": standing.pause, "resume": standing.resume, "cancel": standing.cancel}


@require_POST
@login_required
def standing_change(request, pk, action):
    standing_order = get_object_or_404(StandingOrder, pk=pk)
    if action not in STANDING_ACTIONS or not standing.can_change(request.user, standing_order):
        raise Http404
    form = ReasonForm(request.POST)
    reason = form.cleaned_data["reason"] if form.is_valid() else ""
    try:
        STANDING_ACTIONS[action](standing_order, request.user, reason)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Saved; the other side is told."))
    by_business = standing.is_buyer_of(request.user, standing_order)
    return redirect("wholesale:home" if by_business else "wholesale:producer_requests")


@login_required
def producer_requests(request):
    managed = Producer.objects.managed_by(request.user)
    asking = (
        QuoteRequest.objects.filter(producers__in=managed)
        .distinct()
        .select_related("business", "category", "commune")
        .order_by("-created_at", "-pk")[:50]
    )
    mine = {
        offer.request_id: offer
        for offer in Offer.objects.filter(producer__in=managed, request__in=asking)
    }
    return render(
        request,
        "wholesale/portal/requests.html",
        {
            "asking": [(each, mine.get(each.pk)) for each in asking],
            "standing": _with_runs(
                StandingOrder.objects.filter(producer__in=managed).exclude(
                    status=StandingStatus.CANCELLED
                )
            ),
            "reason_form": ReasonForm(),
        },
    )


@login_required
def producer_request(request, pk):
    managed = Producer.objects.managed_by(request.user)
    quote_request = get_object_or_404(
        QuoteRequest.objects.select_related("business", "category", "commune", "product"),
        pk=pk,
        producers__in=managed,
    )
    asked = quote_request.producers.filter(pk__in=managed.values("pk")).order_by("pk")
    chosen = whole_number(request.GET.get("producer") or "")
    producer = (asked.filter(pk=chosen).first() if chosen else None) or asked.first()
    offer = Offer.objects.filter(request=quote_request, producer=producer).first()
    form = OfferForm(request.POST or None, instance=offer, request=quote_request, producer=producer)
    decided = offer is not None and offer.status != OfferStatus.OPEN
    if request.method == "POST" and not decided and form.is_valid():
        try:
            quotes.make_offer(quote_request, producer, form.save(), request.user)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Offer sent: the buyer is texted."))
            return redirect(request.get_full_path())
    return render(
        request,
        "wholesale/portal/request.html",
        {
            "quote_request": quote_request,
            "producer": producer,
            "asked": asked,
            "offer": offer,
            "decided": decided,
            "form": form,
        },
    )


@login_required
def product_tiers(request, pk):
    product = get_object_or_404(Product.objects.select_related("producer"), pk=pk)
    if not catalog_services.can_manage(request.user, product):
        raise Http404
    current = tiers.tiers_of([product]).get(product.pk, [])
    initial = {"public": bool(current) and current[0].public}
    for row, tier in enumerate(current):
        initial[f"quantity_{row}"], initial[f"price_{row}"] = tier.min_quantity, tier.price_vnd
    form = TierForm(request.POST or None, product=product, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            tiers.set_tiers(product, form.cleaned_data["tiers"], public=form.cleaned_data["public"])
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Quantity prices saved."))
            return redirect("wholesale:tiers", product.pk)
    return render(request, "wholesale/portal/tiers.html", {"form": form, "product": product})
