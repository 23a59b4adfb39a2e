"""Template context shared by every page: the roles of the signed-in user, computed lazily."""

from django.utils.functional import SimpleLazyObject

from mediation import access


def roles(request):
    return {"my_roles": SimpleLazyObject(lambda: access.roles_of(request.user))}
