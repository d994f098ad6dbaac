"""Settings for the fault tests' server: Concordat's own, plus one test-only URL (fault_urls)."""

from concordat.settings import *  # noqa: F403

ROOT_URLCONF = "concordat.operations.tests.fault_urls"
