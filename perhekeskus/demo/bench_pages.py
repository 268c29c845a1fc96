"""`make bench-pages`: Lighthouse's performance figures of the public pages on a phone; prints figures,
asserts nothing.

The site is served as in production: gunicorn (gunicorn.conf.py) with debug off, the static files
collected and served by WhiteNoise under hashed names, compressed, over plain HTTP on a free local
port, from a fresh SQLite database of its own (var/bench-pages/) holding the demo network
(`load_demo`), with new secrets and e-mail to the console. Google Lighthouse (the npm package, major
version LIGHTHOUSE, installed on first use into var/lighthouse) audits each public page type in
Debian's Chromium, headless, with its default mobile emulation (a mid-range phone) and simulated
throttling (slow 4G, a processor 4 times slower), performance category only. Each page is audited
RUNS times (the rounds one after another, so that a busy moment of the machine falls on several pages
rather than on every run of one), and the median of each figure is shown: the performance score
(0–1), largest contentful paint (LCP), total blocking time (TBT) and cumulative layout shift (CLS).
Then the lowest score and how many pages score under TARGET (issue 22), and for each of those the
audits Lighthouse finds wanting in its median run. The reports (JSON) are kept in
var/bench-pages/reports/.

Lighthouse simulates the phone's processor from this machine's: a machine busy with other work
lengthens the main-thread tasks and so TBT (each report holds Lighthouse's benchmark index).

Settings by environment: BENCH_PAGES_RUNS (default 3), BENCH_PAGES_ONLY (page names, comma-separated),
CHROME_PATH (default /usr/bin/chromium), WEB_CONCURRENCY (gunicorn processes, default 2).
"""

import json
import os
import secrets
import shutil
import socket
import statistics
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent.parent
BIN = Path(sys.executable).parent
VAR = ROOT / "var" / "bench-pages"
DATABASE = VAR / "db.sqlite3"
REPORTS = VAR / "reports"
TARGETS = VAR / "targets.json"
SERVER_LOG = VAR / "gunicorn.log"
PREPARE_LOG = VAR / "prepare.log"
# The last major version that runs on Node 20 (13 needs Node 22.19).
LIGHTHOUSE = "12"
LIGHTHOUSE_PREFIX = ROOT / "var" / "lighthouse"
CHROME = os.environ.get("CHROME_PATH", "/usr/bin/chromium")
RUNS = int(os.environ.get("BENCH_PAGES_RUNS", "3"))
TARGET = 0.95
HOST = "127.0.0.1"
# A search that finds nothing in the demo network (no word of it is in the vocabulary).
NO_RESULTS = "qwxzvbnkjh"


def environment(port: int) -> dict[str, str]:
    """Production settings with new secrets, over plain HTTP (as `make serve-prod`), on SQLite."""
    from cryptography.fernet import Fernet

    env = {
        name: value
        for name, value in os.environ.items()
        # A developer's environment (`make run`'s) must not reach the production trial.
        if name not in ("DATABASE_REPLICA_URL", "DEMO_ACCOUNTS_SKIP_SECOND_FACTOR", "STATIC_URL")
    }
    return {
        **env,
        "DJANGO_SETTINGS_MODULE": "perhekeskus.settings",
        "DJANGO_DEBUG": "false",
        "DJANGO_HTTPS": "false",
        "DJANGO_SECRET_KEY": secrets.token_urlsafe(50),
        "DJANGO_ALLOWED_HOSTS": f"{HOST},localhost",
        "DATABASE_URL": f"sqlite:///{DATABASE}",
        "CACHE_URL": "locmem://",
        "STATIC_ROOT": str(VAR / "static"),
        "PERSONAL_DATA_KEYS": Fernet.generate_key().decode(),
        "DJANGO_EMAIL_BACKEND": "django.core.mail.backends.console.EmailBackend",
        "DEFAULT_FROM_EMAIL": "perhekeskus@localhost",
        "PRIVACY_CONTROLLER": "Bench (not a real controller)",
        "PRIVACY_CONTACT": "privacy@example.invalid",
        "DATA_PROTECTION_OFFICER": "dpo@example.invalid",
        "SITE_URL": f"http://{HOST}:{port}",
        "GUNICORN_BIND": f"{HOST}:{port}",
        "WEB_CONCURRENCY": os.environ.get("WEB_CONCURRENCY", "2"),
    }


# --- Preparing the site (runs in a process of its own, with the settings above) -------------------------


