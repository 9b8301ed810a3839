"""/cua-toi/thong-bao/: how the signed-in person (buyer, farmer or helper) is reached."""

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from .models import Preference


class PreferenceForm(forms.ModelForm):
    class Meta:
        model = Preference
        fields = ["zalo", "sms", "email"]


@login_required
def preferences(request):
    phone = request.user.phone
    if not phone:
        messages.error(request, _("Your account has no phone number to send messages to."))
        return redirect("producers:portal")
    current = Preference.objects.filter(phone=phone).first() or Preference(phone=phone)
    form = PreferenceForm(request.POST or None, instance=current)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("Saved: you are reached the way you chose."))
        return redirect("notifications:preferences")
    return render(request, "notifications/preferences.html", {"form": form})
