"""A demo-like database for the serving and backup tests: the areas, the personas, the June 2013 stocktake,
Harrow's imported return with its evidence files, and the audit trail they leave; migrated first. (The full
`concordat demo` adds thousands of synthetic rows and takes minutes; this takes seconds.) Run: python -m
concordat.operations.tests.demo_like"""

import os
import sys


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "concordat.settings")
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", interactive=False, verbosity=0)
    from concordat.accounts.personas import create_personas
    from concordat.areas.reference import load_areas
    from concordat.imports.demo import load_demo as load_imports_demo
    from concordat.returns.demo import load_demo as load_returns_demo

    load_areas()
    create_personas()
    load_returns_demo(stdout=sys.stdout)
    load_imports_demo(stdout=sys.stdout)


if __name__ == "__main__":
    main()
