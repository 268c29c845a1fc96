import time

from django.core.management.base import BaseCommand, CommandError

from perhekeskus.demo.generator import generate_network


class Command(BaseCommand):
    help = "Build a synthetic network over the real municipality list, for benchmarks."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--municipalities", type=int, required=True)
        parser.add_argument("--services", type=int, required=True)
        parser.add_argument("--deliveries", type=int, help="default: 1.6 × services")
        parser.add_argument("--seed", type=int, default=1)
        parser.add_argument("--replace", action="store_true", help="replace the network built with this seed")

    def handle(self, *args, municipalities, services, deliveries, seed, replace, **options) -> None:
        if services < 1 or (deliveries is not None and deliveries < 0):
            raise CommandError("--services must be at least 1 and --deliveries not negative.")
        started = time.perf_counter()
        try:
            result = generate_network(
                municipalities=municipalities,
                services=services,
                deliveries=deliveries,
                seed=seed,
                replace=replace,
            )
        except ValueError as error:
            raise CommandError(str(error)) from error
        elapsed = time.perf_counter() - started
        self.stdout.write(
            f"Network '{result['network'].slug}': {result['municipalities']} municipalities, "
            f"{result['organizations']} organisations, {result['locations']} locations, "
            f"{result['services']} services, {result['deliveries']} deliveries, "
            f"{result['schedules']} schedules in {elapsed:.1f} s."
        )
