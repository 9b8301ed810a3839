from django.urls import path

from . import portal

app_name = "taxes"

urlpatterns = [
    path(
        "cua-toi/nha-san-xuat/<int:pk>/thue/",
        portal.YearlyStatementView.as_view(),
        name="statement",
    ),
]
