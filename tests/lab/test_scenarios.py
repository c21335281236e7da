"""Every scenario fails for real, prints its documented symptom, and the checker sees why."""

from __future__ import annotations

import json
import os
import re

import lab_env
import lab_scenarios
import pytest
from lab_scenarios import NOT_ON_LINUX, SCENARIOS, SCENARIOS_BY_ID

pytestmark = pytest.mark.lab
IDS = [s.id for s in SCENARIOS]


@pytest.mark.parametrize("scenario_id", IDS)
def test_real_pip_fails_with_the_documented_symptom_text(scenario_runs, scenario_id):
    scenario = SCENARIOS_BY_ID[scenario_id]
    run = scenario_runs[scenario_id]
    assert not run.succeeded, f"{scenario_id} unexpectedly worked:\n{run.output}"
    for text in (scenario.expect, *scenario.expect_also):
        assert text in run.output, (
            f"{scenario_id}: expected {text!r} in what {scenario.runner} printed:\n"
            f"{run.output}")


@pytest.mark.parametrize("scenario_id", IDS)
def test_explain_maps_real_output_to_symptom_and_true_cause(scenario_runs, scenario_id,
                                                           checker, tmp_path):
    scenario = SCENARIOS_BY_ID[scenario_id]
    answer = checker(["--explain", "-"], stdin=scenario_runs[scenario_id].output,
                     env=lab_env.scrubbed_env(tmp_path))
    assert answer["symptom"] == scenario.symptom, answer
    top = answer["causes"][: scenario.explain_top]
    assert scenario.causes[0] in top, (
        f"{scenario_id}: true cause {scenario.causes[0]!r} not among the first "
        f"{scenario.explain_top} causes {answer['causes']}")


PROBED = [s.id for s in SCENARIOS if s.probe]


@pytest.mark.parametrize("scenario_id", PROBED)
def test_probe_at_the_scenario_names_the_true_cause(lab, scenario_id, checker, tmp_path):
    """The checker, run by the scenario's interpreter in the scenario's environment."""
    scenario = SCENARIOS_BY_ID[scenario_id]
    env = lab_scenarios.scenario_env(lab, scenario, tmp_path / "home")
    python = lab.venvs[scenario.venv] / "bin" / "python"
    answer = checker(["--index-url", lab.values[scenario.index]], env=env, python=python)
    assert answer["causes"], f"{scenario_id}: the probe found no cause: {answer}"
    assert answer["causes"][0] in scenario.causes, (
        f"{scenario_id}: probe says {answer['causes']}, true causes {scenario.causes}")
    if scenario.probe_issuer:
        text = json.dumps(answer, ensure_ascii=False)
        assert scenario.probe_issuer in text, (
            f"{scenario_id}: the probe does not name the issuer {scenario.probe_issuer!r}")


def test_every_symptom_that_can_occur_on_linux_is_reproduced():
    import pip_ssl_check

    reproduced = {s.symptom for s in SCENARIOS}
    expected = set(pip_ssl_check.SYMPTOM_IDS) - set(NOT_ON_LINUX)
    assert expected - reproduced == set(), "symptoms without a lab scenario"
    assert reproduced <= set(pip_ssl_check.SYMPTOM_IDS), "scenarios with unknown symptom ids"


def test_every_cause_of_a_scenario_is_a_cause_id():
    import pip_ssl_check

    for scenario in SCENARIOS:
        assert set(scenario.causes) <= set(pip_ssl_check.CAUSE_IDS), scenario.id


def test_scenario_environments_carry_none_of_the_machines_tls_settings(lab, tmp_path):
    machine_values = {v for k, v in os.environ.items() if lab_env.LEAKY_VAR_RE.match(k) and v}
    for scenario in SCENARIOS:
        env = lab_scenarios.scenario_env(lab, scenario, tmp_path / scenario.id)
        own = set(scenario.env_dict(lab.values))
        if scenario.clock:
            own |= set(lab_scenarios.clock_env(scenario.clock))
        # OPENSSL_CONF is the lab's own copy of Debian's default (lab_env's module doc).
        assert env["OPENSSL_CONF"] == str(lab.openssl_conf), scenario.id
        own.add("OPENSSL_CONF")
        assert lab_env.leaked_variables(env, tuple(own)) == [], scenario.id
        if scenario.user_config is None:
            assert env["PIP_CONFIG_FILE"] == os.devnull
        else:  # reads its own user config, in a namespace without the machine's global ones
            assert "PIP_CONFIG_FILE" not in env
        assert env["HOME"].startswith(str(tmp_path))
        leaked_values = {k for k, v in env.items() if v in machine_values and k not in own}
        assert leaked_values == set(), f"{scenario.id}: machine values in {leaked_values}"


