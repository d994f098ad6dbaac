from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from concordat.accounts.decorators import register_role


@register_role
def home(request: HttpRequest) -> HttpResponse:
    return render(request, "register/home.html")
