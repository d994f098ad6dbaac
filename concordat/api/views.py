"""The API reference as a page: every operation of the OpenAPI document, readable without JavaScript."""

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

METHODS = ("get", "put", "patch", "post", "delete")


def operations(schema: dict[str, Any]) -> list[dict[str, Any]]:
    found = []
    for route, item in schema["paths"].items():
        for method in METHODS:
            op = item.get(method)
            if op is None:
                continue
            security = op.get("security", schema.get("security"))
            found.append(
                {
                    "method": method.upper(),
                    "path": route,
                    "summary": op.get("summary", ""),
                    "description": op.get("description", ""),
                    "tag": (op.get("tags") or ["other"])[0],
                    "parameters": [
                        (p["name"], p["in"], p.get("required", False)) for p in op.get("parameters", [])
                    ],
                    "body": "requestBody" in op,
                    "responses": sorted(op.get("responses", {})),
                    "token": bool(security),
                }
            )
    return found


def reference(request: HttpRequest) -> HttpResponse:
    from concordat.api.main import api  # the API imports the endpoints; this page only reads its schema

    schema = api.get_openapi_schema()
    return render(
        request,
        "api/reference.html",
        {"info": schema["info"], "operations": operations(schema), "openapi_version": schema["openapi"]},
    )
