"""Exit non-zero with a clear message when DATABASE_URL cannot be reached (used before the PostgreSQL
suite, and by `make serve-prod`). With --create, a PostgreSQL database that does not exist yet is made."""

import argparse
import os
import sys


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--create", action="store_true", help="Create the PostgreSQL database when missing.")
    args = parser.parse_args()
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "perhekeskus.test_settings")
    import django
    from django.db import connection

    django.setup()
    name = connection.settings_dict.get("NAME")
    try:
        # The server's maintenance database: the test database itself is created later by pytest.
        with connection._nodb_cursor() as cursor:
            cursor.execute("SELECT 1")
            if args.create and connection.vendor == "postgresql":
                cursor.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name])
                if cursor.fetchone() is None:
                    cursor.execute(f"CREATE DATABASE {connection.ops.quote_name(name)}")
                    print(f"Database {name!r} created.")
    except Exception as error:  # any driver error means nothing can run
        print(f"Database {name!r} is unreachable: {error}", file=sys.stderr)
        return 1
    print(f"Database reachable: {connection.vendor} {connection.settings_dict.get('HOST') or ''}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
