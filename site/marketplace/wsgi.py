import os
import sys
from pathlib import Path

# The project root holds the apps; site/ holds the project package (see manage.py).
PROJECT_ROOT = Path(__file__).resolve().parents[2]
for path in (PROJECT_ROOT, PROJECT_ROOT / "site"):
    if str(path) not in sys.path:
        sys.path.insert(0, str(path))

from django.core.wsgi import get_wsgi_application  # noqa: E402

os.environ.setdefault(
    "DJANGO_SETTINGS_MODULE",
    f"marketplace.settings.{os.environ.get('DJANGO_ENV', 'dev')}",
)
application = get_wsgi_application()
