"""The office database's password, never in plain text (设置 → 数据库): the system keyring when the
``keyring`` package and a keyring service are there (Windows Credential Manager, macOS Keychain, Secret
Service); otherwise nothing is stored and the app asks at each start (or libpq's own ``PGPASSWORD`` /
``pgpass.conf``, which the IT person may set up)."""

from __future__ import annotations

SERVICE = "wenshu-office-database"


def _key(settings: dict | None = None) -> str | None:
    from wenshu.pg import database_url

    url = database_url(settings)
    return None if url is None else url.split("://", 1)[-1]


def keyring_available() -> bool:
    try:
        import keyring
        from keyring.backends import fail

        return not isinstance(keyring.get_keyring(), fail.Keyring)
    except Exception:  # no keyring package or no backend
        return False


def stored_password(settings: dict | None = None) -> str | None:
    key = _key(settings)
    if key is None or not keyring_available():
        return None
    import keyring

    try:
        return keyring.get_password(SERVICE, key)
    except Exception:  # a locked or broken keyring: asked instead
        return None


def store_password(password: str, settings: dict | None = None) -> bool:
    """Keep the password in the keyring; False when there is none (then it is asked at each start)."""
    key = _key(settings)
    if key is None or not keyring_available():
        return False
    import keyring

    try:
        keyring.set_password(SERVICE, key, password)
        return True
    except Exception:  # refused by the keyring
        return False
