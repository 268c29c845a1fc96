"""Exit non-zero with a clear message when DATABASE_URL cannot be reached (used before the PostgreSQL suite)."""

import os
import sys


def main() -> int:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "perhekeskus.test_settings")
    import django
    from django.db import connection

    django.setup()
    try:
        # The server's maintenance database: the test database itself is created later by pytest.
        with connection._nodb_cursor() as cursor:
            cursor.execute("SELECT 1")
    except Exception as error:  # any driver error means the suite cannot run
        print(f"Database {connection.settings_dict.get('NAME')!r} is unreachable: {error}", file=sys.stderr)
        return 1
    print(f"Database reachable: {connection.vendor} {connection.settings_dict.get('HOST') or ''}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
