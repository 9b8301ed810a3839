from django.urls import path

from . import views

app_name = "reviews"

urlpatterns = [
    path("don-hang/<str:code>/<str:secret>/danh-gia/<int:line>/", views.write, name="write"),
    path("danh-gia/<int:pk>/bao-cao/", views.report, name="report"),
    path("cua-toi/danh-gia/", views.producer_reviews, name="portal"),
    path("cua-toi/danh-gia/<int:pk>/tra-loi/", views.answer, name="answer"),
]
