from django.urls import path

from . import views

app_name = "notifications"

urlpatterns = [path("cua-toi/thong-bao/", views.preferences, name="preferences")]
