"""Check that every web address in the library still answers, and say where each one is written.

Each distinct address is asked once, however many workshops use it: HEAD first, GET (reading only
the first bytes) where a server refuses HEAD. Redirects are followed one hop at a time so the
report can name where an address now leads. Timeouts, 429 and 5xx answers are retried with a
growing pause, since sites that are busy for a moment should not fail a whole check.
"""

from __future__ import annotations

import errno
import http.client
import socket
import ssl
import time
import urllib.error
import urllib.request
from collections.abc import Iterable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from http import HTTPStatus
from pathlib import Path
from urllib.parse import urljoin, urlsplit

from . import __version__
from .compile import Compiler
from .errors import Location, Problem, ProblemLog

USER_AGENT = f"workshopgen/{__version__} (link check of NHS workshop resources)"
DEFAULT_TIMEOUT = 10.0
DEFAULT_RETRIES = 2
DEFAULT_JOBS = 8
BACKOFF_SECONDS = 0.5  # the first pause before a retry; each later pause doubles
HEAD_REFUSED = frozenset({403, 405, 501})
REDIRECT_CODES = frozenset({301, 302, 303, 307, 308})
MAX_REDIRECTS = 10
FIRST_BYTES = 1024
NAME_NOT_FOUND = "the site's name cannot be found"
NO_NETWORK = "no network route leads to it"


@dataclass(frozen=True)
class LinkUse:
    """One place in a workshop file that gives a web address."""

    url: str
    location: Location
    what: str
    unverified: bool = False


@dataclass(frozen=True)
class LinkResult:
    """What asking for one address came to."""

    url: str
    status: int | None
    reason: str = ""
    hint: str = ""
    redirects: tuple[str, ...] = ()

    @property
    def ok(self) -> bool:
        return not self.reason

    @property
    def final_url(self) -> str:
        return self.redirects[-1] if self.redirects else self.url


def collect_links(compiler: Compiler, paths: Iterable[Path], log: ProblemLog, *,
                  catalogue: bool = False) -> list[LinkUse]:
    """Every resource address and feedback form in the workshops at `paths`, overlays applied, and
    with `catalogue` every address in the resource catalogue, used or not.

    A workshop that does not compile has its problems logged and its links left out, since its
    addresses cannot be trusted to be the ones a build would use."""
    uses: dict[tuple[str, Location], LinkUse] = {}
    for path in paths:
        compiled = compiler.compile(path, log)
        if compiled is None:
            continue
        # The compiled plan holds the cleaned values; the document holds where each was written.
        document = compiled.document
        workshop = compiled.plan.workshop
        found = [
            LinkUse(resource.url, document.locate(("resources", n, "url")), f"resource `{resource.id}`",
                    unverified=not resource.verified)
            for n, resource in enumerate(workshop.resources)
        ]
        if workshop.evaluation.feedback_url:
            found.append(LinkUse(workshop.evaluation.feedback_url, document.locate(("evaluation", "feedback_url")),
                                 "the feedback form"))
        for use in found:
            uses.setdefault((use.url, use.location), use)
    if catalogue:
        for resource, where in compiler.catalogue.located(log):
            use = LinkUse(resource.url, where, f"resource `{resource.id}`", unverified=not resource.verified)
            uses.setdefault((use.url, use.location), use)
    return sorted(uses.values(), key=lambda u: (u.location, u.url))


class _StopAtRedirects(urllib.request.HTTPRedirectHandler):
    """Hands each redirect back as an answer, so the chain can be recorded and the method kept."""

    def redirect_request(self, req: urllib.request.Request, fp: object, code: int, msg: str,
                         headers: object, newurl: str) -> None:
        return None


@dataclass(frozen=True)
class _Answer:
    status: int | None
    location: str | None = None
    failure: str = ""
    hint: str = ""
    retry: bool = False


def _network_failure(error: BaseException, timeout: float) -> _Answer:
    if isinstance(error, TimeoutError):
        return _Answer(None, failure=f"no answer within {timeout:g} s",
                       hint="the site may be slow or down; try again later, or allow longer with --timeout",
                       retry=True)
    if isinstance(error, socket.gaierror):
        return _Answer(None, failure=NAME_NOT_FOUND,
                       hint="check the address for typing mistakes; the site may have closed")
    if isinstance(error, OSError) and error.errno in (errno.ENETUNREACH, errno.EHOSTUNREACH, errno.ENETDOWN):
        return _Answer(None, failure=NO_NETWORK, hint="check this machine's network connection")
    if isinstance(error, ssl.SSLCertVerificationError):
        return _Answer(None, failure=f"its security certificate is not valid ({error.verify_message})",
                       hint="open it in a browser; a site with a bad certificate warns every visitor")
    if isinstance(error, ssl.SSLError):
        return _Answer(None, failure=f"a secure connection failed ({error.reason or error})",
                       hint="open it in a browser; if it works there, try again later")
    if isinstance(error, ConnectionRefusedError):
        return _Answer(None, failure="the server refused the connection",
                       hint="the site may be down; open it in a browser to confirm")
    if isinstance(error, (ConnectionError, http.client.HTTPException)):
        return _Answer(None, failure=f"the connection broke ({type(error).__name__})",
                       hint="try again later; open it in a browser to confirm", retry=True)
    return _Answer(None, failure=f"it cannot be reached ({error})", hint="open it in a browser to confirm")


def _status_hint(status: int) -> str:
    if status in (404, 410):
        return "the page has moved or gone: find its new address, or mark the resource `verified: false` until then"
    if status in (401, 403):
        return "the page needs a login or turns away automatic checks; open it in a browser to confirm"
    if status == 429:
        return "the site asked for fewer requests; try again later, or use fewer --jobs"
    if status >= 500:
        return "the site had a fault on every try; try again later and open it in a browser"
    return "open it in a browser to see what the site says"


