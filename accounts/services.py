from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from .roles import FARMERS


def phone_is_registered(phone):
    return get_user_model().objects.filter(phone=phone).exists()


@transaction.atomic
def create_farmer_account(phone, password=None):
    """A farmer's account, named by its phone. Without a password it cannot log in
    until claimed (accounts made by a digital team for a household)."""
    if phone_is_registered(phone):
        raise ValidationError(_("This phone number is already registered."), code="phone_taken")
    user = get_user_model()(username=phone, phone=phone)
    if password:
        user.set_password(password)
    else:
        user.set_unusable_password()
    user.save()
    user.groups.add(Group.objects.get_or_create(name=FARMERS)[0])
    return user
