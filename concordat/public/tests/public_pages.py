"""The public pages every accessibility check visits, once a round is published (see builders)."""

HARROW, LEEDS = "E09000015", "E08000035"


def public_paths(round_slug: str) -> list[str]:
    return [
        "/",
        "/easy-read/",
        "/areas/",
        "/areas/?q=Canterbury",
        f"/areas/{HARROW}/",
        f"/areas/{HARROW}/easy-read/",
        f"/areas/{LEEDS}/",
        "/accessibility/",
        "/privacy/",
        "/cookies/",
        f"/published/{round_slug}/",
        f"/published/{round_slug}/areas/{HARROW}/",
        f"/published/{round_slug}/areas/{LEEDS}/",
        "/report/",
        f"/report/{round_slug}/",
        f"/report/{round_slug}/easy-read/",
        "/commitments/published/",
    ]
