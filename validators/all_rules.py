"""Imports every module that registers field checks or document rules (one line each)."""

# ruff: noqa: F401
import validators.delivery
import validators.notices
import validators.orders
import validators.video
from validators import money
