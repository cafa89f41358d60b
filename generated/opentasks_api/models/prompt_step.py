# generated from openapi.yaml by generator/regenerate.py — do not edit
from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Literal, TypeVar, cast

from attrs import define as _attrs_define

from ..types import UNSET, Unset

T = TypeVar("T", bound="PromptStep")


@_attrs_define
class PromptStep:
    """Asks the model, with a plain prompt or a list of messages."""

    kind: Literal["prompt"]
    """ Always `prompt`. """
    prompt: list[ChatMessage] | str
    """ The prompt text, or the messages to send. """
    settings: JsonObject | Unset = UNSET
    """ Free-form JSON object. """

    def to_dict(self) -> dict[str, Any]:
        kind = self.kind

        prompt: list[dict[str, Any]] | str
        if isinstance(self.prompt, list):
            prompt = []
            for componentsschemas_prompt_messages_item_data in self.prompt:
                componentsschemas_prompt_messages_item = (
                    componentsschemas_prompt_messages_item_data.to_dict()
                )
                prompt.append(componentsschemas_prompt_messages_item)

        else:
            prompt = self.prompt

        settings: dict[str, Any] | Unset = UNSET
        if not isinstance(self.settings, Unset):
            settings = dict(self.settings)

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "kind": kind,
                "prompt": prompt,
            }
        )
        if settings is not UNSET:
            field_dict["settings"] = settings

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        kind = cast(Literal["prompt"], d.pop("kind"))
        if kind != "prompt":
            raise ValueError(f"kind must match const 'prompt', got '{kind}'")

        def _parse_prompt(data: object) -> list[ChatMessage] | str:
            try:
                if not isinstance(data, list):
                    raise TypeError()
                prompt_type_1 = []
                _prompt_type_1 = data
                for componentsschemas_prompt_messages_item_data in _prompt_type_1:
                    componentsschemas_prompt_messages_item = ChatMessage.from_dict(
                        componentsschemas_prompt_messages_item_data
                    )

                    prompt_type_1.append(componentsschemas_prompt_messages_item)

                return prompt_type_1
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(list[ChatMessage] | str, data)

        prompt = _parse_prompt(d.pop("prompt"))

        _settings = d.pop("settings", UNSET)
        settings: JsonObject | Unset
        if isinstance(_settings, Unset):
            settings = UNSET
        else:
            settings = dict(_settings)

        prompt_step = cls(
            kind=kind,
            prompt=prompt,
            settings=settings,
        )

        return prompt_step


# The models this one refers to, imported after its class so that an import cycle between
# models resolves (see the template's note in generator/templates/model.py.jinja).
from ..models.chat_message import ChatMessage  # noqa: E402
from ..models.json_object import JsonObject  # noqa: E402
