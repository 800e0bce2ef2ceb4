"""Imports every module that registers field checks or document rules (one line each)."""

# ruff: noqa: F401
from validators import case_forms, discussion, money, notice, publication, review_forms
