"""Pages anyone can read, without signing in."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from concordat.accounts.decorators import public


@public
def home(request: HttpRequest) -> HttpResponse:
    return render(request, "public/home.html")


@public
def accessibility(request: HttpRequest) -> HttpResponse:
    return render(request, "public/accessibility.html")


@public
def privacy(request: HttpRequest) -> HttpResponse:
    return render(request, "public/privacy.html")


@public
def cookies(request: HttpRequest) -> HttpResponse:
    return render(request, "public/cookies.html")
