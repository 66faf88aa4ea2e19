"""A stub of the Databricks Jobs API 2.2, enough for DatabricksRunNowOperator: one job, found by name;
run-now honours the idempotency token; each attempt of a run (the first, then each repair) runs
briefly and ends as the script says; every call is recorded with its parameters.

It listens on 127.0.0.1 on a port the system picks, and shuts itself down after `lifetime_s`
whatever the test does, so it never outlives the test.
"""

import json
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qsl, urlsplit

JOB_ID = 42
RUN_ID = 7001
#: How long an attempt stays RUNNING before it ends: long enough that the operator defers.
ATTEMPT_S = 1.0


class JobsApi:
    def __init__(self, job_name: str, outcomes: list[str], lifetime_s: float) -> None:
        self.job_name = job_name
        #: The result of each attempt of the run: the original, then one per repair.
        self.outcomes = outcomes
        self.calls: list[dict[str, Any]] = []
        self.tokens: dict[str, int] = {}
        self.attempt_started: list[float] = []
        self.lock = threading.Lock()
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), self.handler())
        self.port = self.server.server_address[1]
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.stopper = threading.Timer(lifetime_s, self.server.shutdown)

    def __enter__(self) -> "JobsApi":
        self.thread.start()
        self.stopper.start()
        return self

    def __exit__(self, *_: object) -> None:
        self.stopper.cancel()
        self.server.shutdown()
        self.server.server_close()

    def run(self) -> dict[str, Any]:
        """The run as runs/get shows it, its latest attempt running for ATTEMPT_S, then ending."""
        attempt = len(self.attempt_started) - 1
        running = time.monotonic() - self.attempt_started[attempt] < ATTEMPT_S
        outcome = self.outcomes[attempt]
        state = (
            {"life_cycle_state": "RUNNING", "state_message": ""}
            if running
            else {"life_cycle_state": "TERMINATED", "result_state": outcome, "state_message": ""}
        )
        task_state = {"life_cycle_state": "RUNNING"} if running else {"life_cycle_state": "TERMINATED", "result_state": outcome}
        return {
            "job_id": JOB_ID,
            "run_id": RUN_ID,
            "run_page_url": f"http://127.0.0.1:{self.port}/#job/{JOB_ID}/run/{RUN_ID}",
            "state": state,
            "tasks": [{"task_key": "silver_orders", "run_id": RUN_ID * 10 + attempt, "attempt_number": attempt, "state": task_state}],
            "repair_history": [{"type": "ORIGINAL", "id": RUN_ID}] + [{"type": "REPAIR", "id": RUN_ID + n} for n in range(1, attempt + 1)],
        }

    def answer(self, method: str, path: str, body: dict[str, Any]) -> tuple[int, dict[str, Any]]:
        with self.lock:
            self.calls.append({"method": method, "path": path, "body": body})
            if path == "/api/2.2/jobs/list":
                jobs = [{"job_id": JOB_ID, "settings": {"name": self.job_name}}] if body.get("name") == self.job_name else []
                return 200, {"jobs": jobs}
            if path == "/api/2.2/jobs/run-now":
                token = str(body.get("idempotency_token"))
                if token not in self.tokens:
                    self.tokens[token] = RUN_ID
                    self.attempt_started.append(time.monotonic())
                return 200, {"run_id": self.tokens[token], "number_in_job": 1}
            if path == "/api/2.2/jobs/runs/get":
                return 200, self.run()
            if path == "/api/2.2/jobs/runs/get-output":
                return 200, {"error": "QualityGateError: silver_orders held the batch"}
            if path == "/api/2.2/jobs/runs/repair":
                self.attempt_started.append(time.monotonic())
                return 200, {"repair_id": RUN_ID + len(self.attempt_started) - 1}
            return 404, {"error_code": "ENDPOINT_NOT_FOUND", "message": path}

    def handler(self) -> type[BaseHTTPRequestHandler]:
        api = self

        class Handler(BaseHTTPRequestHandler):
            def reply(self, method: str) -> None:
                url = urlsplit(self.path)
                length = int(self.headers.get("Content-Length") or 0)
                body = json.loads(self.rfile.read(length)) if length else dict(parse_qsl(url.query))
                status, payload = api.answer(method, url.path, body)
                data = json.dumps(payload).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            def do_GET(self) -> None:
                self.reply("GET")

            def do_POST(self) -> None:
                self.reply("POST")

            def log_message(self, format: str, *args: Any) -> None:  # the calls are recorded instead
                pass

        return Handler