def prepare() -> None:
    """Migrate, collect the static files, load the demo network and choose a page of each kind."""
    import django

    django.setup()
    from django.core.management import call_command
    from django.db.models import Count

    from perhekeskus.activities.models import Activity
    from perhekeskus.activities.selectors import public_activities
    from perhekeskus.catalog.selectors import listed_organizations, listed_services
    from perhekeskus.network.models import Municipality

    with PREPARE_LOG.open("w") as log:
        call_command("migrate", "--no-input", verbosity=0, stdout=log)
        call_command("collectstatic", "--no-input", verbosity=0, stdout=log)
        # Its output holds the demo accounts' random passwords: kept in the log, not printed.
        call_command("load_demo", stdout=log)
    # The fullest page of each kind (ties by name, so that another tree's demo picks the same one).
    service = (
        listed_services()
        .annotate(places=Count("deliveries__location", distinct=True))
        .order_by("-places", "name_fi")
        .first()
    )
    organization = (
        listed_organizations()
        .annotate(count=Count("services", distinct=True))
        .order_by("-count", "name_fi")
        .first()
    )
    municipality = (
        Municipality.objects.filter(family_centre__isnull=False)
        .annotate(count=Count("locations", distinct=True))
        .order_by("-count", "code")
        .first()
    )
    # One with registration (its times and places on the page), by id: stable as the demo grows.
    activities = public_activities().order_by("pk")
    activity = activities.filter(registration=Activity.Registration.REQUIRED).first() or activities.first()
    TARGETS.write_text(
        json.dumps(
            {
                "service": [str(service.pk), f"{service.name_fi} ({service.places} places)"],
                "organization": [
                    str(organization.pk),
                    f"{organization.name_fi} ({organization.count} services)",
                ],
                "municipality": [municipality.code, municipality.name_fi],
                "activity": [str(activity.pk), activity.title_fi],
            }
        )
    )


# --- Auditing -------------------------------------------------------------------------------------------


def pages(targets: dict) -> dict[str, str]:
    """The public page types, by name: their paths."""
    return {
        "home": "/",
        "search results": "/search/?q=neuvola",
        "search no results": f"/search/?q={NO_RESULTS}",
        "service": f"/services/{targets['service'][0]}/",
        "organisation": f"/organizations/{targets['organization'][0]}/",
        "municipality": f"/municipalities/{targets['municipality'][0]}/",
        "guides": "/guides/",
        "guide": "/guides/expecting/",
        "activities": "/activities/",
        "activity": f"/activities/{targets['activity'][0]}/",
        "my list": "/my-list/",
        "accessibility": "/accessibility/",
        "my municipality": "/my-municipality/",
        "home sv": "/sv/",
        "home en": "/en/",
    }


def install_lighthouse() -> str:
    """The version of Lighthouse in var/lighthouse, installed there first when missing or of another
    major version."""
    package = LIGHTHOUSE_PREFIX / "node_modules" / "lighthouse" / "package.json"
    installed = json.loads(package.read_text())["version"] if package.exists() else ""
    if installed.split(".")[0] != LIGHTHOUSE:
        print(f"Installing lighthouse@{LIGHTHOUSE} into {LIGHTHOUSE_PREFIX.relative_to(ROOT)}…", flush=True)
        subprocess.run(
            ["npm", "install", "--prefix", str(LIGHTHOUSE_PREFIX), "--no-audit", "--no-fund", "--silent",
             f"lighthouse@{LIGHTHOUSE}"],
            check=True,
        )  # fmt: skip
        installed = json.loads(package.read_text())["version"]
    return installed


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind((HOST, 0))
        return probe.getsockname()[1]


def status_of(url: str) -> int:
    try:
        with urllib.request.urlopen(url, timeout=30) as response:
            response.read()
            return response.status
    except urllib.error.HTTPError as error:
        return error.code
    except OSError:
        return 0


def wait_until_up(server: subprocess.Popen, base: str) -> None:
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        if server.poll() is not None:
            sys.exit(f"gunicorn stopped (exit {server.returncode}); see {SERVER_LOG}")
        if status_of(f"{base}/healthz") == 200:
            return
        time.sleep(0.5)
    sys.exit("gunicorn did not answer /healthz in 120 s")


