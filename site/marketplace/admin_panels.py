"""The officials' admin home: each app adds a panel of what waits for them, with links."""

from wagtail.admin.ui.components import Component


class WorkPanel(Component):
    """A heading and rows of (label, figure, link); `rows(request)` gives them."""

    template_name = "marketplace/admin/work_panel.html"

    def __init__(self, name, heading, rows, order):
        self.name, self.heading, self.rows, self.order = name, heading, rows, order

    def get_context_data(self, parent_context):
        return {"heading": self.heading, "name": self.name,
                "rows": self.rows(parent_context["request"])}  # fmt: skip
