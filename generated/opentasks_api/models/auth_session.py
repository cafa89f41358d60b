# generated from openapi.yaml by generator/regenerate.py — do not edit
from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define

from ..models.auth_session_authenticated_by import AuthSessionAuthenticatedBy

T = TypeVar("T", bound="AuthSession")


@_attrs_define
class AuthSession:
    """The caller's project, and its board login when it came with the session cookie."""

    project_id: str
    """ The project every request of the caller is scoped to. """
    project_name: str
    """ The project's name. """
    authenticated_by: AuthSessionAuthenticatedBy
    """ Whether the request came with an API key or a board login's cookie. """
    expires_at: datetime.datetime | None
    """ When the board login ends; `null` for an API key. """
    csrf_token: None | str
    """ The value cookie-authenticated writes send in `X-CSRF-Token`; `null` for an API key,
    whose requests need none.
     """

    def to_dict(self) -> dict[str, Any]:
        project_id = self.project_id

        project_name = self.project_name

        authenticated_by = self.authenticated_by.value

        expires_at: None | str
        if isinstance(self.expires_at, datetime.datetime):
            expires_at = self.expires_at.isoformat()
        else:
            expires_at = self.expires_at

        csrf_token: None | str
        csrf_token = self.csrf_token

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "project_id": project_id,
                "project_name": project_name,
                "authenticated_by": authenticated_by,
                "expires_at": expires_at,
                "csrf_token": csrf_token,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        project_id = d.pop("project_id")

        project_name = d.pop("project_name")

        authenticated_by = AuthSessionAuthenticatedBy(d.pop("authenticated_by"))

        def _parse_expires_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                expires_at_type_0 = datetime.datetime.fromisoformat(data)

                return expires_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        expires_at = _parse_expires_at(d.pop("expires_at"))

        csrf_token: None | str = d.pop("csrf_token")

        auth_session = cls(
            project_id=project_id,
            project_name=project_name,
            authenticated_by=authenticated_by,
            expires_at=expires_at,
            csrf_token=csrf_token,
        )

        return auth_session
