"""The print pack's own fixed strings, in English and Welsh, kept apart from the catalogue the
other documents share. The Welsh should be checked by a Welsh speaker, as messages.py's."""

from __future__ import annotations

from ...messages import Language

PACK_CATALOGUE: dict[str, dict[Language, str]] = {
    "pack_part": {"en": "Part {number}", "cy": "Rhan {number}"},
    "pack_part_of": {"en": "Part {number} of {total}", "cy": "Rhan {number} o {total}"},
    "pack_print_list": {"en": "What to print", "cy": "Beth i'w argraffu"},
    "pack_print_intro": {
        "en": "Each part starts on a new page. The numbers to print are for {basis}.",
        "cy": "Mae pob rhan yn dechrau ar dudalen newydd. Mae'r niferoedd i'w hargraffu ar gyfer {basis}.",
    },
    "pack_part_heading": {"en": "Part", "cy": "Rhan"},
    "pack_what": {"en": "What", "cy": "Beth"},
    "pack_paper": {"en": "Paper", "cy": "Papur"},
    "pack_print": {"en": "Print", "cy": "Argraffu"},
    "pack_used_in": {"en": "Used in", "cy": "Defnyddir yn"},
    "pack_every_session": {"en": "Every session", "cy": "Pob sesiwn"},
    "pack_in_pack": {"en": "In the print pack: part {number}", "cy": "Yn y pecyn argraffu: rhan {number}"},
    "piece_cards": {"en": "Cards to cut out", "cy": "Cardiau i'w torri"},
    "piece_worksheet": {"en": "Worksheet", "cy": "Taflen waith"},
    "piece_case-sheet": {"en": "Case sheet", "cy": "Taflen achos"},
    "piece_poster": {"en": "Poster", "cy": "Poster"},
    "piece_table-tent": {"en": "Table tent", "cy": "Cerdyn bwrdd"},
    "piece_sign-in": {"en": "Sign-in sheet", "cy": "Taflen gofrestru"},
    "piece_evaluation": {"en": "Feedback form", "cy": "Ffurflen adborth"},
    "piece_certificates": {"en": "Certificates of attendance", "cy": "Tystysgrifau presenoldeb"},
    "basis_known": {"en": "{people} people at {tables} tables of {size}",
                    "cy": "{people} o bobl wrth {tables} bwrdd o {size}"},
    "basis_range": {
        "en": "up to {people} people at {tables} tables of {size}, as the number coming is not set",
        "cy": "hyd at {people} o bobl wrth {tables} bwrdd o {size}, gan nad yw nifer y bobl wedi'i osod",
    },
    "basis_tables_known": {"en": "{tables} tables of {size}, for {people} people",
                           "cy": "{tables} bwrdd o {size}, ar gyfer {people} o bobl"},
    "basis_tables_range": {"en": "{tables} tables of {size}, for up to {people} people",
                           "cy": "{tables} bwrdd o {size}, ar gyfer hyd at {people} o bobl"},
    "basis_people_known": {"en": "for {people} people", "cy": "ar gyfer {people} o bobl"},
    "basis_people_range": {"en": "for up to {people} people", "cy": "ar gyfer hyd at {people} o bobl"},
    "copies_group": {"en": "Print {total}: {quantity} per table", "cy": "Argraffwch {total}: {quantity} i bob bwrdd"},
    "copies_person": {"en": "Print {total}: {quantity} per person",
                      "cy": "Argraffwch {total}: {quantity} i bob person"},
    "copies_room": {"en": "Print {total}", "cy": "Argraffwch {total}"},
    "sets_group": {"en": "Print {total} sets: {quantity} per table",
                   "cy": "Argraffwch {total} set: {quantity} i bob bwrdd"},
    "sets_person": {"en": "Print {total} sets: {quantity} per person",
                    "cy": "Argraffwch {total} set: {quantity} i bob person"},
    "sets_room": {"en": "Print {total} sets", "cy": "Argraffwch {total} set"},
    "sheets_group": {"en": "Print {total}, {sets} sets to a page: {quantity} set per table",
                     "cy": "Argraffwch {total}, {sets} set i bob tudalen: {quantity} set i bob bwrdd"},
    "sheets_person": {"en": "Print {total}, {sets} to a page: {quantity} per person",
                      "cy": "Argraffwch {total}, {sets} i bob tudalen: {quantity} i bob person"},
    "sheets_room": {"en": "Print {total}, {sets} to a page", "cy": "Argraffwch {total}, {sets} i bob tudalen"},
    "dealt_group": {"en": "Print {total} sets: {quantity} card per table",
                    "cy": "Argraffwch {total} set: {quantity} cerdyn i bob bwrdd"},
    "dealt_person": {"en": "Print {total} sets: {quantity} card per person",
                     "cy": "Argraffwch {total} set: {quantity} cerdyn i bob person"},
    "dealt_room": {"en": "Print {total} sets", "cy": "Argraffwch {total} set"},
    "set_pages": {"en": "{pages} pages a set", "cy": "{pages} tudalen i bob set"},
    "set_page": {"en": "1 page a set", "cy": "1 dudalen i bob set"},
    "copies_sign_in": {"en": "Print 1: {pages} pages, a row for each of {people} people",
                       "cy": "Argraffwch 1: {pages} tudalen, rhes i bob un o {people} o bobl"},
    "copies_sign_in_page": {"en": "Print {total} of the page: a row for each of {people} people",
                            "cy": "Argraffwch {total} o'r dudalen: rhes i bob un o {people} o bobl"},
    "copies_sign_in_one": {"en": "Print 1: a row for each of {people} people",
                           "cy": "Argraffwch 1: rhes i bob un o {people} o bobl"},
    "copies_certificates": {"en": "Print {total} of the page: 1 per participant",
                            "cy": "Argraffwch {total} o'r dudalen: 1 i bob cyfranogwr"},
    "copies_certificates_each": {"en": "Print once: a page for each of the {total} expected",
                                 "cy": "Argraffwch unwaith: tudalen i bob un o'r {total} a ddisgwylir"},
    "copies_certificates_named": {"en": "Print each named page once: {total} from the attendee list",
                                  "cy": "Argraffwch bob tudalen ag enw unwaith: {total} o'r rhestr fynychwyr"},
    "copies_certificates_mixed": {
        "en": "Print each of the {named} named pages once, and {blank} of the page with a blank name line",
        "cy": "Argraffwch bob un o'r {named} tudalen ag enw unwaith, a {blank} o'r dudalen â llinell enw wag",
    },
    "paper_a4": {"en": "A4", "cy": "A4"},
    "paper_a3": {"en": "A3", "cy": "A3"},
    "paper_double": {"en": "{paper}, double-sided", "cy": "{paper}, dwy ochr"},
    "cut_note": {"en": "Cut along the dashed lines.", "cy": "Torrwch ar hyd y llinellau toredig."},
    "duplex_note": {
        "en": "Print double-sided, flipping on the long edge, so that each back lands behind its front.",
        "cy": "Argraffwch ar ddwy ochr, gan droi ar yr ymyl hir, fel bod pob cefn y tu ôl i'w flaen.",
    },
    "fold_note": {"en": "Fold along the dashed line and stand it on the table.",
                  "cy": "Plygwch ar hyd y llinell doredig a'i osod i sefyll ar y bwrdd."},
    "questions_for_table": {"en": "Questions for your table", "cy": "Cwestiynau i'ch bwrdd"},
    "sources": {"en": "Sources", "cy": "Ffynonellau"},
    "name": {"en": "Name", "cy": "Enw"},
    "role": {"en": "Role", "cy": "Rôl"},
    "organisation": {"en": "Organisation", "cy": "Sefydliad"},
    "email": {"en": "Email", "cy": "E-bost"},
    "sign_in_use": {
        "en": "We use your email only to send you this session's resources and feedback form, and to ask you "
              "later how your action went. Leave it blank if you would rather not hear from us.",
        "cy": "Dim ond i anfon adnoddau a ffurflen adborth y sesiwn hon atoch, ac i ofyn i chi yn nes ymlaen sut "
              "aeth eich cam gweithredu, y byddwn yn defnyddio eich e-bost. Gadewch ef yn wag os byddai'n well "
              "gennych beidio â chlywed gennym.",
    },
    "feedback_intro": {
        "en": "Please tell us how the session went. You do not need to give your name. Hand the form to a "
              "facilitator before you leave.",
        "cy": "Dywedwch wrthym sut aeth y sesiwn. Does dim angen i chi roi eich enw. Rhowch y ffurflen i hwylusydd "
              "cyn i chi adael.",
    },
    "feedback_online": {"en": "Rather answer online? Scan the code or type the address.",
                        "cy": "Gwell gennych ateb ar-lein? Sganiwch y cod neu teipiwch y cyfeiriad."},
    "feedback_by_email": {"en": "Rather answer by email? Scan the code or write to the address.",
                          "cy": "Gwell gennych ateb drwy e-bost? Sganiwch y cod neu ysgrifennwch i'r cyfeiriad."},
    "tick_one": {"en": "Tick one", "cy": "Ticiwch un"},
    "circle_one": {"en": "Circle one", "cy": "Rhowch gylch o amgylch un"},
    "fft_very_good": {"en": "Very good", "cy": "Da iawn"},
    "fft_good": {"en": "Good", "cy": "Da"},
    "fft_neither": {"en": "Neither good nor poor", "cy": "Ddim yn dda nac yn wael"},
    "fft_poor": {"en": "Poor", "cy": "Gwael"},
    "fft_very_poor": {"en": "Very poor", "cy": "Gwael iawn"},
    "fft_dont_know": {"en": "Don't know", "cy": "Ddim yn gwybod"},
    "scale_low": {"en": "1 = not at all", "cy": "1 = dim o gwbl"},
    "scale_high": {"en": "5 = very", "cy": "5 = iawn"},
    "certificate": {"en": "Certificate of attendance", "cy": "Tystysgrif presenoldeb"},
    "certifies": {"en": "This is to certify that", "cy": "Mae hyn i dystio bod"},
    "took_part": {"en": "took part in", "cy": "wedi cymryd rhan yn"},
    "learning_time": {"en": "{duration} of participatory learning", "cy": "{duration} o ddysgu cyfranogol"},
    "on_date": {"en": "on {date}", "cy": "ar {date}"},
    "at_venue": {"en": "at {venue}", "cy": "yn {venue}"},
    "covered": {"en": "What the session covered", "cy": "Beth oedd yn y sesiwn"},
    "facilitated_by": {"en": "Facilitated by", "cy": "Wedi'i hwyluso gan"},
    "signed": {"en": "Signed", "cy": "Llofnod"},
    "date_label": {"en": "Date", "cy": "Dyddiad"},
    "hours_one": {"en": "1 hour", "cy": "1 awr"},
    "hours_many": {"en": "{hours} hours", "cy": "{hours} awr"},
    "minutes_one": {"en": "1 minute", "cy": "1 munud"},
    "minutes_many": {"en": "{minutes} minutes", "cy": "{minutes} munud"},
    "hours_and_minutes": {"en": "{hours} and {minutes}", "cy": "{hours} a {minutes}"},
    "unverified": {"en": "Link not yet checked", "cy": "Dolen heb ei gwirio eto"},
}


def say(key: str, language: Language, **values: object) -> str:
    text = PACK_CATALOGUE[key][language]
    return text.format(**values) if values else text


def pack_labels(language: Language) -> dict[str, str]:
    """Every fixed string of the pack in `language`, placeholders left for the template."""
    return {key: texts[language] for key, texts in PACK_CATALOGUE.items()}


def hours_and_minutes(minutes: int, language: Language) -> str:
    """`2 hours 30 minutes` as people say it: `2 hours and 30 minutes`, `1 hour`, `45 minutes`."""
    hours, rest = divmod(minutes, 60)
    hour_text = say("hours_one", language) if hours == 1 else say("hours_many", language, hours=hours)
    minute_text = say("minutes_one", language) if rest == 1 else say("minutes_many", language, minutes=rest)
    if not hours:
        return minute_text
    if not rest:
        return hour_text
    return say("hours_and_minutes", language, hours=hour_text, minutes=minute_text)