def _status_words(status: int) -> str:
    try:
        return f"{status} {HTTPStatus(status).phrase}"
    except ValueError:
        return str(status)


def _ask(opener: urllib.request.OpenerDirector, url: str, method: str, timeout: float) -> _Answer:
    request = urllib.request.Request(url, method=method, headers={"User-Agent": USER_AGENT, "Accept": "*/*"})
    try:
        with opener.open(request, timeout=timeout) as response:
            if method == "GET":
                response.read(FIRST_BYTES)
            return _Answer(response.status)
    except urllib.error.HTTPError as error:
        with error:
            status = error.code
            return _Answer(status, location=error.headers.get("Location"), retry=status == 429 or status >= 500)
    except urllib.error.URLError as error:
        reason = error.reason
        return _network_failure(reason if isinstance(reason, BaseException) else OSError(str(reason)), timeout)
    except (OSError, http.client.HTTPException) as error:
        return _network_failure(error, timeout)


def _ask_with_retries(opener: urllib.request.OpenerDirector, url: str, method: str, timeout: float,
                      retries: int, backoff: float) -> _Answer:
    answer = _ask(opener, url, method, timeout)
    for attempt in range(retries):
        if not answer.retry:
            break
        time.sleep(backoff * 2 ** attempt)
        answer = _ask(opener, url, method, timeout)
    return answer


def _follow(opener: urllib.request.OpenerDirector, url: str, method: str, timeout: float, retries: int,
            backoff: float) -> LinkResult:
    chain: list[str] = []
    current = url
    while True:
        answer = _ask_with_retries(opener, current, method, timeout, retries, backoff)
        status = answer.status
        if answer.failure or status is None:
            return LinkResult(url, None, answer.failure, answer.hint, tuple(chain))
        if status not in REDIRECT_CODES:
            if 200 <= status < 300:
                return LinkResult(url, status, redirects=tuple(chain))
            reason = f"the server answers {_status_words(status)}"
            if chain:
                reason = f"it redirects to {chain[-1]}, where {reason}"
            return LinkResult(url, status, reason, _status_hint(status), tuple(chain))
        if not answer.location:
            return LinkResult(url, status, f"the server answers {_status_words(status)} without saying where to",
                              "open it in a browser to find the page's address now", tuple(chain))
        target = urljoin(current, answer.location)
        if urlsplit(target).scheme not in ("http", "https"):
            return LinkResult(url, status, f"it redirects to {target}, which is not a web page",
                              "open it in a browser to find the page's address now", tuple(chain))
        if target == url or target in chain:
            return LinkResult(url, status, "it redirects in a loop", "open it in a browser; the site needs fixing",
                              tuple(chain))
        if len(chain) >= MAX_REDIRECTS:
            return LinkResult(url, status, f"it redirects more than {MAX_REDIRECTS} times",
                              "open it in a browser to find the page's address now", tuple(chain))
        chain.append(target)
        current = target


def check_url(url: str, *, timeout: float = DEFAULT_TIMEOUT, retries: int = DEFAULT_RETRIES,
              backoff: float | None = None) -> LinkResult:
    """Ask for one address: HEAD, then GET where the server refuses HEAD."""
    opener = urllib.request.build_opener(_StopAtRedirects)
    pause = BACKOFF_SECONDS if backoff is None else backoff
    result = _follow(opener, url, "HEAD", timeout, retries, pause)
    if result.status in HEAD_REFUSED:
        result = _follow(opener, url, "GET", timeout, retries, pause)
    return result


def check_urls(urls: Iterable[str], *, timeout: float = DEFAULT_TIMEOUT, retries: int = DEFAULT_RETRIES,
               jobs: int = DEFAULT_JOBS) -> dict[str, LinkResult]:
    """Each distinct address checked once, at most `jobs` at a time."""
    unique = sorted(set(urls))
    if not unique:
        return {}
    with ThreadPoolExecutor(max_workers=max(1, min(jobs, len(unique)))) as pool:
        results = pool.map(lambda u: check_url(u, timeout=timeout, retries=retries), unique)
        return dict(zip(unique, results, strict=True))


def looks_offline(results: dict[str, LinkResult]) -> bool:
    """Whether no address was reached because this machine, not the sites, is off the network:
    no site of two or more could even be looked up."""
    sites = {urlsplit(url).hostname for url in results}
    return len(sites) > 1 and all(r.status is None and r.reason in (NAME_NOT_FOUND, NO_NETWORK)
                                  for r in results.values())


def link_problems(uses: Iterable[LinkUse], results: dict[str, LinkResult]) -> list[Problem]:
    """An error at every place a broken address is written; a warning where one redirects or is unverified."""
    problems = []
    for use in uses:
        result = results[use.url]
        label = f" ({use.what}, marked `verified: false`)" if use.unverified else ""
        if not result.ok:
            hint = result.hint
            if use.unverified:
                hint += "; it has no QR code until it is fixed and verified"
            problems.append(Problem(use.location, f"{use.url} — {result.reason}{label}", hint))
        elif result.redirects:
            problems.append(Problem(
                use.location, f"{use.url} redirects to {result.final_url}{label}",
                "use the address it leads to, so printed QR codes keep working if the redirect is dropped",
                warning=True))
        elif use.unverified:
            problems.append(Problem(
                use.location, f"{use.url} answers{label}",
                "check that it is the right page, then remove `verified: false` to give it a QR code",
                warning=True))
    return problems
