"""The WSGI application a production server (gunicorn) loads. It refuses development keys with DEBUG off."""

import os

from django.conf import settings
from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "concordat.settings")
application = get_wsgi_application()

from concordat.operations.checks import refuse_unsafe_settings  # noqa: E402  (needs the apps loaded)

refuse_unsafe_settings()

if settings.WEB_WARM:
    from concordat.warming import warm

    warm()
