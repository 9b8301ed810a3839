"""The officials' admin home: each app adds a panel of what waits for them, with links."""

from django.db.models import QuerySet
from wagtail.admin.ui.components import Component

from . import jurisdiction


class WorkPanel(Component):
    """A heading and rows of (label, figure, link); `rows(request)` gives them. A figure
    given as a queryset is counted in the official's areas."""

    template_name = "marketplace/admin/work_panel.html"

    def __init__(self, name, heading, rows, order):
        self.name, self.heading, self.rows, self.order = name, heading, rows, order

    def get_context_data(self, parent_context):
        request = parent_context["request"]
        rows = [
            (label, _counted(request.user, figure), link)
            for label, figure, link in self.rows(request)
        ]
        return {"heading": self.heading, "name": self.name, "rows": rows}


def _counted(user, figure):
    return jurisdiction.limit(user, figure).count() if isinstance(figure, QuerySet) else figure
