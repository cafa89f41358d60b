# generated from openapi.yaml by generator/regenerate.py — do not edit
"""A client library for accessing opentasks"""

from .client import AuthenticatedClient, Client

__all__ = (
    "AuthenticatedClient",
    "Client",
)
