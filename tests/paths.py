"""Where the test fixtures live."""

from pathlib import Path

TESTS = Path(__file__).parent
FIXTURES = TESTS / "fixtures"
FIXTURE_PROJECT = FIXTURES / "project"
REPO = TESTS.parent
