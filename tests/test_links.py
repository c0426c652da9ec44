"""`workshopgen links` against a web server on 127.0.0.1 that plays every kind of site.

Every address in the temporary library is rewritten to the local server before a check runs,
and `_library` refuses to hand over a library that still names any other host.
"""

from __future__ import annotations

import shutil
import socket
import threading
import time
from collections import Counter
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from click.testing import CliRunner, Result

from tests.paths import FIXTURE_PROJECT
from workshopgen import links
from workshopgen.cli import main
from workshopgen.load import load, parse

SLOW_SECONDS = 2.0
PAUSE_SECONDS = 0.2


class _Site(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self) -> None:
        super().__init__(("127.0.0.1", 0), _Handler)
        self.lock = threading.Lock()
        self.requests: list[tuple[str, str, str]] = []
        self.hits: Counter[str] = Counter()
        self.in_flight = 0
        self.most_in_flight = 0

    @property
    def base(self) -> str:
        host, port = self.server_address[:2]
        return f"http://{host!s}:{port}"

    def handle_error(self, request: object, client_address: object) -> None:
        """A client that gave up on a slow page is expected here, not a fault to print."""


class _Handler(BaseHTTPRequestHandler):
    server: _Site

    def log_message(self, format: str, *args: object) -> None:
        """Keep the test output quiet."""

    def do_HEAD(self) -> None:
        self._answer()

    def do_GET(self) -> None:
        self._answer()

    def _answer(self) -> None:
        site = self.server
        counted = self.path.startswith("/pause/")  # a slow page left over from another test is not counted
        with site.lock:
            site.requests.append((self.command, self.path, self.headers.get("User-Agent", "")))
            site.hits[self.path] += 1
            hits = site.hits[self.path]
            site.in_flight += counted
            site.most_in_flight = max(site.most_in_flight, site.in_flight)
        try:
            self._route(hits)
        finally:
            with site.lock:
                site.in_flight -= counted

    def _route(self, hits: int) -> None:
        path = self.path
        if path in ("/ok", "/no-head") and not (path == "/no-head" and self.command == "HEAD"):
            self._send(200)
        elif path == "/no-head":
            self._send(405)
        elif path == "/missing":
            self._send(404)
        elif path.startswith("/flaky/"):
            self._send(500 if hits == 1 else 200)
        elif path == "/moved":
            self._send(301, location="/moved-again")
        elif path == "/moved-again":
            self._send(302, location=f"{self.server.base}/ok")
        elif path == "/moved-to-missing":
            self._send(308, location="/missing")
        elif path == "/loop":
            self._send(302, location="/loop")
        elif path == "/slow":
            time.sleep(SLOW_SECONDS)
            self._send(200)
        elif path.startswith("/pause/"):
            time.sleep(PAUSE_SECONDS)
            self._send(200)
        else:
            self._send(404)

    def _send(self, status: int, location: str | None = None) -> None:
        body = b"<!doctype html><title>page</title>"
        try:
            self.send_response(status)
            if location:
                self.send_header("Location", location)
            self.send_header("Content-Type", "text/html")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            if self.command == "GET":
                self.wfile.write(body)
        except OSError:
            pass  # the checker stopped waiting; nothing is left to tell it


@pytest.fixture(scope="module")
def site() -> Iterator[_Site]:
    server = _Site()
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server
    server.shutdown()
    server.server_close()


