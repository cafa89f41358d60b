# generated from openapi.yaml by generator/regenerate.py — do not edit
from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define

from ..models.chat_role import ChatRole

T = TypeVar("T", bound="ChatMessage")


@_attrs_define
class ChatMessage:
    """One message of a prompt."""

    role: ChatRole
    """ Who speaks in a chat message. """
    content: str
    """ What is said; may hold `{{expressions}}` over the step's inputs. """

    def to_dict(self) -> dict[str, Any]:
        role = self.role.value

        content = self.content

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "role": role,
                "content": content,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        role = ChatRole(d.pop("role"))

        content = d.pop("content")

        chat_message = cls(
            role=role,
            content=content,
        )

        return chat_message
