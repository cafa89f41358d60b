# generated from openapi.yaml by generator/sdk_methods.py — do not edit; run `python -m nox -s generate`
"""The parts of the SDK that openapi.yaml describes (`x-sdk`) without I/O."""
