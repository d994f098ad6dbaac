"""Submitted versions as the API shows them: content hash, signatures, and whether each binds."""

from typing import Any

from concordat.returns.actions import is_signed_off
from concordat.returns.models import ReturnVersion


def version_out(version: ReturnVersion, *, content: bool = False) -> dict[str, Any]:
    out: dict[str, Any] = {
        "number": version.number,
        "content_hash": version.content_hash,
        "submitted_at": version.submitted_at,
        "submitted_by": str(version.submitted_by),
        "signatures": [
            {
                "role": s.role,
                "signer_name": s.signer_name,
                "signed_at": s.signed_at,
                "content_hash": s.content_hash,
                "binding": s.content_hash == version.content_hash,
            }
            for s in version.signatures.all()
        ],
        "signed_off": is_signed_off(version),
    }
    if content:
        out["content"] = version.content
    return out
