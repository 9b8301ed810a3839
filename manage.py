#!/usr/bin/env python3
import os
import sys
from pathlib import Path

# site/ holds the project package; it cannot be a package itself because the
# standard library owns the name "site".
sys.path.insert(0, str(Path(__file__).resolve().parent / "site"))


def main():
    os.environ.setdefault(
        "DJANGO_SETTINGS_MODULE",
        f"marketplace.settings.{os.environ.get('DJANGO_ENV', 'dev')}",
    )
    from django.core.management import execute_from_command_line

    execute_from_command_line(sys.argv)


if __name__ == "__main__":
    main()
