from wagtail import hooks

from .admin_views import AreaGrantViewSet


@hooks.register("register_admin_viewset")
def register_area_grant_viewset():
    return AreaGrantViewSet()
