from django.urls import path

from . import views

app_name = "complaints"

urlpatterns = [
    path("don-hang/<str:code>/<str:secret>/khieu-nai/moi/<int:part>/", views.open_complaint,
         name="open"),
    path("don-hang/<str:code>/<str:secret>/khieu-nai/<int:pk>/chap-nhan/", views.accept,
         name="accept"),
    path("don-hang/<str:code>/<str:secret>/khieu-nai/<int:pk>/nho-can-bo/", views.ask_mediation,
         name="mediation"),
    path("cua-toi/khieu-nai/<int:pk>/", views.answer, name="answer"),
    path("cua-toi/khieu-nai/anh/<int:pk>/", views.photo, name="photo"),
]  # fmt: skip
