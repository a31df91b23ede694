"""Gunicorn configuration for tests/benchmarks/bench_pages.py: one sync worker that logs, per request, the
path, status, SQL queries and the worker's CPU time (nanoseconds) to BENCH_REQUEST_LOG.

Only the benchmark loads it (`gunicorn -c tests/benchmarks/gunicorn_pages.py`); production does not.
"""

import os
import time

workers = 1
worker_class = "sync"
timeout = 30  # gunicorn's default, as in production: a request running longer is killed (HTTP 500/502)
accesslog = None
errorlog = "-"
loglevel = "warning"

_state = {"queries": 0, "cpu": 0}


def _count(execute, sql, params, many, context):
    _state["queries"] += 1
    return execute(sql, params, many, context)


def post_worker_init(worker):
    from django.db import connections

    connections["default"].execute_wrappers.append(_count)


def pre_request(worker, req):
    _state["queries"] = 0
    _state["cpu"] = time.process_time_ns()


def post_request(worker, req, environ, resp):
    path = req.path + (f"?{req.query}" if req.query else "")
    cpu = time.process_time_ns() - _state["cpu"]
    with open(os.environ["BENCH_REQUEST_LOG"], "a", encoding="utf-8") as log:
        log.write(f"{path}\t{resp.status_code}\t{_state['queries']}\t{cpu}\n")
