"""`manage.py seed_scale --size small|large`: the benchmark's data (mediation/demo/scale.py)."""

import json
import time

from django.contrib.auth.models import User
from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction

from mediation.demo import scale


class Command(BaseCommand):
    help = "Fill an empty database with benchmark data at a given size (bulk inserts)."

    def add_arguments(self, parser):
        parser.add_argument("--size", choices=sorted(scale.SIZES), default="small")
        parser.add_argument(
            "--summary", help="Also write the counts and bench session ids to this JSON file."
        )

    def handle(self, *args, size, summary=None, **options):
        if User.objects.filter(username__in=scale.BENCH_USERS).exists():
            raise CommandError("This database has benchmark data already: use a fresh one.")
        started = time.monotonic()
        with transaction.atomic():
            counts = scale.seed(scale.SIZES[size], log=lambda text: self.stdout.write(text))
        if connection.vendor == "postgresql":
            # The statistics autovacuum would gather soon after, so the first plans are
            # the ones a running site gets.
            with connection.cursor() as cursor:
                cursor.execute("ANALYZE")
        elapsed = time.monotonic() - started
        counts["seconds"] = round(elapsed, 1)
        if summary:
            with open(summary, "w") as handle:
                json.dump(counts, handle, indent=2)
        self.stdout.write(self.style.SUCCESS(f"{size} data written in {elapsed:.1f} s"))
