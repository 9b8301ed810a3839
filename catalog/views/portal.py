"""The seller portal: a producer's products, listed, edited and updated from a phone."""

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import CreateView, ListView, UpdateView

from marketplace.parsing import whole_number
from marketplace.redirects import safe_next
from marketplace.text import fold, normalize
from producers import permissions as producer_permissions
from producers.models import Producer, VerificationStatus

from .. import services
from ..forms import ProductForm, QuickUpdateForm
from ..models import Product, ProductStatus

NEW_PRODUCT_BUTTONS = 3
STATUS_ACTIONS = {
    "dang-ban": ProductStatus.ACTIVE,
    "het-hang": ProductStatus.SOLD_OUT,
    "ngung-ban": ProductStatus.DELISTED,
}


class ManagedProductMixin(LoginRequiredMixin):
    """One product of a producer the user manages; anyone else gets a 404."""

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        self.product = get_object_or_404(
            Product.objects.select_related("producer"), pk=kwargs["pk"]
        )
        if not services.can_manage(request.user, self.product):
            raise Http404
        return super().dispatch(request, *args, **kwargs)


class ProductListView(LoginRequiredMixin, ListView):
    """A digital-team member may help a hundred households: their products come grouped
    by household, 50 a page, narrowed to one household (?producer=) or by name (?q=)."""

    template_name = "catalog/portal/product_list.html"
    context_object_name = "products"
    paginate_by = 50

    def get(self, request, *args, **kwargs):
        producers = Producer.objects.managed_by(request.user)
        self.producer = None
        if "producer" in request.GET:
            self.producer = producers.filter(pk=whole_number(request.GET["producer"])).first()
            if self.producer is None:
                raise Http404
        self.query = normalize(request.GET.get("q", "")).strip()[:100]
        self.producers = producers
        return super().get(request, *args, **kwargs)

    def get_queryset(self):
        products = Product.objects.managed_by(self.request.user).for_cards()
        if self.producer:
            products = products.filter(producer=self.producer)
        for word in fold(self.query).split():
            products = products.filter(
                Q(search_name__contains=word) | Q(producer__search_name__contains=word)
            )
        return products.order_by("producer__display_name", "producer_id", "-updated_at")

    def get_context_data(self, **kwargs):
        own = self.producers if self.producer is None else [self.producer]
        return super().get_context_data(
            producer=self.producer,
            query=self.query,
            # One button per household only when they are few; otherwise each group has its own.
            new_product_for=[p for p in own if p.status != VerificationStatus.SUSPENDED][
                :NEW_PRODUCT_BUTTONS
            ],
            many_producers=self.producers.count() > 1,
            **kwargs,
        )


class ProductFormMixin:
    template_name = "catalog/portal/product_form.html"
    form_class = ProductForm

    def form_valid(self, form):
        uploads = form.cleaned_data.get("new_photos") or []
        try:
            # The product and its photos are saved together, or not at all.
            with transaction.atomic():
                product = self.save_product(form)
                if uploads:
                    services.add_photos(product, self.request.user, uploads)
        except ValidationError as error:
            form.add_error("new_photos" if uploads else None, error)
            return self.form_invalid(form)
        messages.success(self.request, _("Saved."))
        return redirect("catalog:portal_edit", pk=product.pk)


class ProductCreateView(LoginRequiredMixin, ProductFormMixin, CreateView):
    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        self.producer = get_object_or_404(Producer, pk=kwargs["producer_pk"])
        if not producer_permissions.can_edit(request.user, self.producer):
            raise Http404
        return super().dispatch(request, *args, **kwargs)

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs["instance"] = Product(producer=self.producer)
        return kwargs

    def save_product(self, form):
        return services.create_product(form.save(commit=False), self.request.user)

    def get_context_data(self, **kwargs):
        return super().get_context_data(producer=self.producer, **kwargs)


class ProductEditView(ManagedProductMixin, ProductFormMixin, UpdateView):
    def get_object(self, queryset=None):
        return self.product

    def save_product(self, form):
        return services.save_product(form.save(commit=False), self.request.user)

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            producer=self.product.producer,
            photos=self.product.photos.select_related("image"),
            on_behalf=producer_permissions.acts_on_behalf(self.request.user, self.product.producer),
            **kwargs,
        )


class ProductStatusView(ManagedProductMixin, View):
    def post(self, request, pk, action):
        to_status = STATUS_ACTIONS.get(action)
        if to_status is None:
            raise Http404
        try:
            services.change_status(self.product, to_status, request.user)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(
                request,
                _("“%(name)s” is now: %(status)s.")
                % {"name": self.product.name, "status": self.product.get_status_display()},
            )
        return redirect(safe_next(request, reverse("catalog:portal_list")))


class ProductDuplicateView(ManagedProductMixin, View):
    def post(self, request, pk):
        copy = services.duplicate_product(self.product, request.user)
        messages.success(
            request, _("A draft copy was made. Change what differs and put it on sale.")
        )
        return redirect("catalog:portal_edit", pk=copy.pk)


class QuickUpdateView(ManagedProductMixin, View):
    def post(self, request, pk):
        form = QuickUpdateForm(request.POST)
        try:
            if not form.is_valid():
                raise ValidationError([e for errors in form.errors.values() for e in errors])
            services.quick_update(
                self.product,
                request.user,
                price_vnd=form.cleaned_data["price_vnd"],
                stock_quantity=form.cleaned_data["stock_quantity"],
                clear_stock=form.cleaned_data["stock_quantity"] is None,
            )
        except ValidationError as error:
            messages.error(request, f"{self.product.name}: {' '.join(error.messages)}")
        else:
            messages.success(request, _("“%(name)s” updated.") % {"name": self.product.name})
        return redirect("catalog:portal_list")


class ArrangePhotosView(ManagedProductMixin, View):
    """Reorder (first is the cover) and remove photos; works without JavaScript."""

    def post(self, request, pk):
        photo_ids = [photo.pk for photo in self.product.photos.all()]
        order = sorted(photo_ids, key=lambda photo_id: _position(request.POST, photo_id))
        removed = [
            number
            for value in request.POST.getlist("remove")
            if (number := whole_number(value)) is not None
        ]
        try:
            services.arrange_photos(self.product, request.user, order, removed)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        return redirect("catalog:portal_edit", pk=pk)


def _position(data, photo_id):
    """Where the farmer put the photo; a photo without a readable position stays last."""
    position = whole_number(data.get(f"position-{photo_id}"))
    return (0, position) if position is not None else (1, photo_id)
