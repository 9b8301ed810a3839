from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from .admin_views import DECLARATION_PERMISSION, MonthlyDeclarationReport, TaxesViewSetGroup


@hooks.register("register_admin_viewset")
def register_tax_viewsets():
    return TaxesViewSetGroup()


@hooks.register("register_admin_urls")
def register_tax_urls():
    return [
        path("tax-declaration/", MonthlyDeclarationReport.as_view(), name="taxes_declaration"),
        path("tax-declaration/results/", MonthlyDeclarationReport.as_view(results_only=True),
             name="taxes_declaration_results"),
    ]  # fmt: skip


class DeclarationMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm(DECLARATION_PERMISSION)


@hooks.register("register_reports_menu_item")
def register_declaration_report():
    return DeclarationMenuItem(
        _("Tax withheld, monthly"), reverse("taxes_declaration"), icon_name="table", order=710
    )
