"""Credentials from netcron's store: the run's NETCRON_CREDENTIALS_FILE (0600, deleted after the run)."""
import json
import os
from typing import Any, Dict, Optional


class Credential(dict):
    """A credential's fields; also readable as attributes (cred.username)."""

    def __getattr__(self, item: str) -> Any:
        try:
            return self[item]
        except KeyError:
            raise AttributeError(item) from None


class CredentialError(KeyError):
    pass


def _load() -> Dict[str, Dict[str, str]]:
    path = os.environ.get("NETCRON_CREDENTIALS_FILE")
    if not path:
        return {}
    with open(path, encoding="utf-8") as handle:
        return json.load(handle)


def get_credential(name: str, field: Optional[str] = None, default: Any = None):
    """get_credential("ipam") -> fields; get_credential("ipam", "token") -> one value."""
    store = _load()
    if name not in store:
        if default is not None:
            return default
        raise CredentialError("credential '%s' was not given to this run: netcron passes the credentials "
                              "named in get_credential('...') calls; store it with 'netcron credentials set %s'" % (name, name))
    fields = Credential(store[name])
    if field is None:
        return fields
    if field not in fields:
        if default is not None:
            return default
        raise CredentialError("credential '%s' has no field '%s'" % (name, field))
    return fields[field]
