# generated from openapi.yaml by generator/regenerate.py — do not edit
"""Contains methods for accessing the API"""
