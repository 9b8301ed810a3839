from wagtail import hooks

# Wagtail's own help links lead to its English guide on another site: not the officials'.
EXTERNAL_HELP = {"editor-guide"}


@hooks.register("construct_help_menu")
def keep_help_on_this_site(request, menu_items):
    menu_items[:] = [
        item
        for item in menu_items
        if item.name not in EXTERNAL_HELP and not item.name.startswith("whats-new-in-wagtail")
    ]
