"""Files a workshop names (logos, pictures, templates): kept inside the project and checked."""

from __future__ import annotations

import io
from pathlib import Path

from .errors import Location, ProblemLog

IMAGE_SUFFIXES = (".png", ".jpg", ".jpeg")
TEMPLATE_SUFFIXES = (".pptx", ".potx")
MAX_ASSET_BYTES = 20_000_000
MAX_IMAGE_PIXELS = 40_000_000  # well under Pillow's own bomb limit, ample for a slide picture
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


def is_png(data: bytes) -> bool:
    """Whether `data` is a PNG; the checks let only PNG and JPEG through, so anything else is a JPEG."""
    return data.startswith(PNG_SIGNATURE)


def resolve_asset(root: Path, value: str, where: Location, log: ProblemLog) -> Path | None:
    """The real path of a project-relative asset, or None with the reason logged."""
    given = Path(value)
    if given.is_absolute():
        log.error(where, f"`{value}` is an absolute path", "give a path inside the project, such as assets/logo.png")
        return None
    if ".." in given.parts:
        log.error(where, f"`{value}` steps outside the project with `..`", "keep assets inside the project folder")
        return None
    path = root / given
    real = path.resolve()
    if not real.is_relative_to(root.resolve()):
        log.error(where, f"`{value}` is a link to a file outside the project", "copy the file into the project")
        return None
    try:
        exists = real.is_file()
        size = real.stat().st_size if exists else 0
    except OSError as exc:  # such as a name longer than the file system allows
        log.error(where, f"`{value}` cannot be opened ({exc.strerror})", "check the path and the file's name")
        return None
    if not exists:
        log.error(where, f"`{value}` does not exist", "check the path; it is relative to the project folder")
        return None
    if size > MAX_ASSET_BYTES:
        log.error(where, f"`{value}` is larger than {MAX_ASSET_BYTES // 1_000_000} MB", "use a smaller file")
        return None
    return real


def read_image(path: Path, value: str, where: Location, log: ProblemLog) -> bytes | None:
    """A PNG or JPEG's bytes, after checking that it really is one and is safe to decode."""
    from PIL import Image

    if path.suffix.lower() not in IMAGE_SUFFIXES:
        log.error(where, f"`{value}` is not a PNG or JPEG", "save the picture as .png or .jpg")
        return None
    data = _read(path, value, where, log)
    if data is None:
        return None
    try:
        with Image.open(io.BytesIO(data)) as image:
            width, height = image.size
            if width * height > MAX_IMAGE_PIXELS:
                log.error(where, f"`{value}` is {width}×{height} pixels, too large to place safely",
                          "resize it to at most 4000 pixels on its longest side")
                return None
            if image.format not in ("PNG", "JPEG"):
                log.error(where, f"`{value}` holds a {image.format} picture, not PNG or JPEG",
                          "save it as .png or .jpg")
                return None
            image.verify()
    except Exception:
        log.error(where, f"`{value}` is not a readable picture", "open it in an image editor and save it again")
        return None
    return data


def read_template(path: Path, value: str, where: Location, log: ProblemLog) -> bytes | None:
    if path.suffix.lower() not in TEMPLATE_SUFFIXES:
        log.error(where, f"`{value}` is not a .pptx or .potx template", "save the template from PowerPoint")
        return None
    data = _read(path, value, where, log)
    if data is None:
        return None
    if not data.startswith(b"PK"):
        log.error(where, f"`{value}` is not a PowerPoint file", "save the template from PowerPoint again")
        return None
    return data


def _read(path: Path, value: str, where: Location, log: ProblemLog) -> bytes | None:
    try:
        return path.read_bytes()
    except OSError as exc:
        log.error(where, f"`{value}` cannot be read ({exc.strerror or exc})",
                  "check that the file is not open elsewhere and that you may read it")
        return None
