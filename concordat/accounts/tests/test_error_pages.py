"""The 400 and 500 pages, rendered without context processors, still have the frame's links."""

from django.test import RequestFactory
from django.urls import reverse

from concordat.accounts.views import bad_request, server_error


def test_the_server_error_page_links_home_sign_in_and_the_footer_pages() -> None:
    response = server_error(RequestFactory().get("/anything/"))
    assert response.status_code == 500
    html = response.content.decode()
    for name in ("public:home", "accounts:login", "public:accessibility", "public:privacy", "public:cookies"):
        assert f'href="{reverse(name)}"' in html, name
    assert 'href=""' not in html


def test_the_bad_request_page_has_the_frame_too() -> None:
    response = bad_request(RequestFactory().get("/anything/"), Exception("bad"))
    assert response.status_code == 400
    assert f'href="{reverse("public:accessibility")}"' in response.content.decode()
