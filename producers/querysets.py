from django.db import models


class ProducerQuerySet(models.QuerySet):
    def public(self):
        return self.filter(status="verified")

    def awaiting_verification(self):
        return self.filter(status="submitted")

    def managed_by(self, user):
        """Producers the user may edit: their own, or those they help as a digital-team member."""
        if not user.is_authenticated:
            return self.none()
        return self.filter(memberships__user=user).distinct()

    def visible_to(self, user):
        if user.is_authenticated and user.has_perm("producers.view_producer"):
            return self.all()
        if not user.is_authenticated:
            return self.public()
        return self.filter(
            models.Q(status="verified") | models.Q(memberships__user=user)
        ).distinct()
