"""Rachel in real Chromium: two-factor, an upload with errors, the fix, the commit, her figures."""

from pathlib import Path
from typing import Any

import pytest
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from concordat.register.models import Person
from concordat.register.tests.builders import csv_bytes, row_text
from tests.browser import sign_in

HARROW = "E09000015"


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_rachel_uploads_fixes_commits_and_sees_her_figures(
    browser_page: Any, live_server: Any, personas: dict[str, Any], tmp_path: Path
) -> None:
    page, base = browser_page, live_server.url
    device = TOTPDevice.objects.create(user=personas["rachel"], name="phone", confirmed=True)

    sign_in(page, base, "rachel")
    page.goto(f"{base}/register/areas/{HARROW}/upload/")
    page.wait_for_url("**/account/two-factor/**")
    page.get_by_label("Code").fill(f"{totp(device.bin_key):06d}")
    page.get_by_role("button", name="Continue").click()
    page.wait_for_url(f"{base}/register/areas/{HARROW}/upload/")

    rows = [row_text(local_reference=f"HAR-{i:04d}", nhs_number="") for i in range(1, 11)]
    bad = tmp_path / "register.csv"
    bad.write_bytes(
        csv_bytes([*rows, row_text(local_reference="HAR-0099", nhs_number="", admission_date="31/02/2011")])
    )
    page.get_by_label("Upload a file").set_input_files(str(bad))
    page.get_by_role("button", name="Check the file").click()
    page.wait_for_url("**/upload/*/")
    assert page.title().startswith("Error: ")
    error_row = page.locator("#upload-errors tbody tr")
    assert error_row.count() == 1
    assert "Admission date" in error_row.inner_text() and "12" in error_row.inner_text()
    assert not Person.objects.exists()

    good = tmp_path / "register-fixed.csv"
    good.write_bytes(csv_bytes(rows))
    page.get_by_role("link", name="Upload a corrected file").click()
    page.get_by_label("Upload a file").set_input_files(str(good))
    page.get_by_role("button", name="Check the file").click()
    page.get_by_text("10 people added").wait_for()  # fails if it never shows
    page.get_by_role("button", name="Add these people to the register").click()
    page.wait_for_url(f"{base}/register/areas/{HARROW}/")
    page.get_by_text(
        "Register updated: 10 added, 0 changed, 0 unchanged."
    ).wait_for()  # fails if it never shows
    assert Person.objects.filter(area__ons_code=HARROW).count() == 10

    page.get_by_role("link", name="Figures").first.click()
    page.wait_for_url("**/figures/**")
    assert page.locator("h1").inner_text() == "Register figures: Harrow"
    assert page.locator("#in-hospital").inner_text() == "10"
    page.get_by_role("table").first.wait_for()  # fails if it never shows
