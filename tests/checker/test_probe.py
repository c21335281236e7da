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
