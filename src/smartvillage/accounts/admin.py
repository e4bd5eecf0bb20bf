from __future__ import annotations

from django.contrib import admin, messages
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.contrib.auth.forms import AdminUserCreationForm
from django.contrib.auth.forms import UserChangeForm as BaseUserChangeForm
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from smartvillage.accounts.models import ApiToken, Invitation, Membership, Organisation, User


class UserCreationForm(AdminUserCreationForm):  # type: ignore[type-arg]
    class Meta:
        model = User
        fields = ("email",)


class UserChangeForm(BaseUserChangeForm):  # type: ignore[type-arg]
    class Meta:
        model = User
        fields = "__all__"


class MembershipInline(admin.TabularInline):  # type: ignore[type-arg]
    model = Membership
    extra = 0
    autocomplete_fields = ["user"]
    fields = ["user", "role", "created"]
    readonly_fields = ["created"]


@admin.register(User)
class UserAdmin(BaseUserAdmin):  # type: ignore[type-arg]
    form = UserChangeForm
    add_form = UserCreationForm
    ordering = ["email"]
    list_display = ["email", "first_name", "last_name", "language", "is_active", "is_staff"]
    list_filter = ["is_active", "is_staff", "is_superuser", "language", "anonymised_at"]
    search_fields = ["email", "first_name", "last_name", "phone"]
    readonly_fields = ["last_login", "date_joined", "anonymised_at"]
    autocomplete_fields = ["commune"]
    fieldsets = (
        (None, {"fields": ("email", "password")}),
        (
            _("Profile"),
            {
                "fields": (
                    "first_name",
                    "last_name",
                    "phone",
                    "commune",
                    "language",
                    "accessibility_needs",
                )
            },
        ),
        (
            _("Permissions"),
            {"fields": ("is_active", "is_staff", "is_superuser", "groups", "user_permissions")},
        ),
        (_("Dates"), {"fields": ("last_login", "date_joined", "anonymised_at")}),
    )
    add_fieldsets = (
        (
            None,
            {
                "classes": ("wide",),
                "fields": ("email", "usable_password", "password1", "password2"),
            },
        ),
    )


@admin.register(Organisation)
class OrganisationAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    list_display = ["name", "slug", "kind", "commune", "created"]
    list_filter = ["kind"]
    search_fields = ["name", "slug", "email"]
    prepopulated_fields = {"slug": ("name",)}
    autocomplete_fields = ["commune"]
    inlines = [MembershipInline]


@admin.register(Membership)
class MembershipAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    list_display = ["user", "organisation", "role", "created"]
    list_filter = ["role", "organisation"]
    search_fields = ["user__email", "user__first_name", "user__last_name", "organisation__name"]
    autocomplete_fields = ["user", "organisation"]
    list_select_related = ["user", "organisation"]


@admin.register(Invitation)
class InvitationAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    list_display = ["email", "organisation", "role", "created", "expires_at", "accepted_at"]
    list_filter = ["role", "organisation", "created", "accepted_at", "cancelled_at"]
    search_fields = ["email", "organisation__name"]
    list_select_related = ["organisation"]
    # Invitations are sent from the organisation page, which emails the link.
    readonly_fields = [
        "organisation",
        "email",
        "role",
        "invited_by",
        "key_hash",
        "created",
        "expires_at",
        "accepted_at",
        "accepted_by",
    ]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False


@admin.register(ApiToken)
class ApiTokenAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    list_display = ["key_prefix", "name", "user", "organisation", "expires_at", "revoked_at"]
    list_filter = ["organisation", "revoked_at", "expires_at"]
    search_fields = ["key_prefix", "name", "user__email"]
    list_select_related = ["user", "organisation"]
    readonly_fields = [
        "user",
        "organisation",
        "key_prefix",
        "key_hash",
        "created",
        "last_used_at",
        "revoked_at",
    ]
    fields = ["name", "expires_at", *readonly_fields]
    actions = ["revoke"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        # The secret is shown once, by `smartvillage issue_token`.
        return False

    @admin.action(description=_("Revoke the selected tokens"))
    def revoke(self, request: HttpRequest, queryset: QuerySet[ApiToken]) -> None:
        count = queryset.filter(revoked_at__isnull=True).update(revoked_at=timezone.now())
        message = ngettext("%(count)d token revoked.", "%(count)d tokens revoked.", count)
        self.message_user(request, message % {"count": count}, messages.SUCCESS)