# A round of audits in one Node process through Lighthouse's Node API: the same audits as its command
# line, without loading Node and Lighthouse again for every page. Each page gets a new Chromium, as the
# command line gives it (one browser for many pages loses a trace now and then: NO_NAVSTART). The jobs
# come as JSON on standard input; a line of JSON on standard output for each.
RUNNER = """
import fs from "node:fs";
import * as chromeLauncher from "chrome-launcher";
import lighthouse from "lighthouse";

const jobs = JSON.parse(fs.readFileSync(0, "utf8"));
for (const job of jobs) {
  const line = {report: job.report};
  let chrome = null;
  try {
    chrome = await chromeLauncher.launch({chromeFlags: ["--headless=new", "--no-sandbox"]});
    const flags = {port: chrome.port, output: "json", onlyCategories: ["performance"], logLevel: "error"};
    fs.writeFileSync(job.report, (await lighthouse(job.url, flags)).report);
  } catch (error) {
    line.error = String(error?.message ?? error);
  } finally {
    if (chrome) await chrome.kill();
  }
  process.stdout.write(JSON.stringify(line) + "\\n");
}
"""


def audit(jobs: dict[str, tuple[str, Path]], then: str) -> dict[str, dict]:
    """One Lighthouse run (mobile, simulated throttling, performance only) of each job's address, its
    report written to the job's path; the reports by job, those that failed left out (and told, with
    what `then` happens)."""
    runner = LIGHTHOUSE_PREFIX / "bench-pages-runs.mjs"
    runner.write_text(RUNNER)
    completed = subprocess.run(
        ["node", str(runner)],
        input=json.dumps([{"url": url, "report": str(report)} for url, report in jobs.values()]),
        env={**os.environ, "CHROME_PATH": CHROME},
        capture_output=True,
        text=True,
    )
    errors = {}
    for line in completed.stdout.splitlines():
        outcome = json.loads(line)
        if "error" in outcome:
            errors[outcome["report"]] = outcome["error"]
    results = {}
    for name, (url, report) in jobs.items():
        if not report.exists():
            problem = errors.get(str(report)) or completed.stderr.strip()[-300:] or "no report"
            print(f"    Lighthouse failed on {url} ({then}): {problem}", flush=True)
            continue
        result = json.loads(report.read_text())
        if result.get("runtimeError") or result["categories"]["performance"]["score"] is None:
            problem = result.get("runtimeError", {}).get("message", "no score")
            print(f"    Lighthouse could not measure {url} ({then}): {problem}", flush=True)
            continue
        results[name] = result
    return results


def figures(result: dict) -> dict[str, float]:
    audits = result["audits"]
    return {
        "score": result["categories"]["performance"]["score"],
        "lcp": audits["largest-contentful-paint"]["numericValue"],
        "tbt": audits["total-blocking-time"]["numericValue"],
        "cls": audits["cumulative-layout-shift"]["numericValue"],
        "fcp": audits["first-contentful-paint"]["numericValue"],
        "si": audits["speed-index"]["numericValue"],
    }


def wanting(result: dict) -> list[str]:
    """The audits of the performance category that Lighthouse finds wanting (score under 0.9), with what
    they would save, largest first."""
    found = []
    for reference in result["categories"]["performance"]["auditRefs"]:
        if reference.get("group") == "metrics":
            continue
        audit_result = result["audits"][reference["id"]]
        score = audit_result.get("score")
        if score is None or score >= 0.9 or audit_result.get("scoreDisplayMode") in ("informative", "manual"):
            continue
        details = audit_result.get("details") or {}
        saving = details.get("overallSavingsMs") or 0
        text = f"{audit_result['title']}"
        if audit_result.get("displayValue"):
            text += f": {audit_result['displayValue']}"
        items = [
            str(item.get("url") or (item.get("node") or {}).get("snippet") or "")
            for item in details.get("items", [])[:3]
            if isinstance(item, dict)
        ]
        if any(items):
            text += " [" + ", ".join(item for item in items if item)[:300] + "]"
        found.append((saving, text))
    return [text for _saving, text in sorted(found, key=lambda pair: -pair[0])]


