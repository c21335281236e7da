"""The probe against real TLS servers on 127.0.0.1, with this machine's CA variables scrubbed."""

from __future__ import annotations

import base64
import sys
import time

import pytest
from checker_support import json_out, run_checker, run_many

PROXY_SECRET = "Pr0xyS3cretValue77"
INDEX_SECRET = "Ind3xT0kenValue4242"


@pytest.fixture(scope="module")
def runs(pki, env):
    """Every scenario once, in parallel: {name: (CompletedProcess, seconds)}."""
    trusted = {"PIP_CERT": str(pki.ca_file)}
    tunnel = f"http://alice:{PROXY_SECRET}@127.0.0.1:{pki.servers['tunnel'].port}"
    holes = " ".join(
        f"https://127.0.0.{i}:{pki.servers['blackhole'].port}/simple/" for i in range(2, 7)
    )
    scenarios = {
        "trusted": (
            ["--json", "--index-url", pki.url("trusted")],
            env(SSL_CERT_FILE=str(pki.ca_file), **trusted),
        ),
        "trusted-text": (["--lang", "en", "--index-url", pki.url("trusted")], env(**trusted)),
        "trusted-via-proxy": (
            ["--json", "--index-url", pki.url("trusted")],
            env(https_proxy=tunnel, **trusted),
        ),
        "trusted-via-proxy-text": (
            ["--index-url", pki.url("trusted")],
            env(HTTPS_PROXY=tunnel, **trusted),
        ),
        "vendor": (["--json", "--index-url", pki.url("vendor")], env()),
        "vendor-text": (["--lang", "zh", "--index-url", pki.url("vendor")], env()),
        "expired": (["--json", "--index-url", pki.url("expired")], env(**trusted)),
        "mismatch": (["--json", "--index-url", pki.url("mismatch")], env(**trusted)),
        "future": (["--json", "--index-url", pki.url("future")], env(**trusted)),
        "proxy407": (
            ["--json", "--index-url", pki.url("trusted")],
            env(
                https_proxy=f"http://bob:{PROXY_SECRET}@127.0.0.1:{pki.servers['proxy407'].port}",
                **trusted,
            ),
        ),
        "https-scheme-proxy": (
            ["--json", "--index-url", pki.url("trusted")],
            env(https_proxy=f"https://127.0.0.1:{pki.servers['tunnel'].port}", **trusted),
        ),
        "blackhole": (["--json", "--index-url", pki.url("blackhole", "127.0.0.1")], env()),
        "budget": (
            ["--json"],
            env(PIP_INDEX_URL=pki.url("blackhole", "127.0.0.1"), PIP_EXTRA_INDEX_URL=holes),
        ),
        "refused": (["--json", "--index-url", "https://127.0.0.1:9/simple/"], env()),
        "ca-missing": (
            ["--json", "--index-url", pki.url("trusted")],
            env(REQUESTS_CA_BUNDLE="path/to/ca-bundle.crt", **trusted),
        ),
    }

    config = pki.base / "secret-pip.conf"
    config.write_text(
        "[global]\nindex-url = https://deploy:%s@localhost:%d/simple/\n"
        "extra-index-url = https://localhost:%d/simple/?private_token=%s\n"
        "proxy = http://carol:%s@127.0.0.1:%d\n"
        % (
            INDEX_SECRET,
            pki.servers["trusted"].port,
            pki.servers["trusted"].port,
            INDEX_SECRET,
            PROXY_SECRET,
            pki.servers["tunnel"].port,
        )
    )
    scenarios["secrets-json"] = (["--json"], env(PIP_CONFIG_FILE=str(config), **trusted))
    scenarios["secrets-text"] = (["--lang", "zh"], env(PIP_CONFIG_FILE=str(config), **trusted))
    scenarios["secrets-env"] = (
        ["--json"],
        env(
            PIP_INDEX_URL=f"https://gitlab%2Bdeploy-token-1:{INDEX_SECRET}@"
            f"localhost:{pki.servers['trusted'].port}/simple/",
            **trusted,
        ),
    )

    def job(args, environment):
        def run():
            started = time.monotonic()
            proc = run_checker(sys.executable, args, environment, timeout=60)
            return proc, time.monotonic() - started

        return run

    return run_many({name: job(*spec) for name, spec in scenarios.items()}, workers=6)


def _host(report):
    hosts = [h for h in report["hosts"] if not h.get("skipped")]
    assert hosts, report["hosts"]
    return hosts[0]