@pytest.fixture(autouse=True)
def _local_only(monkeypatch: pytest.MonkeyPatch) -> None:
    """No proxy in the way of 127.0.0.1, and short pauses between retries."""
    for name in ("http_proxy", "https_proxy", "HTTP_PROXY", "HTTPS_PROXY", "all_proxy", "ALL_PROXY"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("no_proxy", "*")
    monkeypatch.setattr(links, "BACKOFF_SECONDS", 0.01)


def _addresses(value: object) -> Iterator[str]:
    if isinstance(value, dict):
        for item in value.values():
            yield from _addresses(item)
    elif isinstance(value, list):
        for item in value:
            yield from _addresses(item)
    elif isinstance(value, str) and "://" in value:
        yield value


def _point_at(path: Path, base: str, pages: dict[str, str]) -> None:
    """Rewrite each resource `url:` (by resource id) and the feedback form ("feedback") to `base`."""
    text = path.read_text(encoding="utf-8")
    document = parse(text, path)
    lines = text.splitlines(keepends=True)
    targets = [(("resources", n, "url"), r["id"]) for n, r in enumerate(document.data.get("resources", []))]
    if "feedback_url" in document.data.get("evaluation", {}):
        targets.append((("evaluation", "feedback_url"), "feedback"))
    for data_path, name in targets:
        where = document.locate(data_path)
        line = lines[where.line - 1]
        lines[where.line - 1] = line[:where.column - 1] + base + pages.get(name, "/ok") + "\n"
    path.write_text("".join(lines), encoding="utf-8")


def _library(tmp_path: Path, site: _Site, pages: dict[str, str] | None = None) -> Path:
    root = tmp_path / "library"
    shutil.copytree(FIXTURE_PROJECT, root)
    _point_at(root / "workshops" / "sample.yaml", site.base, pages or {})
    for yaml_file in root.rglob("*.yaml"):
        for address in _addresses(load(yaml_file).data):
            assert urlsplit(address).hostname == "127.0.0.1", f"{yaml_file} still names {address}"
    return root


def _run(root: Path, monkeypatch: pytest.MonkeyPatch, *args: str) -> Result:
    monkeypatch.chdir(root)
    return CliRunner().invoke(main, ["--project", str(root), "links", "--timeout", "2", *args])


def _where(root: Path, relative: str, data_path: tuple[str | int, ...]) -> str:
    return str(load(root / relative).locate(data_path))


def test_a_working_library_passes(tmp_path: Path, site: _Site, monkeypatch: pytest.MonkeyPatch) -> None:
    root = _library(tmp_path, site, {"story-video": "/no-head"})
    result = _run(root, monkeypatch)
    assert result.exit_code == 0, result.output
    assert "0 broken" in result.output
    assert "error:" not in result.output
    asked = [(method, path) for method, path, _ in site.requests if path == "/no-head"]
    assert asked[:2] == [("HEAD", "/no-head"), ("GET", "/no-head")]
    assert all(agent.startswith("workshopgen/") for _, _, agent in site.requests)


def test_an_unverified_resource_is_checked_and_labelled(tmp_path: Path, site: _Site,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    root = _library(tmp_path, site, {"cqc-2021": "/ok"})
    result = _run(root, monkeypatch)
    where = _where(root, "workshops/sample.yaml", ("resources", 2, "url"))
    assert result.exit_code == 0, result.output
    assert f"{where}: warning: {site.base}/ok answers (resource `cqc-2021`, marked `verified: false`)" in result.output
    assert "remove `verified: false`" in result.output


def test_a_broken_link_is_reported_once_at_its_line(tmp_path: Path, site: _Site,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    root = _library(tmp_path, site, {"cqc-2021": "/missing"})
    before = sum(path == "/missing" for _, path, _ in site.requests)
    result = _run(root, monkeypatch)
    where = _where(root, "workshops/sample.yaml", ("resources", 2, "url"))
    assert where.startswith("workshops/sample.yaml:")
    assert result.exit_code == 2, result.output
    expected = (f"{where}: error: {site.base}/missing — the server answers 404 Not Found "
                f"(resource `cqc-2021`, marked `verified: false`)")
    # The workshop and its Welsh overlay both use the address; it is asked for and reported once.
    assert result.output.count(expected) == 1, result.output
    assert "hint: the page has moved or gone" in result.output
    assert "1 broken" in result.output
    assert sum(path == "/missing" for _, path, _ in site.requests) - before == 1


def test_an_address_used_twice_is_asked_for_once_and_reported_at_both_places(
        tmp_path: Path, site: _Site, monkeypatch: pytest.MonkeyPatch) -> None:
    root = _library(tmp_path, site, {"weak-ties": "/missing", "story-video": "/missing"})
    before = sum(path == "/missing" for _, path, _ in site.requests)
    result = _run(root, monkeypatch)
    assert result.exit_code == 2
    for n in (0, 1):
        where = _where(root, "workshops/sample.yaml", ("resources", n, "url"))
        assert f"{where}: error: {site.base}/missing — the server answers 404 Not Found" in result.output
    assert "Checked 2 address(es) used 4 time(s): 1 broken" in result.output
    assert sum(path == "/missing" for _, path, _ in site.requests) - before == 1


def test_the_feedback_form_is_checked(tmp_path: Path, site: _Site, monkeypatch: pytest.MonkeyPatch) -> None:
    root = _library(tmp_path, site, {"feedback": "/missing"})
    result = _run(root, monkeypatch)
    where = _where(root, "workshops/sample.yaml", ("evaluation", "feedback_url"))
    assert result.exit_code == 2
    assert f"{where}: error: {site.base}/missing — the server answers 404 Not Found" in result.output


def test_a_redirect_chain_is_followed_and_noted(tmp_path: Path, site: _Site,
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    root = _library(tmp_path, site, {"weak-ties": "/moved"})
    result = _run(root, monkeypatch)
    where = _where(root, "workshops/sample.yaml", ("resources", 0, "url"))
    assert result.exit_code == 0, result.output
    assert f"{where}: warning: {site.base}/moved redirects to {site.base}/ok" in result.output
    assert "1 redirected" in result.output


def test_a_redirect_to_a_missing_page_is_broken(tmp_path: Path, site: _Site,
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    root = _library(tmp_path, site, {"weak-ties": "/moved-to-missing"})
    result = _run(root, monkeypatch)
    assert result.exit_code == 2
    assert (f"error: {site.base}/moved-to-missing — it redirects to {site.base}/missing, "
            "where the server answers 404 Not Found") in result.output


def test_a_server_fault_is_retried(tmp_path: Path, site: _Site, monkeypatch: pytest.MonkeyPatch) -> None:
    root = _library(tmp_path, site, {"weak-ties": "/flaky/retried"})
    result = _run(root, monkeypatch, "--retries", "1")
    assert result.exit_code == 0, result.output
    assert site.hits["/flaky/retried"] == 2


def test_a_server_fault_without_retries_is_broken(tmp_path: Path, site: _Site,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    root = _library(tmp_path, site, {"weak-ties": "/flaky/once"})
    result = _run(root, monkeypatch, "--retries", "0")
    assert result.exit_code == 2
    assert f"{site.base}/flaky/once — the server answers 500 Internal Server Error" in result.output
    assert site.hits["/flaky/once"] == 1


def test_a_slow_site_times_out(tmp_path: Path, site: _Site, monkeypatch: pytest.MonkeyPatch) -> None:
    root = _library(tmp_path, site, {"story-video": "/slow"})
    result = _run(root, monkeypatch, "--timeout", "0.3", "--retries", "0")
    assert result.exit_code == 2
    assert f"{site.base}/slow — no answer within 0.3 s" in result.output
    assert "--timeout" in result.output


def test_a_link_an_overlay_adds_is_reported_in_the_overlay(tmp_path: Path, site: _Site,
                                                           monkeypatch: pytest.MonkeyPatch) -> None:
    root = _library(tmp_path, site)
    overlay = root / "teams" / "demo-team" / "sample.yaml"
    overlay.write_text(overlay.read_text(encoding="utf-8") + (
        "resources:\n"
        "  - id: local-guide\n"
        "    kind: tool\n"
        "    title: Our local guide\n"
        "    publisher: Demo team\n"
        f"    url: {site.base}/missing\n"), encoding="utf-8")
    result = _run(root, monkeypatch)
    where = _where(root, "teams/demo-team/sample.yaml", ("resources", 0, "url"))
    assert where.startswith("teams/demo-team/sample.yaml:")
    assert result.exit_code == 2
    assert f"{where}: error: {site.base}/missing — the server answers 404 Not Found" in result.output

    only_workshop = _run(root, monkeypatch, "workshops/sample.yaml")
    assert only_workshop.exit_code == 0, only_workshop.output


def test_a_workshop_that_does_not_compile_is_reported(tmp_path: Path, site: _Site,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    root = _library(tmp_path, site)
    workshop = root / "workshops" / "sample.yaml"
    workshop.write_text(workshop.read_text(encoding="utf-8").replace("duration: 190", "duration: long"),
                        encoding="utf-8")
    result = _run(root, monkeypatch, "workshops/sample.yaml")
    assert result.exit_code == 2
    assert "workshops/sample.yaml:" in result.output and "`duration` must be a whole number" in result.output
    assert "kept some workshops from being checked" in result.output


def test_a_redirect_loop_is_broken(site: _Site) -> None:
    result = links.check_url(f"{site.base}/loop", timeout=2, retries=0)
    assert not result.ok
    assert result.reason == "it redirects in a loop"


def test_no_more_checks_run_at_once_than_jobs_allows(site: _Site) -> None:
    with site.lock:
        site.most_in_flight = 0
    urls = [f"{site.base}/pause/{n}" for n in range(6)]
    results = links.check_urls(urls, timeout=2, retries=0, jobs=2)
    assert all(r.ok for r in results.values())
    assert site.most_in_flight == 2


def _two_sites(root: Path, site: _Site) -> None:
    """The story video on `localhost`, the rest on 127.0.0.1: two sites for one server."""
    path = root / "workshops" / "sample.yaml"
    text = path.read_text(encoding="utf-8")
    local = site.base.replace("127.0.0.1", "localhost")
    first = text.index(site.base)
    path.write_text(text[:first] + local + text[first + len(site.base):], encoding="utf-8")


def test_a_machine_without_a_network_is_told_so_in_one_line(tmp_path: Path, site: _Site,
                                                             monkeypatch: pytest.MonkeyPatch) -> None:
    root = _library(tmp_path, site)
    _two_sites(root, site)

    def no_names(*args: object, **kwargs: object) -> object:
        raise socket.gaierror(socket.EAI_NONAME, "Name or service not known")

    monkeypatch.setattr(socket, "getaddrinfo", no_names)
    result = _run(root, monkeypatch)
    assert result.exit_code == 2, result.output
    errors = [line for line in result.output.splitlines() if "error:" in line]
    assert len(errors) == 1 and "looks offline" in errors[0], result.output
    assert "name cannot be found" not in result.output  # not one report per address


def test_one_unknown_site_among_working_ones_is_a_broken_link_not_offline(tmp_path: Path, site: _Site,
                                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    root = _library(tmp_path, site)
    _two_sites(root, site)
    real = socket.getaddrinfo

    def no_localhost(host: object, *args: object, **kwargs: object) -> object:
        if host == "localhost":
            raise socket.gaierror(socket.EAI_NONAME, "Name or service not known")
        return real(host, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(socket, "getaddrinfo", no_localhost)
    result = _run(root, monkeypatch, "--retries", "0")
    assert result.exit_code == 2, result.output
    assert "looks offline" not in result.output and "name cannot be found" in result.output
