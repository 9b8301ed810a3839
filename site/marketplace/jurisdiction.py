"""Which rows an official may reach: the one place every officials' list, page, export,
figure and action goes through.

An official holds areas (communes, provinces or the whole installation); the rows of a
model are theirs when the model's commune (reached by the paths its app declares) is
one of the official's communes. Which communes a user holds is the areas app's to say
(it registers the policy in its ready()); this module knows no model of its own.
"""

from django.core.exceptions import ImproperlyConfigured
from django.db.models import Q
from django.forms import modelform_factory
from django.http import Http404
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.views.generic import IndexView
from wagtail.admin.viewsets.model import ModelViewSet as WagtailModelViewSet

EVERYWHERE = None  # what communes_held() answers for a user who sees every area

_paths = {}  # model -> ([commune paths], to_many) ; [] = rows with no area
_policy = []  # [function(user) -> EVERYWHERE or a frozenset of commune codes]


def declare(model, *paths, to_many=False, shared=False):
    """How `model`'s rows reach their commune: one or more lookup paths to a commune
    (`to_many` when one crosses a to-many relation). No path: rows of the whole
    installation, seen only by whoever holds it. `shared`: the same for every area
    (the rules of law)."""
    _paths[model] = (None if shared else list(paths), to_many)


def register_policy(communes_held):
    _policy[:] = [communes_held]


def communes_held(user):
    """EVERYWHERE, or the codes of the communes the user may see (none without a grant)."""
    if user is None or not user.is_authenticated:
        return frozenset()
    if not hasattr(user, "_communes_held"):
        user._communes_held = _policy[0](user) if _policy else EVERYWHERE
    return user._communes_held


def sees_everything(user):
    return communes_held(user) is EVERYWHERE


def forget(user):
    """After a grant changes within a request (the user object keeps what it held)."""
    user.__dict__.pop("_communes_held", None)


def _declared(model):
    try:
        return _paths[model]
    except KeyError:
        raise ImproperlyConfigured(
            f"{model.__name__} has no area: declare its commune path with "
            "marketplace.jurisdiction.declare() in its app's ready()"
        ) from None


def limit(user, queryset):
    """`queryset` cut to the rows in the user's areas."""
    model = queryset.model
    paths, to_many = _declared(model)
    codes = communes_held(user)
    if paths is None or codes is EVERYWHERE:
        return queryset
    if not paths or not codes:
        return queryset.none()
    condition = Q()
    for path in paths:
        condition |= Q(**{f"{path}__in": codes})
    if to_many:  # one row, however many of its relations are in the area
        return queryset.filter(pk__in=model._default_manager.filter(condition).values("pk"))
    return queryset.filter(condition)


def visible(user, instance):
    model = type(instance)
    return limit(user, model._default_manager.filter(pk=instance.pk)).exists()


def get_or_404(user, queryset, **lookup):
    """The row `lookup` names if it is in the user's areas; a 404 otherwise (the row of
    another commune does not exist for its official)."""
    try:
        return limit(user, queryset).get(**lookup)
    except queryset.model.DoesNotExist:
        raise Http404 from None


class InJurisdiction:
    """Mixed into every view of a project viewset: none opens a row outside the
    official's areas."""

    def get_object(self, *args, **kwargs):
        instance = super().get_object(*args, **kwargs)
        if instance is not None and not visible(self.request.user, instance):
            raise Http404
        return instance


class IndexInJurisdiction(InJurisdiction):
    """The list (and its exports) of only the rows in the official's areas."""

    rows_of = None  # the viewset's get_queryset(request), for its joins

    def get_base_queryset(self):
        rows = self.rows_of(self.request) if self.rows_of else None
        if rows is None:
            rows = super().get_base_queryset()
        return limit(self.request.user, rows)


class ModelViewSet(WagtailModelViewSet):
    """Wagtail's model viewset whose every view stays in the official's areas."""

    # The base of the create and edit forms; Wagtail's admin form knows the user
    # (form.for_user), which forms that check areas need.
    base_form_class = WagtailAdminModelForm

    def get_queryset(self, request):
        return None

    def get_form_class(self, for_update=False):
        if self._edit_handler:
            return super().get_form_class(for_update)
        return modelform_factory(
            self.model,
            form=self.base_form_class,
            formfield_callback=self.formfield_for_dbfield,
            fields=self.get_form_fields(),
            exclude=self.get_exclude_form_fields(),
        )

    def get_common_view_kwargs(self, **kwargs):
        return super().get_common_view_kwargs(rows_of=self.get_queryset, **kwargs)

    def construct_view(self, view_class, **kwargs):
        if not issubclass(view_class, InJurisdiction):
            mixin = IndexInJurisdiction if issubclass(view_class, IndexView) else InJurisdiction
            view_class = type(view_class.__name__, (mixin, view_class), {})
        return super().construct_view(view_class, **kwargs)