def test_a_trusted_index_means_exit_0_and_no_symptom(runs):
    proc, _ = runs["trusted"]
    report = json_out(proc)
    assert proc.returncode == 0, report["findings"]
    assert report["symptom"] == "none" and report["causes"] == []
    host = _host(report)
    assert host["tcp"]["ok"] and host["pip_tls"]["ok"]
    assert "PIP_CERT" in host["pip_tls"]["trust"] and host["system_tls"]["ok"]
    assert host["presented"] is None  # no unverified look when verification worked
    assert not any("UNVERIFIED" in step for step in host["sent"])
    assert not any(step.startswith("HEAD") for step in host["sent"])  # handshakes only


def test_the_text_report_ends_with_the_ticket_block(runs):
    proc, _ = runs["trusted-text"]
    text = proc.stdout.decode()
    assert proc.returncode == 0
    assert "No problem found: pip should connect." in text
    assert text.rstrip().endswith("----- >8 ----- end of pip_ssl_check summary -----")
    block = text.split("----- 8< -----", 1)[1]
    assert "diagnosis: no problem found" in block and "tls/pip ok" in block
    # only PIP_CERT trusts the test CA: Python's default context fails, which is a warning, not a problem
    assert (
        "tls/system FAIL unable-to-get-local-issuer" in block
        and "warning: unable-to-get-local-issuer" in block
    )


def test_the_probe_tunnels_through_the_proxy_like_pip_and_hides_the_password(runs, pki):
    for name in ("trusted-via-proxy", "trusted-via-proxy-text"):
        proc, _ = runs[name]
        assert proc.returncode == 0, proc.stdout.decode()[-2000:]
        out = proc.stdout.decode() + proc.stderr.decode()
        assert PROXY_SECRET not in out
        assert base64.b64encode(f"alice:{PROXY_SECRET}".encode()).decode() not in out
        assert "127.0.0.1" in out
    sent = [r for r in pki.servers["tunnel"].requests if r.startswith(b"CONNECT localhost:")]
    assert sent, pki.servers["tunnel"].requests
    token = base64.b64encode(f"alice:{PROXY_SECRET}".encode())
    assert any(b"Proxy-Authorization: Basic " + token in r for r in sent)
    assert all(
        b"Proxy-Authorization: Basic " in r for r in sent
    )  # every run here has proxy credentials


def test_an_unknown_issuer_named_like_zscaler_is_a_corporate_proxy_and_the_vendor_is_named(runs):
    proc, _ = runs["vendor"]
    report = json_out(proc)
    assert proc.returncode == 1
    assert report["symptom"] == "unable-to-get-local-issuer"
    assert report["causes"][0] == "corporate-proxy"
    host = _host(report)
    assert host["presented"]["vendor"] == "Zscaler"
    assert "Zscaler Root CA" in host["presented"]["issuer"]
    assert any("UNVERIFIED" in step for step in host["sent"])
    assert not any(step.startswith("HEAD") for step in host["sent"])  # dates are not in question
    text_proc, _ = runs["vendor-text"]
    text = text_proc.stdout.decode()
    assert "Zscaler" in text and "未经验证的查看" in text and "诊断" in text
    assert "https://fix-pip-ssl.github.io/fix/corporate-proxy/" in text


def test_an_expired_server_certificate_blames_the_server(runs):
    proc, _ = runs["expired"]
    report = json_out(proc)
    assert proc.returncode == 1
    assert report["symptom"] == "cert-expired"
    assert report["causes"][0] == "server-certificate"
    assert _host(report)["presented"]["not_after"] < time.time()


def test_a_hostname_mismatch_is_found_and_the_presented_names_shown(runs):
    proc, _ = runs["mismatch"]
    report = json_out(proc)
    assert proc.returncode == 1
    assert report["symptom"] == "hostname-mismatch"
    assert {"network-block", "server-certificate"} <= set(report["causes"])
    assert _host(report)["presented"]["names"] == ["other.example.org"]


def test_a_certificate_valid_by_the_servers_date_but_not_ours_means_the_clock_is_wrong(runs):
    proc, _ = runs["future"]
    report = json_out(proc)
    assert proc.returncode == 1
    assert report["symptom"] == "cert-not-yet-valid"
    assert report["causes"][0] == "clock-skew"
    assert any("server's clock" in f["text"] for f in report["findings"])
    assert any(step.startswith("HEAD / (Date header") for step in _host(report)["sent"])


