import signal
import time

from django.core.management.base import BaseCommand

from perhekeskus.core import tasks


class Command(BaseCommand):
    help = (
        "Run background tasks as they fall due: schedules the periodic ones (once, however many workers "
        "run) and runs every ready task with the task framework's database worker. Stops on SIGTERM or "
        "Ctrl-C after the task at hand."
    )

    def add_arguments(self, parser):
        parser.add_argument("--once", action="store_true", help="Run what is due now, then stop (for cron).")
        parser.add_argument(
            "--interval", type=float, default=30.0, help="Seconds between looks at the queue (default 30)."
        )

    def handle(self, *args, once: bool, interval: float, **options):
        if interval <= 0:
            self.stderr.write("--interval must be more than 0 seconds.")
            raise SystemExit(2)
        stopping = []

        def stop(*_) -> None:
            stopping.append(True)
            tasks.stop()  # after the task at hand (the framework's worker would record Ctrl-C as its failure)

        signal.signal(signal.SIGTERM, stop)
        signal.signal(signal.SIGINT, stop)
        try:
            while True:
                for finished in tasks.run_due():
                    last_line = (finished.result.strip().splitlines() or [""])[-1]
                    state = "done" if finished.succeeded else "failed"
                    self.stdout.write(f"{finished.name}: {state}. {last_line}")
                if once or stopping:
                    return
                wake = time.monotonic() + interval
                while not stopping and time.monotonic() < wake:
                    time.sleep(min(0.5, interval))
                if stopping:
                    return
        except KeyboardInterrupt:
            return
