from django.urls import path

from . import views

app_name = "prices"

urlpatterns = [path("gia-thi-truong/", views.board, name="board")]
