"""The opentasks reference server: every operation of openapi.yaml on a real database."""
