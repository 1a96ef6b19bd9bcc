#!/usr/bin/env python3
"""Tests the page of the fleet (`kalc plan --format html`) in a real browser: headless
Chromium (Debian's `chromium`) loads the page of examples/edge-fleet and of a generated
fleet of 200 workloads x 20 cluster types, and the DOM it produced (`--dump-dom`) must show
exactly the assignments of `kalc plan --format json`, each with its policy; a deployment
selected through the address (`#env/target/cluster-type`) must show its config values, its
requirements and its GitOps files. The browser runs with every host name unresolvable, so the
page can fetch nothing.

Usage: scripts/test-fleet-page.py [KALC]  (default: .build/debug/kalc). When Chromium is not
installed and cannot be installed, the test is skipped with a message saying so (exit 0)."""
import html.parser
import json
import os
import pathlib
import shutil
import subprocess
import sys
import tempfile
import time

root = pathlib.Path(__file__).resolve().parent.parent
kalc = sys.argv[1] if len(sys.argv) > 1 else str(root / ".build/debug/kalc")


def skip(reason):
    print(f"test-fleet-page: SKIPPED: {reason}", file=sys.stderr)
    sys.exit(0)


def browser():
    found = shutil.which("chromium") or shutil.which("chromium-browser")
    if found:
        return found
    install = ["apt-get", "install", "-y", "-o", "DPkg::Lock::Timeout=600", "chromium"]
    if os.geteuid() != 0:
        install = ["sudo", "-n"] + install
    if subprocess.run(install, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL).returncode != 0:
        skip("Debian's chromium package is not installed and cannot be installed")
    return shutil.which("chromium") or skip("chromium was installed but is not on the PATH")


class Cells(html.parser.HTMLParser):
    """The assigned cells of the matrices, the selected deployment and its details."""

    def __init__(self):
        super().__init__()
        self.assignments = []
        self.selected = None
        self.config = []
        self.requirements = 0
        self.files = []
        self.matrix_rows = 0
        self._in = None
        self._text = ""
        self._row = []

    def handle_starttag(self, tag, attributes):
        attributes = dict(attributes)
        if tag == "td" and "assigned" in (attributes.get("class") or "").split():
            self.assignments.append((attributes["data-environment"], attributes["data-target"], attributes["data-cluster-type"]))
            self._in, self._text = "cell", ""
        elif tag == "aside" and attributes.get("data-selected"):
            self.selected = attributes["data-selected"]
        elif tag == "tr" and "data-key" in attributes:
            self._in, self._row = "config", []
        elif tag == "td" and self._in == "config":
            self._text = ""
        elif tag == "pre" and attributes.get("class") == "requirement":
            self.requirements += 1
        elif tag == "li":
            self._in, self._text = "file", ""

    def handle_data(self, data):
        if self._in:
            self._text += data

    def handle_endtag(self, tag):
        if tag == "td" and self._in == "cell":
            self.assignments[-1] += (self._text,)
            self._in = None
        elif tag == "td" and self._in == "config":
            self._row.append(self._text)
        elif tag == "tr" and self._in == "config":
            self.config.append(tuple(self._row))
            self._in = None
        elif tag == "li" and self._in == "file":
            self.files.append(self._text)
            self._in = None


def run(arguments):
    result = subprocess.run([kalc] + arguments, capture_output=True, text=True, cwd=root)
    if result.returncode != 0:
        sys.exit(f"kalc {' '.join(arguments)} failed: {result.stderr}")
    return result.stdout


def dump(chromium, page, fragment=""):
    with tempfile.TemporaryDirectory() as profile, tempfile.TemporaryFile() as output:
        started = time.monotonic()
        # Output to a file: the browser's helper processes may hold a pipe open after it exits.
        subprocess.run([chromium, "--headless", "--no-sandbox", "--disable-gpu", f"--user-data-dir={profile}",
                        "--host-resolver-rules=MAP * ~NOTFOUND", "--dump-dom", page.as_uri() + fragment],
                       stdout=output, stderr=subprocess.DEVNULL, timeout=120)
        output.seek(0)
        parser = Cells()
        parser.feed(output.read().decode("utf-8"))
        return parser, time.monotonic() - started


def check_project(chromium, project, folder):
    page = folder / "fleet.html"
    text = run(["plan", str(project), "--format", "html"])
    for external in ("<script src", "<link", "@import", "url(", "@font-face", "<img", "<iframe"):
        assert external not in text, f"the page refers to something outside it: {external}"
    page.write_text(text, encoding="utf-8")
    plan = json.loads(run(["plan", str(project), "--format", "json"]))
    expected = sorted((environment["name"], assignment["deploymentTarget"], assignment["clusterType"], assignment["policy"])
                      for environment in plan["environments"] for assignment in environment["assignments"])
    cells, seconds = dump(chromium, page)
    assert sorted(cells.assignments) == expected, f"{project}: the matrix differs from kalc plan --format json"
    print(f"ok: {project}: the matrix shows the {len(expected)} assignments of kalc plan --format json ({seconds:.1f} s to load and dump)")
    return expected, page


def main():
    subprocess.run([kalc, "--version"], check=True, stdout=subprocess.DEVNULL)
    chromium = browser()
    with tempfile.TemporaryDirectory() as temporary:
        folder = pathlib.Path(temporary)
        expected, page = check_project(chromium, root / "examples/edge-fleet", folder)
        # A selected deployment: its config values (and the config that sets each), its
        # requirements and its GitOps files.
        environment, target, cluster_type, _ = next(entry for entry in expected if entry[1] == "pos-production")
        key = f"{environment}/{target}/{cluster_type}"
        cells, _ = dump(chromium, page, "#" + key)
        assert cells.selected == key, f"the selected deployment is {cells.selected}, not {key}"
        assert cells.requirements >= 1, "no requirement shown"
        compiled = folder / "out"
        run(["compile", "examples/edge-fleet", "--out", str(compiled)])
        prefix = compiled / "gitops" / environment
        # Every value shown is in the ConfigMap compiled for the deployment, set by a config of the environment.
        config_map = (prefix / cluster_type / target / "platform-config.yaml").read_text(encoding="utf-8")
        configs = {path.stem for path in (compiled / "control-plane" / environment / "configs").glob("*.yaml")}
        assert cells.config, "no config values shown"
        for name, value, config in cells.config:
            assert f"  {name}: " in config_map and config in configs, f"{name} = {value} from {config} is not in {config_map}"
        files = sorted(str(path.relative_to(prefix)) for path in (prefix / cluster_type / target).rglob("*") if path.is_file())
        assert sorted(cells.files) == files, f"GitOps files {cells.files} are not those compiled: {files}"
        print(f"ok: {key}: {len(cells.config)} config values, {cells.requirements} requirement(s), {len(files)} GitOps files")

        # A large fleet: 200 workloads x 20 cluster types.
        generated = folder / "large"
        subprocess.run([sys.executable, str(root / "Benchmarks/generate-fleet.py"), str(generated), "--environments", "1",
                        "--workloads", "200", "--cluster-types", "20"], check=True, stdout=subprocess.DEVNULL)
        check_project(chromium, generated / "kal", folder)
    print("test-fleet-page: every check passed")


main()
