"""Coming harvests: the public list and a harvest's pre-order page, and the producer's
announcements in the seller portal."""

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import CreateView, ListView, UpdateView

from areas.models import Commune
from catalog import services as catalog_services
from catalog.filter_values import require_known
from catalog.models import Category, Product
from marketplace.parsing import InvalidParameter
from orders import payment_methods
from orders.views import CheckoutView
from producers.models import Producer

from . import preorders, services
from .forms import AnnouncementForm, HarvestForm, PreOrderForm, WeighForm, WithdrawForm
from .models import HarvestAnnouncement, PreOrderStatus
from .services import in_words

PER_PAGE = 24


def upcoming(request):
    """/sap-thu-hoach/: open announcements, soonest first, by category and commune."""
    category_slug = request.GET.get("category") or ""
    commune_code = request.GET.get("commune") or ""
    announcements = HarvestAnnouncement.objects.public().select_related(
        "product__producer", "product__origin_commune", "product__category"
    )
    error, status = "", 200
    try:
        require_known(category=category_slug, commune=commune_code)
    except InvalidParameter as problem:
        error, status = problem.message, 400
        category_slug = commune_code = ""
    category = Category.objects.filter(slug=category_slug).first() if category_slug else None
    if category:
        announcements = announcements.filter(product__category__path__startswith=category.path)
    commune = Commune.objects.filter(pk=commune_code).first() if commune_code else None
    if commune:
        announcements = announcements.filter(product__origin_commune=commune)
    page = Paginator(announcements.order_by("window_start", "pk"), PER_PAGE).get_page(
        request.GET.get("page")
    )
    context = {
        "page_obj": page,
        "coming": [{"announcement": a, "in_words": in_words(a)} for a in page.object_list],
        "categories": Category.get_root_nodes(),
        "communes": Commune.objects.served().filter(
            pk__in=HarvestAnnouncement.objects.public().values("product__origin_commune")
        ),
        "category": category,
        "commune": commune,
        "error": error,
    }
    return render(request, "harvests/upcoming.html", context, status=status)


class PreOrderView(CheckoutView):
    """A harvest's page: what is coming, and the pre-order form while some is left."""

    template_name = "harvests/preorder.html"
    form_class = PreOrderForm

    def lines_to_buy(self):
        self.announcement = get_object_or_404(
            HarvestAnnouncement.objects.filter(product__is_listed=True).select_related(
                "product__producer"
            ),
            pk=self.kwargs["pk"],
        )
        product = self.announcement.product
        return [
            preorders.HarvestLine(
                product,
                product.min_order_quantity,
                self.announcement.unit_price_vnd,
                self.announcement.deposit_percent,
            )
        ]

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "announcement": self.announcement}

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            announcement=self.announcement, in_words=in_words(self.announcement), **kwargs
        )

    def form_valid(self, form):
        try:
            order = preorders.place(
                self.announcement.pk,
                form.cleaned_data["quantity"],
                buyer=self.request.user,
                delivery_method=form.delivery_method(),
                **form.order_details(),
            )
        except ValidationError as error:
            form.add_error(None, error)
            return self.form_invalid(form)
        messages.success(
            self.request,
            _("Pre-order placed! Your order code is %(code)s; the producer calls you at harvest.")
            % {"code": order.code},
        )
        return redirect(
            payment_methods.get(order.payment_method).next_step(self.request, order) or order
        )


class PortalAnnouncementList(LoginRequiredMixin, ListView):
    template_name = "harvests/portal/announcement_list.html"
    context_object_name = "announcements"
    paginate_by = 50

    def get_queryset(self):
        return (
            HarvestAnnouncement.objects.filter(
                product__producer__in=Producer.objects.managed_by(self.request.user)
            )
            .select_related("product__producer")
            .order_by("-window_start", "-pk")
        )

    def get_context_data(self, **kwargs):
        producers = Producer.objects.managed_by(self.request.user)
        return super().get_context_data(
            products=Product.objects.managed_by(self.request.user)
            .select_related("producer")
            .order_by("producer__display_name", "name")[:200],
            many_producers=producers.count() > 1,
            **kwargs,
        )


class ManagedAnnouncementMixin(LoginRequiredMixin):
    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        self.announcement = get_object_or_404(
            HarvestAnnouncement.objects.select_related("product__producer"), pk=kwargs["pk"]
        )
        if not services.can_manage(request.user, self.announcement):
            raise Http404
        return super().dispatch(request, *args, **kwargs)


class AnnouncementFormMixin:
    template_name = "harvests/portal/announcement_form.html"
    form_class = AnnouncementForm

    def form_valid(self, form):
        try:
            announcement = self.save_announcement(form.save(commit=False))
        except ValidationError as error:
            form.add_error(None, error)
            return self.form_invalid(form)
        messages.success(self.request, _("Saved: buyers see the coming harvest."))
        return redirect("harvests:portal_edit", pk=announcement.pk)


class AnnouncementCreateView(LoginRequiredMixin, AnnouncementFormMixin, CreateView):
    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        self.product = get_object_or_404(
            Product.objects.select_related("producer"), pk=kwargs["product_pk"]
        )
        if not catalog_services.can_manage(request.user, self.product):
            raise Http404
        return super().dispatch(request, *args, **kwargs)

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "product": self.product}

    def save_announcement(self, announcement):
        return services.announce(announcement, self.request.user)

    def get_context_data(self, **kwargs):
        return super().get_context_data(product=self.product, **kwargs)


class AnnouncementEditView(ManagedAnnouncementMixin, AnnouncementFormMixin, UpdateView):
    def get_object(self, queryset=None):
        return self.announcement

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "product": self.announcement.product}

    def save_announcement(self, announcement):
        return services.change(announcement, self.request.user)

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            product=self.announcement.product,
            preorders=self.announcement.preorders.exclude(status=PreOrderStatus.CANCELLED)
            .select_related("line__part__order")
            .order_by("created_at", "pk"),
            withdraw_form=WithdrawForm(),
            harvest_form=HarvestForm(),
            weigh_form=WeighForm(),
            **kwargs,
        )


class AnnouncementWithdrawView(ManagedAnnouncementMixin, View):
    def post(self, request, pk):
        form = WithdrawForm(request.POST)
        if not form.is_valid():
            messages.error(request, _("Say why you withdraw the harvest: buyers read it."))
            return redirect("harvests:portal_edit", pk=pk)
        try:
            services.withdraw(self.announcement, request.user, form.cleaned_data["reason"])
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("Withdrawn; its pre-orders are cancelled."))
        return redirect("harvests:portal_list")