def main() -> int:
    port = free_port()
    base = f"http://{HOST}:{port}"
    env = environment(port)
    version = install_lighthouse()
    if VAR.exists():
        shutil.rmtree(VAR)
    REPORTS.mkdir(parents=True)
    started = time.monotonic()
    subprocess.run(
        [sys.executable, "-m", "perhekeskus.demo.bench_pages", "--prepare"], env=env, check=True, cwd=ROOT
    )
    targets = json.loads(TARGETS.read_text())
    chosen = pages(targets)
    only = [name.strip() for name in os.environ.get("BENCH_PAGES_ONLY", "").split(",") if name.strip()]
    if only:
        chosen = {name: path for name, path in chosen.items() if name in only}
    print(
        f"Site ready in {time.monotonic() - started:.0f} s (service: {targets['service'][1]}; organisation: "
        f"{targets['organization'][1]}; municipality: {targets['municipality'][1]}; activity: "
        f"{targets['activity'][1]})."
    )
    with SERVER_LOG.open("w") as log:
        server = subprocess.Popen([str(BIN / "gunicorn")], env=env, cwd=ROOT, stdout=log, stderr=log)
    runs: dict[str, list[dict]] = {name: [] for name in chosen}
    statuses: dict[str, int] = {}
    try:
        wait_until_up(server, base)
        # Every page once before it is audited: a missing one is reported, not audited, and each
        # process has read its templates (as a site that has been up for a while).
        for name, path in chosen.items():
            for _process in range(int(env["WEB_CONCURRENCY"])):
                statuses[name] = status_of(base + path)
        print(
            f"Lighthouse {version}, mobile (simulated throttling), {RUNS} runs a page, {CHROME}; gunicorn with "
            f"{env['WEB_CONCURRENCY']} processes on {base}.",
            flush=True,
        )
        for round_number in range(1, RUNS + 1):
            round_started = time.monotonic()
            jobs = {
                name: (base + path, REPORTS / f"{name.replace(' ', '-')}-{round_number}.json")
                for name, path in chosen.items()
                if statuses[name] == 200
            }
            results = audit(jobs, then="trying again")
            # Once more for a run Lighthouse could not record (a trace without its start, now and then).
            retried = {name: (url, report.with_name(report.stem + "-again.json"))
                       for name, (url, report) in jobs.items() if name not in results}  # fmt: skip
            if retried:
                results.update(audit(retried, then="a run fewer"))
            for name, result in results.items():
                runs[name].append(result)
            print(f"  round {round_number} of {RUNS}: {time.monotonic() - round_started:.0f} s", flush=True)
    finally:
        server.terminate()
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()
    print()
    print(
        f"{'page':<20} {'path':<48} {'score':>5} {'LCP ms':>7} {'TBT ms':>7} {'CLS':>6} {'FCP ms':>7} {'SI ms':>7}"
    )
    scores: dict[str, float] = {}
    for name, path in chosen.items():
        shown = path if len(path) <= 48 else path[:45] + "…"
        if statuses[name] != 200 or not runs[name]:
            why = f"status {statuses[name]}" if statuses[name] != 200 else "no run measured"
            print(f"{name:<20} {shown:<48} not audited ({why})")
            continue
        measured = [figures(result) for result in runs[name]]
        median = {key: statistics.median(m[key] for m in measured) for key in measured[0]}
        scores[name] = median["score"]
        each = ", ".join(f"{m['score']:.2f}" for m in measured)
        spread = f"  (scores {each})" if len(measured) > 1 else ""
        print(
            f"{name:<20} {shown:<48} {median['score']:5.2f} {median['lcp']:7.0f} {median['tbt']:7.0f} "
            f"{median['cls']:6.3f} {median['fcp']:7.0f} {median['si']:7.0f}{spread}"
        )
    if not scores:
        print("No page measured.")
        return 0
    lowest = min(scores, key=scores.get)
    below = [name for name, score in scores.items() if score < TARGET]
    index = statistics.median(
        result["environment"]["benchmarkIndex"] for each in runs.values() for result in each
    )
    print(
        f"Lowest score {scores[lowest]:.2f} ({lowest}); {len(below)} of {len(scores)} pages under {TARGET}. "
        f"Lighthouse's benchmark index of this machine: {index:.0f}."
    )
    for name in below:
        # The run whose score is the median's (the lower middle one of an even count).
        ordered = sorted(runs[name], key=lambda result: result["categories"]["performance"]["score"])
        print(f"{name}, what Lighthouse finds wanting:")
        for text in wanting(ordered[(len(ordered) - 1) // 2]) or ["nothing beyond the metrics"]:
            print(f"    {text}")
    return 0


if __name__ == "__main__":
    if sys.argv[1:] == ["--prepare"]:
        prepare()
    else:
        sys.exit(main())