def test_a_407_from_the_proxy_is_proxy_auth_and_the_password_stays_hidden(runs):
    proc, _ = runs["proxy407"]
    report = json_out(proc)
    assert proc.returncode == 1
    assert report["symptom"] == "proxy-auth" and report["causes"] == ["proxy-settings"]
    assert PROXY_SECRET not in proc.stdout.decode()


def test_an_https_scheme_for_a_plain_http_proxy_is_wrong_version_number(runs):
    proc, _ = runs["https-scheme-proxy"]
    report = json_out(proc)
    assert proc.returncode == 1
    assert report["symptom"] == "wrong-version-number"
    assert report["causes"][0] == "proxy-settings"


def test_a_black_holed_host_times_out_within_the_stated_timeouts(runs):
    proc, seconds = runs["blackhole"]
    report = json_out(proc)
    assert proc.returncode == 1
    assert report["symptom"] == "connection-interrupted"
    assert report["timeouts"] == {"connect": 3.0, "tls": 3.0, "budget": 9.0}
    assert seconds < report["timeouts"]["budget"] + 1


def test_six_black_holes_at_once_stay_within_the_ten_second_budget(runs):
    proc, seconds = runs["budget"]
    report = json_out(proc)
    assert proc.returncode == 1
    assert len([h for h in report["hosts"] if not h.get("skipped")]) == 6
    assert seconds < 10


def test_a_refused_connection_points_at_the_network(runs):
    proc, _ = runs["refused"]
    report = json_out(proc)
    assert proc.returncode == 1
    assert report["causes"][0] == "network-block"
    assert _host(report)["tcp"]["ok"] is False


def test_a_placeholder_ca_bundle_path_is_found_and_wins_over_pip_cert(runs):
    proc, _ = runs["ca-missing"]
    report = json_out(proc)
    assert proc.returncode == 1
    assert report["symptom"] == "ca-bundle-invalid"
    assert report["causes"] == ["ca-bundle-setting"]
    assert report["ca"]["bundle"]["name"] == "REQUESTS_CA_BUNDLE"
    assert report["ca"]["overridden"] == ["PIP_CERT"]


def test_offline_opens_no_connection(pki, env):
    before = pki.servers["trusted"].connections
    proc = run_checker(
        sys.executable, ["--offline", "--json", "--index-url", pki.url("trusted")], env()
    )
    report = json_out(proc)
    assert proc.returncode == 0 and report["offline"] is True and report["hosts"] == []
    time.sleep(0.2)
    assert pki.servers["trusted"].connections == before


def test_credentials_in_pip_config_and_variables_never_reach_any_output(runs, pki):
    for name in ("secrets-json", "secrets-text", "secrets-env"):
        proc, _ = runs[name]
        out = proc.stdout.decode() + proc.stderr.decode()
        assert proc.returncode == 0, out[-3000:]
        for secret in (
            INDEX_SECRET,
            PROXY_SECRET,
            base64.b64encode(f"carol:{PROXY_SECRET}".encode()).decode(),
        ):
            assert secret not in out, (name, secret)
    report = json_out(runs["secrets-json"][0])
    assert [h["host"] for h in report["hosts"]] == [
        "localhost"
    ]  # two index URLs on one host: probed once
    assert all(
        h["proxy"] == f"http://***@127.0.0.1:{pki.servers['tunnel'].port}" for h in report["hosts"]
    )
    assert all(h["pip_tls"]["ok"] for h in report["hosts"])


# --- the evidence step: when what the probe saw overrules the error text's ranking ----------


