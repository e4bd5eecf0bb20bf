from django.urls import path

from smartvillage.carsharing import views

app_name = "carsharing"
urlpatterns = [
    path("", views.find, name="find"),
    path("vehicles/<int:pk>/book/", views.book, name="book"),
    path("bookings/", views.my_bookings, name="my_bookings"),
    path("bookings.ics", views.ics, name="ics"),
    path("bookings/<int:pk>/", views.booking_detail, name="booking"),
    path("bookings/<int:pk>/change/", views.change_booking, name="change"),
    path("bookings/<int:pk>/cancel/", views.cancel_booking, name="cancel"),
    path("bookings/<int:pk>/check-out/", views.check_out, name="check_out"),
    path("bookings/<int:pk>/check-in/", views.check_in, name="check_in"),
    path("join/<slug:org>/", views.join, name="join"),
    path("manage/<slug:org>/", views.manage, name="manage"),
    path("manage/<slug:org>/vehicles/<int:pk>/", views.vehicle_calendar, name="vehicle_calendar"),
    path("manage/<slug:org>/members/<int:pk>/review/", views.review_member, name="review_member"),
]
