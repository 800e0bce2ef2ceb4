"""Imports every module that registers field checks or document rules (one line each)."""

# ruff: noqa: F401
import validators.elements
import validators.identity
from validators import money
