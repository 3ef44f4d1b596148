"""The Zero to JupyterHub (Kubernetes) configuration for a course of 500: it parses, has what
a 500-learner course needs, and its embedded Python and JSON agree with the one-machine hub."""

from __future__ import annotations

import ast
from pathlib import Path

import yaml

from warning_signs.cli import INSTRUCTOR_PLUGINS, INSTRUCTOR_SERVER_EXTENSIONS
from warning_signs.hub.settings import START_PAGE

DEPLOY = Path(__file__).resolve().parent.parent / "deploy" / "z2jh"


def values() -> dict:
    return yaml.safe_load((DEPLOY / "values.yaml").read_text())


def _mebibytes(text: str) -> float:
    units = {"K": 1e3 / 2**20, "M": 1e6 / 2**20, "G": 1e9 / 2**20, "Ki": 1 / 1024, "Mi": 1, "Gi": 1024}
    for suffix in sorted(units, key=len, reverse=True):
        if text.endswith(suffix):
            return float(text[: -len(suffix)]) * units[suffix]
    return float(text) / 2**20


def test_the_values_file_parses_with_the_expected_keys():
    v = values()
    assert v["hub"]["services"]["ngshare"]["url"].startswith("http://ngshare.")
    assert v["cull"]["enabled"] is True and v["cull"]["timeout"] == 3600
    single = v["singleuser"]
    assert single["defaultUrl"] == f"/lab/tree/{START_PAGE}"
    assert single["cmd"] == ["python", "-m", "warning_signs.hub.singleuser"]
    guarantee, limit = _mebibytes(single["memory"]["guarantee"]), _mebibytes(single["memory"]["limit"])
    # Sized from the measured ~150 MiB idle server + ~150 MiB per lesson kernel (README, sizing).
    assert 300 <= guarantee <= limit <= 2048
    assert v["proxy"]["https"]["enabled"] is True
    assert v["scheduling"]["userScheduler"]["enabled"] is True


def test_the_mounted_config_files_match_the_one_machine_hub():
    files = values()["singleuser"]["extraFiles"]
    common = files["common-server-config"]["data"]
    assert common["ServerApp"]["tornado_settings"]["headers"]["Content-Security-Policy"] == "frame-ancestors 'self'"
    assert common["MappingKernelManager"]["cull_idle_timeout"] > 0
    disabled = files["learner-page-config"]["data"]["disabledExtensions"]
    assert sorted(disabled) == sorted(INSTRUCTOR_PLUGINS)
    servers = files["learner-server-config"]["data"]["ServerApp"]["jpserver_extensions"]
    assert sorted(servers) == sorted(INSTRUCTOR_SERVER_EXTENSIONS)
    nbgrader = files["common-nbgrader-config"]["stringData"]
    assert "configureExchange" in nbgrader and "/services/ngshare" in nbgrader
    for name in ("common-nbgrader-config", "instructor-nbgrader-config"):
        ast.parse(files[name]["stringData"])  # valid Python
    for snippet in values()["hub"]["extraConfig"].values():
        ast.parse(snippet)


def test_the_ngshare_values_parse():
    ngshare = yaml.safe_load((DEPLOY / "ngshare.yaml").read_text())
    assert ngshare["ngshare"]["admins"]
