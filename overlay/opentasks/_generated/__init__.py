# generated from openapi.yaml by generator/sdk_methods.py — do not edit; run `python -m nox -s generate`
"""The namespaces' public classes, combining their generated sync and async methods."""