def test_scrubbed_pip_reads_no_config_file_of_this_machine(lab, tmp_path):
    """``pip config list`` in the scenario environment shows only the lab's own variables."""
    env = lab_env.scrubbed_env(tmp_path, lab.venvs["pip-new"])
    run = lab_scenarios.run([str(lab.venvs["pip-new"] / "bin" / "python"), "-m", "pip",
                             "config", "list"], env)
    assert run.succeeded, run.output
    keys = {line.split("=", 1)[0] for line in run.output.splitlines() if line.strip()}
    assert keys == {":env:.config-file", ":env:.disable-pip-version-check", ":env:.no-input"}, (
        run.output)


def test_pip_default_path_accepts_the_chain_python313_strict_mode_rejects(lab, tmp_path):
    """pip 26.3 on 3.13 (truststore, no VERIFY_X509_STRICT on Linux) installs from the
    legacy-CA index that urllib, requests and pip's legacy-certs path refuse."""
    scenario = SCENARIOS_BY_ID["strict-x509-pip-legacy-certs-py313"]
    env = lab_scenarios.scenario_env(lab, scenario, tmp_path / "home")
    python = lab.venvs[scenario.venv] / "bin" / "python"
    run = lab_scenarios.run(lab_scenarios.pip_install_command(
        python, lab.values[scenario.index], tmp_path / "target"), env)
    assert run.succeeded, run.output


def test_python312_urllib_accepts_the_chain_python313_rejects(lab, tmp_path):
    """The strictness is 3.13's: the same chain and trust under 3.12 work."""
    python = lab_env.find_python("3.12")
    env = lab_env.scrubbed_env(tmp_path, SSL_CERT_FILE=lab.values["strict_root"])
    url = lab.values["index_strict"]
    run = lab_scenarios.run([str(python), "-c", lab_scenarios.URLLIB_PROBE, url], env)
    assert run.succeeded and run.output.strip() == "200", run.output


def test_valid_index_works_for_every_pip_so_failures_are_the_scenarios(lab, tmp_path):
    """The control: the same pips and environment install from the valid index."""
    for venv in ("pip-old", "pip-new", "pip-new-py313"):
        env = lab_env.scrubbed_env(tmp_path / venv, lab.venvs[venv])
        run = lab_scenarios.run(lab_scenarios.pip_install_command(
            lab.venvs[venv] / "bin" / "python", lab.values["index_valid"],
            tmp_path / venv / "target"), env)
        assert run.succeeded, f"{venv}:\n{run.output}"
        assert "Successfully installed lab-demo-1.0" in run.output


def _symptom_text(page: str, symptom: str) -> str:
    """A symptom's section of a symptoms page, plus the snippet file it embeds from."""
    markdown = (lab_env.ROOT / "docs" / page).read_text()
    match = re.search(rf"^## .*\{{ *#{re.escape(symptom)} *\}}.*?$(.*?)(?=^## |\Z)", markdown,
                      re.M | re.S)
    snippet = lab_env.ROOT / "snippets" / "symptoms" / f"{symptom}.txt"
    return (match.group(1) if match else "") + (snippet.read_text() if snippet.exists() else "")


@pytest.mark.parametrize("page", ["symptoms.md", "symptoms.en.md"])
def test_symptoms_page_quotes_what_real_pip_printed(page):
    missing = [(s.symptom, s.id, text) for s in SCENARIOS for text in (s.expect, *s.expect_also)
               if text not in _symptom_text(page, s.symptom)]
    assert not missing, f"docs/{page} does not quote (symptom, scenario, text): {missing}"
