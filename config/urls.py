"""Top-level URLs: the dialogue work, the public glossary, sign-in and the admin."""

from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path
from django.utils.translation import gettext_lazy as _

from accounts.views import language, twofactor

admin.site.site_header = _("Track II dialogue tracker")
admin.site.site_title = _("Dialogue tracker admin")
admin.site.index_title = _("Organizers' console")

urlpatterns = [
    path(
        "accounts/login/",
        auth_views.LoginView.as_view(redirect_authenticated_user=True),
        name="login",
    ),
    path("accounts/logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("accounts/two-factor/", twofactor.two_factor_verify, name="two_factor_verify"),
    path("accounts/two-factor/setup/", twofactor.two_factor_setup, name="two_factor_setup"),
    path(
        "accounts/two-factor/backup-codes/",
        twofactor.two_factor_backup_codes,
        name="two_factor_backup_codes",
    ),
    path("accounts/language/", language.language_switch, name="language_switch"),
    path("admin/", admin.site.urls),
    path("glossary/", include("glossary.urls")),
    path("", include("mediation.urls")),
]
