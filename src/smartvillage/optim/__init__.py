"""Optimisation engine of Smart Village: pure Python, no Django.

Sub-packages: ``darp`` (dial-a-ride solver, insertion), ``traveltime`` (travel-time providers).
Django apps adapt their rows to the plain dataclasses of this package (see docs/architecture.md).
"""