@pytest.fixture(scope="module")
def evidence_runs(pki, env, interpreters):
    """Scenarios whose error text alone points at the wrong cause, each once, in parallel.

    ``pip-23`` and ``pip-26`` put a stand-in pip on PYTHONPATH (see fake_pip): certifi only,
    or the OS store too on Python >= 3.10; both certifi bundles hold the stand-in public
    CA's old root. SSL_CERT_FILE is the "system" store; without it the system store is
    this machine's, which knows none of the test CAs.
    """
    pips = {"pip-23": str(pki.pips["23.3.2"]), "pip-26": str(pki.pips["26.3"])}

    def case(server, python=sys.executable, pip=None, system=None, lang="en", **extra):
        environment = env(
            PYTHONPATH=pips[pip] if pip else None,
            SSL_CERT_FILE=str(pki.files[system]) if system else None,
            **extra,
        )
        return python, ["--json", "--lang", lang, "--index-url", pki.url(server)], environment

    trusted = {"PIP_CERT": str(pki.ca_file)}
    scenarios = {
        "missing-intermediate": case("missing-intermediate", pip="pip-26"),
        "missing-intermediate-zh": case("missing-intermediate", pip="pip-26", lang="zh"),
        "missing-intermediate-py312": case(
            "missing-intermediate", python=interpreters["3.12"], pip="pip-26"
        ),
        "missing-intermediate-py36": case(
            "missing-intermediate", python=interpreters["3.6"], pip="pip-26"
        ),
        "tls13-only-py312": case(
            "missing-intermediate-tls13", python=interpreters["3.12"], pip="pip-26"
        ),
        "vendor-short": case("vendor-short"),
        "inspection-short": case("inspection-short"),
        "new-root-in-os-store": case("new-root", pip="pip-23", system="public-root-new"),
        "new-root-in-os-store-zh": case(
            "new-root", pip="pip-23", system="public-root-new", lang="zh"
        ),
        "new-root-nowhere": case("new-root", pip="pip-23"),
        "org-root-in-os-store": case("org-root", pip="pip-23", system="org-root"),
        "org-root-in-os-store-py36": case(
            "org-root", python=interpreters["3.6"], pip="pip-23", system="org-root"
        ),
        "ct-logged-root-in-os-store": case("ct-logged", pip="pip-23", system="ct-root"),
        "not-yet-valid": case("not-yet-valid", **trusted),
        "expired": case("expired", **trusted),
        "expired-by-our-clock": case("expired-by-our-clock", **trusted),
    }

    def job(python, args, environment):
        return lambda: run_checker(python, args, environment, timeout=60)

    return run_many({name: job(*spec) for name, spec in scenarios.items()}, workers=6)


def _problem(report):
    """The probe's finding for the host (the one the diagnosis comes from)."""
    problems = [f for f in report["findings"] if f["severity"] == "problem" and f.get("host")]
    assert len(problems) == 1, report["findings"]
    return problems[0]


def test_a_leaf_sent_without_its_public_intermediate_blames_the_server(evidence_runs):
    report = json_out(evidence_runs["missing-intermediate"])
    assert report["symptom"] == "unable-to-get-local-issuer"
    assert report["causes"][0] == "server-certificate"
    host = _host(report)
    assert not host["pip_tls"]["ok"] and not host["system_tls"]["ok"]
    assert host["presented"]["chain_seen"] is True and host["presented"]["chain"] == []
    assert host["presented"]["issuer_in_chain"] is False
    finding = _problem(report)
    assert finding["rules"] == ["incomplete-chain"]
    assert "did not send the certificate that issued its own" in finding["text"]
    assert "Example Trust Services" in finding["text"]  # why the issuer looks public
    zh = _problem(json_out(evidence_runs["missing-intermediate-zh"]))
    assert "证书链不完整" in zh["text"] and "中间证书" in zh["text"]


@pytest.mark.parametrize("python", ["py312", "py36"])
def test_before_python_313_the_chain_is_read_from_a_tls12_handshake(evidence_runs, python):
    """No get_unverified_chain(): the look asks for TLS 1.2, whose handshake shows the chain."""
    report = json_out(evidence_runs[f"missing-intermediate-{python}"])
    assert report["causes"][0] == "server-certificate", report["findings"]
    host = _host(report)
    assert host["presented"]["chain_seen"] is True and host["presented"]["issuer_in_chain"] is False
    assert any("UNVERIFIED" in s and "at most TLS 1.2" in s for s in host["sent"]), host["sent"]


def test_a_server_refusing_tls12_is_looked_at_again_and_an_unseen_chain_proves_nothing(
    evidence_runs,
):
    report = json_out(evidence_runs["tls13-only-py312"])
    host = _host(report)
    assert any("again without the cap" in s for s in host["sent"]), host["sent"]
    assert "Issuing CA 1" in host["presented"]["issuer"]  # the second look worked
    assert host["presented"]["chain_seen"] is False
    assert host["presented"]["issuer_in_chain"] is None
    assert "incomplete-chain" not in _problem(report)["rules"]
    assert report["causes"][0] == "corporate-proxy"  # the text's ranking stands


def test_a_short_chain_from_a_named_inspection_product_stays_a_corporate_proxy(evidence_runs):
    report = json_out(evidence_runs["vendor-short"])
    assert report["causes"][:2] == ["corporate-proxy", "server-certificate"]
    assert _host(report)["presented"]["vendor"] == "Zscaler"
    assert _problem(report)["rules"] == ["incomplete-chain", "vendor-issued"]


