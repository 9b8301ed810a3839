from django.db import models


class ProducerQuerySet(models.QuerySet):
    def public(self):
        return self.filter(status="verified")

    def managed_by(self, user):
        """Producers the user may edit: their own, or those they help as a digital-team member."""
        if not user.is_authenticated:
            return self.none()
        return self.filter(memberships__user=user).distinct()
