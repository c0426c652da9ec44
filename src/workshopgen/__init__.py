"""workshopgen: compile workshop YAML into decks, facilitator guides, handouts and a pack index."""

__version__ = "0.1.0"
