"""Dial-a-ride (DARP) engine: model, solver, booking-time insertion, checker, benchmark reader.

Pure Python + numpy (numba compiles the hot loops when installed); no Django.

>>> from smartvillage.optim.darp import Problem, Request, Vehicle, solve, check
"""

from .check import Report, Violation, check
from .cordeau import CordeauInstance, InstanceFormatError, read_cordeau
from .insertion import Insertion, Rejection, insert_request, remove_request
from .model import Plan, Problem, Request, Route, Stop, Unserved, Vehicle, plan_distance
from .solver import Result, SolveParams, solve

__all__ = [
    "CordeauInstance",
    "Insertion",
    "InstanceFormatError",
    "Plan",
    "Problem",
    "Rejection",
    "Report",
    "Request",
    "Result",
    "Route",
    "SolveParams",
    "Stop",
    "Unserved",
    "Vehicle",
    "Violation",
    "check",
    "insert_request",
    "plan_distance",
    "read_cordeau",
    "remove_request",
    "solve",
]
