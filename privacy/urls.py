from django.urls import path

from . import views

app_name = "privacy"

urlpatterns = [
    path("cua-toi/du-lieu/", views.my_data, name="my_data"),
    path("cua-toi/du-lieu/tai-ve/", views.download, name="download"),
    path("cua-toi/du-lieu/dong-y/", views.change_consents, name="consents"),
    path("cua-toi/du-lieu/xoa/", views.request_erasure, name="erasure"),
]
