# generated from overlay/opentasks/_async/_generated/__init__.py by generator/unasync.py — do not edit; run `python -m nox -s generate`

# generated from openapi.yaml by generator/sdk_methods.py — do not edit; run `python -m nox -s generate`
"""The namespaces' methods that openapi.yaml describes (`x-sdk`), in async form."""
