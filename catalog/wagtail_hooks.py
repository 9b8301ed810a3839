from wagtail import hooks

from .admin_views import CatalogViewSetGroup


@hooks.register("register_admin_viewset")
def register_catalog_viewsets():
    return CatalogViewSetGroup()
