from django.urls import path

from . import lookup, portal, views

app_name = "orders"

urlpatterns = [
    path("gio-hang/", views.cart_view, name="cart"),
    path("gio-hang/cap-nhat/", views.cart_put, name="cart_put"),
    path("thanh-toan/", views.CheckoutView.as_view(), name="checkout"),
    path("don-hang/", views.my_orders, name="my_orders"),
    path("tra-cuu-don-hang/", lookup.OrderLookupView.as_view(), name="lookup"),
    path("tra-cuu-don-hang/ma/", lookup.OrderLookupConfirmView.as_view(), name="lookup_confirm"),
    path("don-hang/<str:code>/<str:secret>/", views.order_status, name="status"),
    path("don-hang/<str:code>/<str:secret>/huy/", views.order_cancel, name="cancel"),
    path("don-hang/<str:code>/<str:secret>/mua-lai/", views.order_buy_again, name="buy_again"),
    path("cua-toi/don-hang/", portal.order_list, name="portal_orders"),
    path(
        "cua-toi/nha-san-xuat/<int:pk>/giao-hang/",
        portal.DeliverySettingsView.as_view(),
        name="portal_delivery",
    ),
    path("cua-toi/don-hang/<int:pk>/", portal.part_detail, name="portal_part"),
    path("cua-toi/don-hang/<int:pk>/<slug:action>/", portal.part_action, name="portal_part_action"),
]
