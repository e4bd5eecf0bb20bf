from django.urls import path

from smartvillage.accounts import views

app_name = "accounts"
urlpatterns = [
    path("me/", views.profile, name="profile"),
    path("me/communes/", views.commune_suggestions, name="commune_suggestions"),
    path("me/data.json", views.export_data, name="export_data"),
    path("me/delete/", views.delete_account, name="delete_account"),
    path("organisations/", views.organisations, name="organisations"),
    path("organisations/<slug:slug>/", views.organisation, name="organisation"),
    path("organisations/<slug:slug>/invite/", views.invite_member, name="invite_member"),
    path(
        "organisations/<slug:slug>/members/<int:membership_id>/remove/",
        views.remove_member,
        name="remove_member",
    ),
    path(
        "organisations/<slug:slug>/members/<int:membership_id>/role/",
        views.change_role,
        name="change_role",
    ),
    path(
        "organisations/<slug:slug>/invitations/<int:invitation_id>/cancel/",
        views.cancel_invitation,
        name="cancel_invitation",
    ),
    path("invitations/<str:key>/", views.invitation, name="invitation"),
]
