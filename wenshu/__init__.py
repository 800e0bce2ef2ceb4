"""执法文书助手 — the application glue: command line, data folder, case store. No Qt here."""

__version__ = "0.1.0"
