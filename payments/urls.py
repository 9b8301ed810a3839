from django.urls import path

from . import portal, views

app_name = "payments"

urlpatterns = [
    path("don-hang/<str:code>/<str:secret>/the/", views.pay_by_card, name="pay_by_card"),
    path(
        "don-hang/<str:code>/<str:secret>/the/xong/",
        views.card_returned,
        {"outcome": "done"},
        name="card_done",
    ),
    path(
        "don-hang/<str:code>/<str:secret>/the/huy/",
        views.card_returned,
        {"outcome": "cancelled"},
        name="card_cancelled",
    ),
    path(
        "don-hang/<str:code>/<str:secret>/hoan-tien/<int:pk>/",
        views.return_account,
        name="return_account",
    ),
    path("cua-toi/hoan-tien/<int:pk>/da-gui/", portal.record_returned, name="record_returned"),
    path(
        "cua-toi/nha-san-xuat/<int:pk>/ngan-hang/",
        portal.BankAccountView.as_view(),
        name="bank_account",
    ),
    path(
        "cua-toi/chuyen-khoan/<int:pk>/da-nhan/", portal.confirm_transfer, name="confirm_transfer"
    ),
]
