# generated from openapi.yaml by generator/regenerate.py — do not edit
"""Contains endpoint functions for accessing the API"""
