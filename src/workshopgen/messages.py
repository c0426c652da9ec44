"""Fixed strings in English and Welsh; `language: cy` switches them. Content stays as written."""

from __future__ import annotations

from datetime import date
from typing import Literal

Language = Literal["en", "cy"]
# The tag Office marks text with, so its spelling and grammar checks use the right dictionary.
OFFICE_LANGUAGE_TAG: dict[Language, str] = {"en": "en-GB", "cy": "cy-GB"}

CATALOGUE: dict[str, dict[Language, str]] = {
    "agenda": {"en": "Agenda", "cy": "Agenda"},
    "outcomes": {"en": "By the end you will be able to", "cy": "Erbyn y diwedd byddwch yn gallu"},
    "resources": {"en": "Resources", "cy": "Adnoddau"},
    "continued": {"en": "continued", "cy": "parhad"},
    "thank_you": {"en": "Thank you", "cy": "Diolch"},
    "feedback": {"en": "Please tell us how it went", "cy": "Dywedwch wrthym sut aeth hi"},
    "feedback_paper": {"en": "Please fill in the feedback form on your handout",
                       "cy": "Llenwch y ffurflen adborth ar eich taflen, os gwelwch yn dda"},
    "feedback_form": {"en": "Feedback form", "cy": "Ffurflen adborth"},
    "feedback_form_intro": {"en": "Please answer here and hand this form to the facilitator before you leave.",
                            "cy": "Atebwch yma a rhowch y ffurflen hon i'r hwylusydd cyn i chi adael, os gwelwch "
                                  "yn dda."},
    "feedback_form_guide": {
        "en": "Participants answer these on the paper form at the end of their handout; collect the forms as "
              "people leave.",
        "cy": "Mae cyfranogwyr yn ateb y rhain ar y ffurflen bapur ar ddiwedd eu taflen; casglwch y ffurflenni "
              "wrth i bobl adael.",
    },
    "check_before": {"en": "Check before the session", "cy": "Gwiriwch cyn y sesiwn"},
    "check_before_intro": {
        "en": "Nobody has checked these addresses yet, so they are left off the handout and the slides. Open each "
              "one before the session; if it is the right page, remove “verified: false” from the resource and "
              "it gets a QR code.",
        "cy": "Nid oes neb wedi gwirio'r cyfeiriadau hyn eto, felly nid ydynt ar y daflen na'r sleidiau. Agorwch "
              "bob un cyn y sesiwn; os mai dyma'r dudalen gywir, tynnwch “verified: false” oddi ar yr adnodd a "
              "bydd yn cael cod QR.",
    },
    "further_reading": {"en": "Further reading", "cy": "Darllen pellach"},
    "further_reading_intro": {
        "en": "Publications on spreading and adopting innovation and improvement, for reading beyond the "
              "sessions. Each workshop's own resources are in its guide and handout.",
        "cy": "Cyhoeddiadau ar ledaenu a mabwysiadu arloesi a gwella, i'w darllen y tu hwnt i'r sesiynau. Mae "
              "adnoddau pob gweithdy yn ei ganllaw a'i daflen.",
    },
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
    "countdown_alt": {"en": "Countdown bar: empties over {minutes} minutes",
                      "cy": "Bar cyfrif i lawr: yn gwagio dros {minutes} munud"},
    "notes_countdown": {
        "en": "Click once to start the countdown: the bar under the timer empties over {minutes} minutes. "
              "A click while it runs empties it at once; the click after that moves on.",
        "cy": "Cliciwch unwaith i gychwyn y cyfrif i lawr: mae'r bar o dan yr amserydd yn gwagio dros {minutes} "
              "munud. Mae clic tra mae'n rhedeg yn ei wagio ar unwaith; mae'r clic wedyn yn symud ymlaen.",
    },
    "notes_countdown_capped": {
        "en": "Click once to start the countdown: the bar under the timer empties over {minutes} minutes, the "
              "longest one PowerPoint animation runs, so time the other {rest} minutes yourself. A click while it "
              "runs empties it at once; the click after that moves on.",
        "cy": "Cliciwch unwaith i gychwyn y cyfrif i lawr: mae'r bar o dan yr amserydd yn gwagio dros {minutes} "
              "munud, yr hiraf y mae un animeiddiad PowerPoint yn para, felly amserwch y {rest} munud arall eich "
              "hun. Mae clic tra mae'n rhedeg yn ei wagio ar unwaith; mae'r clic wedyn yn symud ymlaen.",
    },
    "unverified": {"en": "Link not yet checked", "cy": "Dolen heb ei gwirio eto"},
    "this_session": {"en": "This session", "cy": "Y sesiwn hon"},
    "this_session_alt": {"en": "Picked out as this session's: {item}.",
                         "cy": "Wedi'i ddewis ar gyfer y sesiwn hon: {item}."},
    "table_alt": {"en": "Table with the columns {headings}; {rows}: {entries}",
                  "cy": "Tabl gyda'r colofnau {headings}; {rows}: {entries}"},
    "table_row": {"en": "1 row", "cy": "1 rhes"},
    "table_rows": {"en": "{count} rows", "cy": "{count} rhes"},
    "table_row_part": {"en": "row {first} of {total}", "cy": "rhes {first} o {total}"},
    "table_rows_part": {"en": "rows {first} to {last} of {total}", "cy": "rhesi {first} i {last} o {total}"},
    "source": {"en": "Source", "cy": "Ffynhonnell"},
    "sources": {"en": "Sources", "cy": "Ffynonellau"},
    "chart_column": {"en": "Column chart", "cy": "Siart colofn"},
    "chart_bar": {"en": "Bar chart", "cy": "Siart bar"},
    "chart_notes": {"en": "On the chart", "cy": "Ar y siart"},
    "figures_heading": {"en": "Where the figures come from", "cy": "O ble daw'r ffigurau"},
    "figures_intro": {"en": "Every figure this session quotes, with its source, for anyone who asks where it is "
                            "from.",
                      "cy": "Pob ffigur y mae'r sesiwn hon yn ei ddyfynnu, gyda'i ffynhonnell, i unrhyw un sy'n "
                            "gofyn o ble y daw."},
    # Facilitator guide and participant handout (PDF and HTML), and the pack index.
    "guide_title": {"en": "Facilitator guide", "cy": "Canllaw i hwyluswyr"},
    "handout_title": {"en": "Participant handout", "cy": "Taflen i gyfranogwyr"},
    "materials_title": {"en": "Print pack", "cy": "Pecyn argraffu"},
    "at_a_glance": {"en": "At a glance", "cy": "Cipolwg"},
    "purpose": {"en": "Purpose", "cy": "Diben"},
    "outcomes_heading": {"en": "Outcomes", "cy": "Deilliannau"},
    "audience": {"en": "Audience", "cy": "Cynulleidfa"},
    "group_size": {"en": "Group size", "cy": "Maint y grŵp"},
    "group_size_expected": {"en": "{people} people at {tables} tables of {size} (it works for {min} to {max})",
                            "cy": "{people} o bobl wrth {tables} bwrdd o {size} (mae'n gweithio i {min} i {max})"},
    "group_size_value": {"en": "{min} to {max} people, at tables of {size}",
                         "cy": "{min} i {max} o bobl, wrth fyrddau o {size}"},
    "duration": {"en": "Duration", "cy": "Hyd"},
    "duration_value": {"en": "{minutes} minutes, {start} to {end}", "cy": "{minutes} munud, {start} i {end}"},
    "spare_value": {"en": "{minutes} minutes spare", "cy": "{minutes} munud yn sbâr"},
    "version": {"en": "Version", "cy": "Fersiwn"},
    "version_value": {"en": "{version}, {date}", "cy": "{version}, {date}"},
    "preparation": {"en": "Preparation", "cy": "Paratoi"},
    "when_two-weeks-before": {"en": "Two weeks before", "cy": "Pythefnos cyn y sesiwn"},
    "when_one-week-before": {"en": "One week before", "cy": "Wythnos cyn y sesiwn"},
    "when_day-before": {"en": "The day before", "cy": "Y diwrnod cyn y sesiwn"},
    "when_on-the-day": {"en": "On the day", "cy": "Ar y diwrnod"},
    "when_afterwards": {"en": "Afterwards", "cy": "Ar ôl y sesiwn"},
    "materials": {"en": "Materials", "cy": "Deunyddiau"},
    "materials_basis": {"en": "Totals are for {people} people in {groups} groups of up to {size}.",
                        "cy": "Mae'r cyfansymiau ar gyfer {people} o bobl mewn {groups} grŵp o hyd at {size}."},
    "item": {"en": "Item", "cy": "Eitem"},
    "quantity": {"en": "Quantity", "cy": "Nifer"},
    "total": {"en": "Total", "cy": "Cyfanswm"},
    "used_in": {"en": "Used in", "cy": "Defnyddir yn"},
    "per_room": {"en": "{quantity} for the room", "cy": "{quantity} ar gyfer yr ystafell"},
    "per_group": {"en": "{quantity} per group", "cy": "{quantity} i bob grŵp"},
    "per_person": {"en": "{quantity} per person", "cy": "{quantity} i bob person"},
    "room_setup": {"en": "Room setup", "cy": "Trefnu'r ystafell"},
    "run_sheet": {"en": "Run sheet", "cy": "Taflen amseru"},
    "time": {"en": "Time", "cy": "Amser"},
    "minutes_heading": {"en": "Minutes", "cy": "Munudau"},
    "activity": {"en": "Activity", "cy": "Gweithgaredd"},
    "lead": {"en": "Lead", "cy": "Arwain"},
    "slides": {"en": "Slides", "cy": "Sleidiau"},
    "end": {"en": "End", "cy": "Diwedd"},
    "spare_time": {"en": "Spare time", "cy": "Amser sbâr"},
    "activities": {"en": "Activities step by step", "cy": "Y gweithgareddau gam wrth gam"},
    "steps": {"en": "Steps", "cy": "Camau"},
    "prompts": {"en": "If the group is quiet", "cy": "Os yw'r grŵp yn dawel"},
    "debrief": {"en": "Debrief", "cy": "Ôl-drafodaeth"},
    "tips": {"en": "Tips", "cy": "Awgrymiadau"},
    "if_late": {"en": "If running late", "cy": "Os ydych yn rhedeg yn hwyr"},
    "notes_agenda": {
        "en": "Walk through the plan for the session and when the breaks are.",
        "cy": "Ewch drwy gynllun y sesiwn a phryd mae'r egwyliau.",
    },
    "notes_resources": {
        "en": "Invite people to scan the codes now or from their handout.",
        "cy": "Gwahoddwch bobl i sganio'r codau nawr neu o'u taflen.",
    },
    "notes_closing_paper": {
        "en": "Ask everyone to fill in the feedback form at the end of their handout and hand it in as they "
              "leave. It asks:\n{questions}",
        "cy": "Gofynnwch i bawb lenwi'r ffurflen adborth ar ddiwedd eu taflen a'i rhoi i chi wrth adael. "
              "Mae'n gofyn:\n{questions}",
    },
    "notes_closing": {
        "en": "Ask everyone to scan the code and give feedback before they leave. The form asks:\n{questions}",
        "cy": "Gofynnwch i bawb sganio'r cod a rhoi adborth cyn gadael. Mae'r ffurflen yn gofyn:\n{questions}",
    },
    "transition": {"en": "Moving on", "cy": "Symud ymlaen"},
    "on_screen": {"en": "On screen", "cy": "Ar y sgrin"},
    "slide_number": {"en": "Slide {number}", "cy": "Sleid {number}"},
    "evaluation": {"en": "Evaluation", "cy": "Gwerthuso"},
    "feedback_heading": {"en": "Feedback", "cy": "Adborth"},
    "notes": {"en": "Notes", "cy": "Nodiadau"},
    "page_of": {"en": "Page {page} of {total}", "cy": "Tudalen {page} o {total}"},
    "qr_label": {"en": "QR code", "cy": "Cod QR"},
    "scan_or_type": {"en": "Scan a QR code with your phone camera, or type the address beside it.",
                     "cy": "Sganiwch god QR gyda chamera eich ffôn, neu teipiwch y cyfeiriad wrth ei ochr."},
    "unverified_hint": {"en": "Check this address before you rely on it.",
                        "cy": "Gwiriwch y cyfeiriad hwn cyn dibynnu arno."},
    "contact": {"en": "Contact", "cy": "Cyswllt"},
    "contact_line": {"en": "Questions after the session: {email}", "cy": "Cwestiynau ar ôl y sesiwn: {email}"},
    "key_ideas": {"en": "Key ideas", "cy": "Syniadau allweddol"},
    "reflection": {"en": "Reflection", "cy": "Myfyrio"},
    "action_plan": {"en": "My action plan", "cy": "Fy nghynllun gweithredu"},
    "action_what": {"en": "What I will do", "cy": "Beth y bydda i'n ei wneud"},
    "action_when": {"en": "By when", "cy": "Erbyn pryd"},
    "action_who": {"en": "Who can help", "cy": "Pwy all helpu"},
    "kind_video": {"en": "Video", "cy": "Fideo"},
    "kind_blog": {"en": "Blog", "cy": "Blog"},
    "kind_publication": {"en": "Publication", "cy": "Cyhoeddiad"},
    "kind_case-study": {"en": "Case study", "cy": "Astudiaeth achos"},
    "kind_tool": {"en": "Tool", "cy": "Offeryn"},
    "kind_website": {"en": "Website", "cy": "Gwefan"},
    "workshop_principle": {"en": "Principle", "cy": "Egwyddor"},
    "workshop_case-study": {"en": "Case study", "cy": "Astudiaeth achos"},
    "workshop_topic": {"en": "Topic", "cy": "Pwnc"},
    "pack_title": {"en": "Workshop pack", "cy": "Pecyn gweithdai"},
    "pack_intro": {"en": "Every workshop in the library, with its slides, facilitator guide, participant handout and "
                         "print pack.",
                   "cy": "Pob gweithdy yn y llyfrgell, gyda'i sleidiau, canllaw i hwyluswyr, taflen i gyfranogwyr a "
                         "phecyn argraffu."},
    "workshop": {"en": "Workshop", "cy": "Gweithdy"},
    "kind": {"en": "Kind", "cy": "Math"},
    "deck": {"en": "Slides", "cy": "Sleidiau"},
    "files": {"en": "Files", "cy": "Ffeiliau"},
    "pdf": {"en": "PDF", "cy": "PDF"},
    "web_page": {"en": "Web page", "cy": "Tudalen we"},
    "powerpoint": {"en": "PowerPoint", "cy": "PowerPoint"},
    "language_name": {"en": "English", "cy": "Cymraeg"},
    "team_version": {"en": "Team version for {organisation}", "cy": "Fersiwn tîm ar gyfer {organisation}"},
    # What `{fields}` in a workshop's text say when the session does not set them.
    "people_range": {"en": "{min} to {max}", "cy": "{min} i {max}"},
    "time_of_day_morning": {"en": "morning", "cy": "bore"},
    "time_of_day_afternoon": {"en": "afternoon", "cy": "prynhawn"},
    "time_of_day_evening": {"en": "evening", "cy": "noswaith"},
    "lead_lead": {"en": "Lead facilitator", "cy": "Hwylusydd arweiniol"},
    "lead_co_facilitator": {"en": "Co-facilitator", "cy": "Cyd-hwylusydd"},
    "lead_both": {"en": "Both facilitators", "cy": "Y ddau hwylusydd"},
    "the_facilitators": {"en": "the facilitators", "cy": "yr hwyluswyr"},
    "the_venue": {"en": "the venue", "cy": "y lleoliad"},
    "the_day": {"en": "the day of the session", "cy": "diwrnod y sesiwn"},
    "and": {"en": "and", "cy": "a"},
}

MONTHS: dict[Language, tuple[str, ...]] = {
    "en": ("January", "February", "March", "April", "May", "June", "July", "August", "September",
           "October", "November", "December"),
    "cy": ("Ionawr", "Chwefror", "Mawrth", "Ebrill", "Mai", "Mehefin", "Gorffennaf", "Awst", "Medi",
           "Hydref", "Tachwedd", "Rhagfyr"),
}


def message(key: str, language: Language, **values: object) -> str:
    """The fixed string `key` in `language`, with `{placeholders}` filled in."""
    return CATALOGUE[key][language].format(**values)


def long_date(day: date, language: Language) -> str:
    """A date as people write it, such as 4 March 2027 or 4 Mawrth 2027, whatever the system locale."""
    return f"{day.day} {MONTHS[language][day.month - 1]} {day.year}"
