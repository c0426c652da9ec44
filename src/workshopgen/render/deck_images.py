"""The deck's pictures, each stored once however many slides show it.

python-pptx looks for an identical earlier picture and a free part name by walking every part
of the package for each picture it adds, so a deck of QR codes took time that grew with its
length; here the pictures already stored and the last number used are remembered instead.
"""

from __future__ import annotations

import hashlib
import re
from typing import Any

from pptx.opc.constants import RELATIONSHIP_TYPE as RT
from pptx.opc.packuri import PackURI
from pptx.parts.image import Image, ImagePart

_MEDIA_NAME = re.compile(r"/ppt/media/image(\d+)\.\w+")
_PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


class DeckImages:
    def __init__(self, package: Any) -> None:
        self.package = package
        self.stored: dict[str, ImagePart] = {}
        self.last_number = 0
        for part in package.iter_parts():  # a team template may bring pictures of its own
            if isinstance(part, ImagePart):
                self.stored.setdefault(part.sha1, part)
            if found := _MEDIA_NAME.fullmatch(str(part.partname)):
                self.last_number = max(self.last_number, int(found[1]))

    def relate(self, slide_part: Any, data: bytes) -> str:
        """The relationship id by which `slide_part` shows the picture `data` (a PNG or JPEG)."""
        sha1 = hashlib.sha1(data).hexdigest()
        part = self.stored.get(sha1)
        if part is None:
            self.last_number += 1
            extension, content_type = ("png", "image/png") if data.startswith(_PNG_SIGNATURE) \
                else ("jpg", "image/jpeg")
            part = ImagePart(PackURI(f"/ppt/media/image{self.last_number}.{extension}"), content_type,
                             self.package, data)
            self.stored[sha1] = part
        rid: str = slide_part.relate_to(part, RT.IMAGE)
        return rid


def pixel_size(data: bytes) -> tuple[int, int]:
    """Width and height in pixels: read from a PNG's header, or by Pillow for a JPEG."""
    if data.startswith(_PNG_SIGNATURE):
        return int.from_bytes(data[16:20], "big"), int.from_bytes(data[20:24], "big")
    size: tuple[int, int] = Image.from_blob(data).size
    return size
