"""Records (orders, payments) stay out of Wagtail's reference index.

The index serves the admin's "used by" views of content: which pages use an image,
which products a producer has. An order or a payment is not content, and indexing
it would write index rows inside the checkout's and the webhook's transactions, one
set for every order ever placed. Such a model says `wagtail_reference_index_ignore =
True`; forget_rows() is the migration that removes the rows written before."""

from django.db import migrations
from django.db.models import Q


def forget_rows(*labels):
    """A migration operation deleting the index rows of these models ("app.Model")."""

    def forget(apps, schema_editor):
        reference_index = apps.get_model("wagtailcore", "ReferenceIndex")
        of_these = Q()
        for label in labels:
            app_label, model = label.lower().split(".")
            of_these |= Q(content_type__app_label=app_label, content_type__model=model)
        reference_index.objects.filter(of_these).delete()

    return migrations.RunPython(forget, migrations.RunPython.noop)
