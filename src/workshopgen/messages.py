"""Fixed strings in English and Welsh; `language: cy` switches them. Content stays as written."""

from __future__ import annotations

from typing import Literal

Language = Literal["en", "cy"]

CATALOGUE: dict[str, dict[Language, str]] = {
    "agenda": {"en": "Agenda", "cy": "Agenda"},
    "outcomes": {"en": "By the end you will be able to", "cy": "Erbyn y diwedd byddwch yn gallu"},
    "resources": {"en": "Resources", "cy": "Adnoddau"},
    "continued": {"en": "continued", "cy": "parhad"},
    "thank_you": {"en": "Thank you", "cy": "Diolch"},
    "feedback": {"en": "Please tell us how it went", "cy": "Dywedwch wrthym sut aeth hi"},
    "break": {"en": "Break", "cy": "Egwyl"},
    "back_at": {"en": "Back at {time}", "cy": "Yn ôl am {time}"},
    "timing": {"en": "Timing", "cy": "Amseru"},
    "minutes_short": {"en": "{minutes} min", "cy": "{minutes} munud"},
    "qr_alt": {"en": "QR code: {url}", "cy": "Cod QR: {url}"},
    "facilitators": {"en": "Facilitators", "cy": "Hwyluswyr"},
    "date": {"en": "Date", "cy": "Dyddiad"},
    "venue": {"en": "Venue", "cy": "Lleoliad"},
    "do": {"en": "DO", "cy": "GWNEWCH"},
    "say": {"en": "SAY", "cy": "DYWEDWCH"},
    "group": {"en": "Work in", "cy": "Gweithiwch mewn"},
    "timer": {"en": "{minutes} minutes", "cy": "{minutes} munud"},
    "unverified": {"en": "Link not yet checked", "cy": "Dolen heb ei gwirio eto"},
}


def message(key: str, language: Language, **values: object) -> str:
    """The fixed string `key` in `language`, with `{placeholders}` filled in."""
    return CATALOGUE[key][language].format(**values)
