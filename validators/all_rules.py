"""Imports every module that registers field checks or document rules (one line each)."""

# ruff: noqa: F401, I001
from validators import money
from validators import penalty_decision
