# generated from openapi.yaml by generator/regenerate.py — do not edit
from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.flag import Flag
from ..models.task_status import TaskStatus

T = TypeVar("T", bound="Task")


@_attrs_define
class Task:
    """One unit of agent work."""

    id: str
    """ A task id. """
    agent_id: str
    """ The id of the agent doing the work, as the caller names it. """
    session_id: None | str
    """ The session the task belongs to, if any. """
    test_id: None | str
    """ The test run the task was recorded in, if any. """
    name: None | str
    """ A short name. """
    description: None | str
    """ What the task is for. """
    prompt: None | str
    """ The input given to the agent. """
    file_urls: list[str]
    """ URLs of files given to the agent with the prompt. """
    output: None | str
    """ What the agent answered. """
    status: str | TaskStatus
    """ A task's status as the server reports it: one of `TaskStatus`, or a status added to the
    API after this client was built, delivered as a plain string.
     """
    status_reason: None | str
    """ Why the task is in its status, as given with the last status change. """
    flag: Flag | None | str
    """ Whether the outcome was a success or a failure, once flagged. """
    flag_source: None | str
    """ Who set the flag (`user`, `owner`, an evaluator's name, …). """
    notes: None | str
    """ Free-form notes about the task. """
    metadata: JsonObject
    """ Free-form JSON object. """
    data: JsonObject
    """ Free-form JSON object. """
    additional_input: JsonObject
    """ Free-form JSON object. """
    additional_output: JsonObject
    """ Free-form JSON object. """
    sender_id: None | str
    """ Who sent the input (a user id, another agent, …). """
    tools_available: list[str]
    """ Names of the tools the task's workflow may call. """
    input_schema: JsonObject | None
    """ A JSON Schema the execution arguments must follow, if any. """
    main: list[
        ErrorStep | EvaluateStep | IfElseStep | PromptStep | ToolCallStep | UnknownStep | YieldStep
    ]
    """ The workflow's steps, in order; empty for a task with no workflow. """
    version: int
    """ Increases by one on every change; the `ETag` carries it. """
    created_at: datetime.datetime
    """ An RFC 3339 timestamp in UTC. """
    updated_at: datetime.datetime
    """ An RFC 3339 timestamp in UTC. """
    started_at: datetime.datetime | None
    """ When the task first started executing. """
    finished_at: datetime.datetime | None
    """ When the task reached a terminal status. """
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = self.id

        agent_id = self.agent_id

        session_id: None | str
        session_id = self.session_id

        test_id: None | str
        test_id = self.test_id

        name: None | str
        name = self.name

        description: None | str
        description = self.description

        prompt: None | str
        prompt = self.prompt

        file_urls = self.file_urls

        output: None | str
        output = self.output

        status: str
        if isinstance(self.status, TaskStatus):
            status = self.status.value
        else:
            status = self.status

        status_reason: None | str
        status_reason = self.status_reason

        flag: None | str
        if isinstance(self.flag, Flag):
            flag = self.flag.value
        else:
            flag = self.flag

        flag_source: None | str
        flag_source = self.flag_source

        notes: None | str
        notes = self.notes

        metadata = dict(self.metadata)

        data = dict(self.data)

        additional_input = dict(self.additional_input)

        additional_output = dict(self.additional_output)

        sender_id: None | str
        sender_id = self.sender_id

        tools_available = self.tools_available

        input_schema: dict[str, Any] | None
        if isinstance(self.input_schema, dict):
            input_schema = dict(self.input_schema)
        else:
            input_schema = self.input_schema

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
            elif isinstance(main_item_data, ErrorStep):
                main_item = main_item_data.to_dict()
            else:
                main_item = main_item_data.to_dict()

            main.append(main_item)

        version = self.version

        created_at = self.created_at.isoformat()

        updated_at = self.updated_at.isoformat()

        started_at: None | str
        if isinstance(self.started_at, datetime.datetime):
            started_at = self.started_at.isoformat()
        else:
            started_at = self.started_at

        finished_at: None | str
        if isinstance(self.finished_at, datetime.datetime):
            finished_at = self.finished_at.isoformat()
        else:
            finished_at = self.finished_at

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "agent_id": agent_id,
                "session_id": session_id,
                "test_id": test_id,
                "name": name,
                "description": description,
                "prompt": prompt,
                "file_urls": file_urls,
                "output": output,
                "status": status,
                "status_reason": status_reason,
                "flag": flag,
                "flag_source": flag_source,
                "notes": notes,
                "metadata": metadata,
                "data": data,
                "additional_input": additional_input,
                "additional_output": additional_output,
                "sender_id": sender_id,
                "tools_available": tools_available,
                "input_schema": input_schema,
                "main": main,
                "version": version,
                "created_at": created_at,
                "updated_at": updated_at,
                "started_at": started_at,
                "finished_at": finished_at,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        id = d.pop("id")

        agent_id = d.pop("agent_id")

        session_id: None | str = d.pop("session_id")

        test_id: None | str = d.pop("test_id")

        name: None | str = d.pop("name")

        description: None | str = d.pop("description")

        prompt: None | str = d.pop("prompt")

        file_urls = cast(list[str], d.pop("file_urls"))

        output: None | str = d.pop("output")

        def _parse_status(data: object) -> str | TaskStatus:
            try:
                if not isinstance(data, str):
                    raise TypeError()
                componentsschemas_task_status_value_type_0 = TaskStatus(data)

                return componentsschemas_task_status_value_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(str | TaskStatus, data)

        status = _parse_status(d.pop("status"))

        status_reason: None | str = d.pop("status_reason")

        def _parse_flag(data: object) -> Flag | None | str:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                componentsschemas_flag_value_type_0 = Flag(data)

                return componentsschemas_flag_value_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(Flag | None | str, data)

        flag = _parse_flag(d.pop("flag"))

        flag_source: None | str = d.pop("flag_source")

        notes: None | str = d.pop("notes")

        metadata = dict(d.pop("metadata"))

        data = dict(d.pop("data"))

        additional_input = dict(d.pop("additional_input"))

        additional_output = dict(d.pop("additional_output"))

        sender_id: None | str = d.pop("sender_id")

        tools_available = cast(list[str], d.pop("tools_available"))

        def _parse_input_schema(data: object) -> JsonObject | None:
            if data is None:
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                input_schema_type_0 = dict(data)

                return input_schema_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(JsonObject | None, data)

        input_schema = _parse_input_schema(d.pop("input_schema"))

        main = []
        _main = d.pop("main")
        for main_item_data in _main:

            def _parse_main_item(
                data: object,
            ) -> (
                ErrorStep
                | EvaluateStep
                | IfElseStep
                | PromptStep
                | ToolCallStep
                | UnknownStep
                | YieldStep
            ):
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
                try:
                    if not isinstance(data, dict):
                        raise TypeError()
                    componentsschemas_workflow_step_type_5 = ErrorStep.from_dict(data)

                    return componentsschemas_workflow_step_type_5
                except (TypeError, ValueError, AttributeError, KeyError):
                    pass
                if not isinstance(data, dict):
                    raise TypeError()
                componentsschemas_workflow_step_value_type_1 = UnknownStep.from_dict(data)

                return componentsschemas_workflow_step_value_type_1

            main_item = _parse_main_item(main_item_data)

            main.append(main_item)

        version = d.pop("version")

        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))

        updated_at = datetime.datetime.fromisoformat(d.pop("updated_at"))

        def _parse_started_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                started_at_type_0 = datetime.datetime.fromisoformat(data)

                return started_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        started_at = _parse_started_at(d.pop("started_at"))

        def _parse_finished_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                finished_at_type_0 = datetime.datetime.fromisoformat(data)

                return finished_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        finished_at = _parse_finished_at(d.pop("finished_at"))

        task = cls(
            id=id,
            agent_id=agent_id,
            session_id=session_id,
            test_id=test_id,
            name=name,
            description=description,
            prompt=prompt,
            file_urls=file_urls,
            output=output,
            status=status,
            status_reason=status_reason,
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
            version=version,
            created_at=created_at,
            updated_at=updated_at,
            started_at=started_at,
            finished_at=finished_at,
        )

        task.additional_properties = d
        return task

    @property
    def additional_keys(self) -> list[str]:
        return list(self.additional_properties.keys())

    def __getitem__(self, key: str) -> Any:
        return self.additional_properties[key]

    def __setitem__(self, key: str, value: Any) -> None:
        self.additional_properties[key] = value

    def __delitem__(self, key: str) -> None:
        del self.additional_properties[key]

    def __contains__(self, key: str) -> bool:
        return key in self.additional_properties


# The models this one refers to, imported after its class so that an import cycle between
# models resolves (see the template's note in generator/templates/model.py.jinja).
from ..models.error_step import ErrorStep  # noqa: E402
from ..models.evaluate_step import EvaluateStep  # noqa: E402
from ..models.if_else_step import IfElseStep  # noqa: E402
from ..models.json_object import JsonObject  # noqa: E402
from ..models.prompt_step import PromptStep  # noqa: E402
from ..models.tool_call_step import ToolCallStep  # noqa: E402
from ..models.unknown_step import UnknownStep  # noqa: E402
from ..models.yield_step import YieldStep  # noqa: E402