def test_a_short_chain_from_an_issuer_named_like_an_inspection_ca_puts_the_proxy_first(
    evidence_runs,
):
    report = json_out(evidence_runs["inspection-short"])
    assert report["causes"][:2] == ["corporate-proxy", "server-certificate"]
    host = _host(report)
    assert host["presented"]["vendor"] is None and host["presented"]["issuer_in_chain"] is False
    assert "looks like a TLS-inspection CA" in _problem(report)["text"]


def test_a_public_root_in_the_os_store_but_not_in_old_pips_certifi_is_outdated_certificates(
    evidence_runs,
):
    report = json_out(evidence_runs["new-root-in-os-store"])
    assert report["pip"]["trust_mode"] == "certifi" and report["pip"]["version"] == "23.3.2"
    host = _host(report)
    assert host["pip_tls"]["trust"] == ["certifi"] and not host["pip_tls"]["ok"]
    assert host["system_tls"]["ok"]
    assert report["symptom"] == "unable-to-get-local-issuer"
    assert report["causes"][:2] == ["outdated-certificates", "corporate-proxy"]
    finding = _problem(report)
    assert finding["rules"] == ["os-store-has-root"]
    assert "Example Trust Services" in finding["text"]
    assert "the first fix is the same: upgrade pip to 24.2 or newer" in finding["text"]
    zh = _problem(json_out(evidence_runs["new-root-in-os-store-zh"]))
    assert "第一步修复都相同" in zh["text"] and "pip 的证书列表过旧了" in zh["text"]


def test_an_organisations_root_in_the_os_store_but_not_in_certifi_is_a_corporate_proxy(
    evidence_runs,
):
    report = json_out(evidence_runs["org-root-in-os-store"])
    assert _host(report)["system_tls"]["ok"]
    assert report["causes"][:2] == ["corporate-proxy", "outdated-certificates"]
    text = _problem(report)["text"]
    assert "does not look like a public CA" in text and "Globex Corporation" in text
    assert "the first fix is the same: upgrade pip to 24.2 or newer" in text
    older = _problem(json_out(evidence_runs["org-root-in-os-store-py36"]))
    assert older["symptom"] == "verify-failed-no-reason"  # Python 3.6 names no reason
    assert older["causes"][:2] == ["corporate-proxy", "outdated-certificates"]
    assert "the first fix is the same: let pip trust the system store" in older["text"]
    assert "--export-bundle" in older["text"]


def test_certificate_transparency_timestamps_mark_a_public_ca_whatever_its_name(evidence_runs):
    report = json_out(evidence_runs["ct-logged-root-in-os-store"])
    assert _host(report)["presented"]["ct_logged"] is True
    assert report["causes"][0] == "outdated-certificates"
    assert "Certificate Transparency" in _problem(report)["text"]


def test_a_complete_public_chain_no_store_here_can_anchor_means_outdated_lists(evidence_runs):
    report = json_out(evidence_runs["new-root-nowhere"])
    host = _host(report)
    assert not host["system_tls"]["ok"] and host["presented"]["issuer_in_chain"] is True
    assert report["causes"][0] == "outdated-certificates"
    assert _problem(report)["rules"] == ["public-root-unknown"]


def test_a_not_yet_valid_certificate_from_a_server_whose_clock_agrees_blames_the_server(
    evidence_runs,
):
    report = json_out(evidence_runs["not-yet-valid"])
    assert report["symptom"] == "cert-not-yet-valid"
    assert report["causes"] == ["server-certificate", "clock-skew"]
    host = _host(report)
    assert any(step.startswith("HEAD / (Date header") for step in host["sent"])
    assert abs(host["server_date"] - time.time()) < 60
    finding = _problem(report)
    assert finding["rules"] == ["clocks-agree"]
    assert "agrees with yours" in finding["text"] and "is not valid yet" in finding["text"]


def test_an_expired_certificate_is_the_servers_when_the_clocks_agree_and_ours_when_not(
    evidence_runs,
):
    agree = json_out(evidence_runs["expired"])
    assert agree["causes"][0] == "server-certificate"
    assert _problem(agree)["rules"] == ["clocks-agree"]
    assert "has expired" in _problem(agree)["text"]
    disagree = json_out(evidence_runs["expired-by-our-clock"])
    assert disagree["symptom"] == "cert-expired"
    assert disagree["causes"][0] == "clock-skew"
    assert _problem(disagree)["rules"] == ["valid-by-server-clock"]
