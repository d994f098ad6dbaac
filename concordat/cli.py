"""The ``concordat`` command: a thin front to Django's management commands.

``concordat parse-return FILE`` runs the ``parse_return`` command; dashes and underscores are interchangeable.
"""

import os
import sys


def main(argv: list[str] | None = None) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "concordat.settings")
    from django.core.management import execute_from_command_line

    args = list(sys.argv if argv is None else argv)
    if len(args) > 1 and not args[1].startswith("-"):
        args[1] = args[1].replace("-", "_")
    args[0] = "concordat"
    execute_from_command_line(args)


if __name__ == "__main__":
    main()
