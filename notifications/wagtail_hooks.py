from wagtail import hooks

from .admin_views import MessageViewSet


@hooks.register("register_admin_viewset")
def register_message_viewset():
    return MessageViewSet()
