# generated from openapi.yaml by generator/regenerate.py — do not edit
from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define

from ..models.flag import Flag
from ..types import UNSET, Unset

T = TypeVar("T", bound="TaskUpdate")


@_attrs_define
class TaskUpdate:
    """Fields to change on a task; absent fields are left as they are, `null` clears one."""

    session_id: None | str | Unset = UNSET
    """ Attach the task to this session, or detach it with `null`. """
    test_id: None | str | Unset = UNSET
    """ Record the task in this test run, or detach it with `null`. """
    name: None | str | Unset = UNSET
    """ A short name. """
    description: None | str | Unset = UNSET
    """ What the task is for. """
    prompt: None | str | Unset = UNSET
    """ The input given to the agent. """
    file_urls: list[str] | Unset = UNSET
    """ URLs of files given to the agent with the prompt. """
    output: None | str | Unset = UNSET
    """ What the agent answered. """
    flag: Flag | None | Unset = UNSET
    """ The outcome. """
    flag_source: None | str | Unset = UNSET
    """ Who set the flag. """
    notes: None | str | Unset = UNSET
    """ Free-form notes about the task. """
    metadata: JsonObject | Unset = UNSET
    """ Free-form JSON object. """
    data: JsonObject | Unset = UNSET
    """ Free-form JSON object. """
    additional_input: JsonObject | Unset = UNSET
    """ Free-form JSON object. """
    additional_output: JsonObject | Unset = UNSET
    """ Free-form JSON object. """
    sender_id: None | str | Unset = UNSET
    """ Who sent the input. """
    tools_available: list[str] | Unset = UNSET
    """ Names of the tools the task's workflow may call. """
    input_schema: JsonObject | None | Unset = UNSET
    """ A JSON Schema the execution arguments must follow. """
    main: (
        list[ErrorStep | EvaluateStep | IfElseStep | PromptStep | ToolCallStep | YieldStep] | Unset
    ) = UNSET
    """ The workflow's steps, in order. """

    def to_dict(self) -> dict[str, Any]:
        session_id: None | str | Unset
        if isinstance(self.session_id, Unset):
            session_id = UNSET
        else:
            session_id = self.session_id

        test_id: None | str | Unset
        if isinstance(self.test_id, Unset):
            test_id = UNSET
        else:
            test_id = self.test_id

        name: None | str | Unset
        if isinstance(self.name, Unset):
            name = UNSET
        else:
            name = self.name

        description: None | str | Unset
        if isinstance(self.description, Unset):
            description = UNSET
        else:
            description = self.description

        prompt: None | str | Unset
        if isinstance(self.prompt, Unset):
            prompt = UNSET
        else:
            prompt = self.prompt

        file_urls: list[str] | Unset = UNSET
        if not isinstance(self.file_urls, Unset):
            file_urls = self.file_urls

        output: None | str | Unset
        if isinstance(self.output, Unset):
            output = UNSET
        else:
            output = self.output

        flag: None | str | Unset
        if isinstance(self.flag, Unset):
            flag = UNSET
        elif isinstance(self.flag, Flag):
            flag = self.flag.value
        else:
            flag = self.flag

        flag_source: None | str | Unset
        if isinstance(self.flag_source, Unset):
            flag_source = UNSET
        else:
            flag_source = self.flag_source

        notes: None | str | Unset
        if isinstance(self.notes, Unset):
            notes = UNSET
        else:
            notes = self.notes

        metadata: dict[str, Any] | Unset = UNSET
        if not isinstance(self.metadata, Unset):
            metadata = dict(self.metadata)

        data: dict[str, Any] | Unset = UNSET
        if not isinstance(self.data, Unset):
            data = dict(self.data)

        additional_input: dict[str, Any] | Unset = UNSET
        if not isinstance(self.additional_input, Unset):
            additional_input = dict(self.additional_input)

        additional_output: dict[str, Any] | Unset = UNSET
        if not isinstance(self.additional_output, Unset):
            additional_output = dict(self.additional_output)

        sender_id: None | str | Unset
        if isinstance(self.sender_id, Unset):
            sender_id = UNSET
        else:
            sender_id = self.sender_id

        tools_available: list[str] | Unset = UNSET
        if not isinstance(self.tools_available, Unset):
            tools_available = self.tools_available

        input_schema: dict[str, Any] | None | Unset
        if isinstance(self.input_schema, Unset):
            input_schema = UNSET
        elif isinstance(self.input_schema, dict):
            input_schema = dict(self.input_schema)
        else:
            input_schema = self.input_schema

        main: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.main, Unset):
            main = []
            for main_item_data in self.main:
                main_item: dict[str, Any]
                if isinstance(main_item_data, PromptStep):
                    main_item = main_item_data.to_dict()
                elif isinstance(main_item_data, ToolCallStep):
                    main_item = main_item_data.to_dict()
                elif isinstance(main_item_data, EvaluateStep):
                    main_item = main_item_data.to_dict()
                elif isinstance(main_item_data, YieldStep):
                    main_item = main_item_data.to_dict()
                elif isinstance(main_item_data, IfElseStep):
                    main_item = main_item_data.to_dict()
                else:
                    main_item = main_item_data.to_dict()

                main.append(main_item)

        field_dict: dict[str, Any] = {}

        field_dict.update({})
        if session_id is not UNSET:
            field_dict["session_id"] = session_id
        if test_id is not UNSET:
            field_dict["test_id"] = test_id
        if name is not UNSET:
            field_dict["name"] = name
        if description is not UNSET:
            field_dict["description"] = description
        if prompt is not UNSET:
            field_dict["prompt"] = prompt
        if file_urls is not UNSET:
            field_dict["file_urls"] = file_urls
        if output is not UNSET:
            field_dict["output"] = output
        if flag is not UNSET:
            field_dict["flag"] = flag
        if flag_source is not UNSET:
            field_dict["flag_source"] = flag_source
        if notes is not UNSET:
            field_dict["notes"] = notes
        if metadata is not UNSET:
            field_dict["metadata"] = metadata
        if data is not UNSET:
            field_dict["data"] = data
        if additional_input is not UNSET:
            field_dict["additional_input"] = additional_input
        if additional_output is not UNSET:
            field_dict["additional_output"] = additional_output
        if sender_id is not UNSET:
            field_dict["sender_id"] = sender_id
        if tools_available is not UNSET:
            field_dict["tools_available"] = tools_available
        if input_schema is not UNSET:
            field_dict["input_schema"] = input_schema
        if main is not UNSET:
            field_dict["main"] = main

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        session_id: None | str | Unset = d.pop("session_id", UNSET)

        test_id: None | str | Unset = d.pop("test_id", UNSET)

        name: None | str | Unset = d.pop("name", UNSET)

        description: None | str | Unset = d.pop("description", UNSET)

        prompt: None | str | Unset = d.pop("prompt", UNSET)

        file_urls = cast(list[str], d.pop("file_urls", UNSET))

        output: None | str | Unset = d.pop("output", UNSET)

        def _parse_flag(data: object) -> Flag | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                flag_type_0 = Flag(data)

                return flag_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(Flag | None | Unset, data)

        flag = _parse_flag(d.pop("flag", UNSET))

        flag_source: None | str | Unset = d.pop("flag_source", UNSET)

        notes: None | str | Unset = d.pop("notes", UNSET)

        _metadata = d.pop("metadata", UNSET)
        metadata: JsonObject | Unset
        if isinstance(_metadata, Unset):
            metadata = UNSET
        else:
            metadata = dict(_metadata)

        _data = d.pop("data", UNSET)
        data: JsonObject | Unset
        if isinstance(_data, Unset):
            data = UNSET
        else:
            data = dict(_data)

        _additional_input = d.pop("additional_input", UNSET)
        additional_input: JsonObject | Unset
        if isinstance(_additional_input, Unset):
            additional_input = UNSET
        else:
            additional_input = dict(_additional_input)

        _additional_output = d.pop("additional_output", UNSET)
        additional_output: JsonObject | Unset
        if isinstance(_additional_output, Unset):
            additional_output = UNSET
        else:
            additional_output = dict(_additional_output)

        sender_id: None | str | Unset = d.pop("sender_id", UNSET)

        tools_available = cast(list[str], d.pop("tools_available", UNSET))

        def _parse_input_schema(data: object) -> JsonObject | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                input_schema_type_0 = dict(data)

                return input_schema_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(JsonObject | None | Unset, data)

        input_schema = _parse_input_schema(d.pop("input_schema", UNSET))

        _main = d.pop("main", UNSET)
        main: (
            list[ErrorStep | EvaluateStep | IfElseStep | PromptStep | ToolCallStep | YieldStep]
            | Unset
        ) = UNSET
        if _main is not UNSET:
            main = []
            for main_item_data in _main:

                def _parse_main_item(
                    data: object,
                ) -> ErrorStep | EvaluateStep | IfElseStep | PromptStep | ToolCallStep | YieldStep:
                    try:
                        if not isinstance(data, dict):
                            raise TypeError()
                        componentsschemas_workflow_step_type_0 = PromptStep.from_dict(data)

                        return componentsschemas_workflow_step_type_0
                    except (TypeError, ValueError, AttributeError, KeyError):
                        pass
                    try:
                        if not isinstance(data, dict):
                            raise TypeError()
                        componentsschemas_workflow_step_type_1 = ToolCallStep.from_dict(data)

                        return componentsschemas_workflow_step_type_1
                    except (TypeError, ValueError, AttributeError, KeyError):
                        pass
                    try:
                        if not isinstance(data, dict):
                            raise TypeError()
                        componentsschemas_workflow_step_type_2 = EvaluateStep.from_dict(data)

                        return componentsschemas_workflow_step_type_2
                    except (TypeError, ValueError, AttributeError, KeyError):
                        pass
                    try:
                        if not isinstance(data, dict):
                            raise TypeError()
                        componentsschemas_workflow_step_type_3 = YieldStep.from_dict(data)

                        return componentsschemas_workflow_step_type_3
                    except (TypeError, ValueError, AttributeError, KeyError):
                        pass
                    try:
                        if not isinstance(data, dict):
                            raise TypeError()
                        componentsschemas_workflow_step_type_4 = IfElseStep.from_dict(data)

                        return componentsschemas_workflow_step_type_4
                    except (TypeError, ValueError, AttributeError, KeyError):
                        pass
                    if not isinstance(data, dict):
                        raise TypeError()
                    componentsschemas_workflow_step_type_5 = ErrorStep.from_dict(data)

                    return componentsschemas_workflow_step_type_5

                main_item = _parse_main_item(main_item_data)

                main.append(main_item)

        task_update = cls(
            session_id=session_id,
            test_id=test_id,
            name=name,
            description=description,
            prompt=prompt,
            file_urls=file_urls,
            output=output,
            flag=flag,
            flag_source=flag_source,
            notes=notes,
            metadata=metadata,
            data=data,
            additional_input=additional_input,
            additional_output=additional_output,
            sender_id=sender_id,
            tools_available=tools_available,
            input_schema=input_schema,
            main=main,
        )

        return task_update


# The models this one refers to, imported after its class so that an import cycle between
# models resolves (see the template's note in generator/templates/model.py.jinja).
from ..models.error_step import ErrorStep  # noqa: E402
from ..models.evaluate_step import EvaluateStep  # noqa: E402
from ..models.if_else_step import IfElseStep  # noqa: E402
from ..models.json_object import JsonObject  # noqa: E402
from ..models.prompt_step import PromptStep  # noqa: E402
from ..models.tool_call_step import ToolCallStep  # noqa: E402
from ..models.yield_step import YieldStep  # noqa: E402
