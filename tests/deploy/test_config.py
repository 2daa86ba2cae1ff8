"""compose.yaml, the Dockerfile and deploy/haproxy.cfg agree: the compose setup runs what tests/deploy runs."""
from __future__ import annotations

import os
import re
import subprocess
from pathlib import Path

import pytest
import yaml

from deploy.loopback import CONFIG, COOKIE, HAPROXY, REPLICA_NAMES, SERVED_BY
from tools.browser import ROOT

COMPOSE = yaml.safe_load((ROOT / "compose.yaml").read_text())
DOCKERFILE = (ROOT / "Dockerfile").read_text()
SERVER_LINE = re.compile(r'^\s*server (\S+) "\$\{(\w+)\}"', re.MULTILINE)


def compose_env(service: str) -> dict[str, str]:
    return COMPOSE["services"][service]["environment"]


def test_every_balancer_server_is_a_compose_replica_named_in_the_balancer_environment():
    servers = dict(SERVER_LINE.findall(CONFIG.read_text()))
    assert tuple(servers) == REPLICA_NAMES
    balancer = COMPOSE["services"]["balancer"]
    assert "./deploy/haproxy.cfg:/usr/local/etc/haproxy/haproxy.cfg:ro" in balancer["volumes"]
    for name, variable in servers.items():
        assert compose_env("balancer")[variable] == f"{name}:8501"
        assert name in COMPOSE["services"] and name in balancer["depends_on"]
    addresses = set(re.findall(r'bind "\$\{(\w+)\}"', CONFIG.read_text()))
    assert addresses == {"BALANCER_ADDR", "STATS_ADDR"} and addresses <= set(compose_env("balancer"))


def test_the_config_names_the_cookie_and_header_the_tests_read():
    config = CONFIG.read_text()
    assert re.search(rf"^\s*cookie {COOKIE} insert ", config, re.MULTILINE)
    assert re.search(rf"^\s*http-response set-header {SERVED_BY} %\[srv_name\]", config, re.MULTILINE | re.IGNORECASE)
    assert "option httpchk GET /_stcore/health" in config and "timeout tunnel" in config


def test_haproxy_accepts_the_config_with_the_compose_environment():
    if not Path(HAPROXY).exists():
        pytest.fail(f"{HAPROXY} is missing: run scripts/test.sh, which installs Debian's haproxy")
    env = {**os.environ, **compose_env("balancer")}
    done = subprocess.run([HAPROXY, "-c", "-f", str(CONFIG)], env=env, capture_output=True, text=True, timeout=30)
    # Here the replicas' names do not resolve (only Docker's DNS knows them): a warning, not an error.
    assert done.returncode == 0, done.stdout + done.stderr
    assert "Configuration file is valid" in done.stdout + done.stderr


def test_replicas_open_the_one_store_the_store_service_builds_from_the_image_folders():
    services = COMPOSE["services"]
    store = services["store"]
    image_env = dict(re.findall(r"(SUPERFICIAL_\w+_DIR)=(\S+)", DOCKERFILE))
    build = ["python", "-m", "superficial.db.build", image_env["SUPERFICIAL_DATA_DIR"],
             image_env["SUPERFICIAL_CONTENT_DIR"]]
    # The build key includes the folders as named: the image's build and the store service name them as the app.
    assert store["command"] == build
    assert f"RUN {' '.join(build)}" in DOCKERFILE
    cache = image_env["SUPERFICIAL_CACHE_DIR"]
    assert f"store:{cache}" in store["volumes"]
    for name in REPLICA_NAMES:
        replica = services[name]
        assert replica["image"] == store["image"] and "build" not in replica  # one image, built once
        assert f"store:{cache}:ro" in replica["volumes"]  # never a build of its own
        assert replica["depends_on"]["store"]["condition"] == "service_completed_successfully"
        # The same data and content as the store service built from, at the folders the image names.
        folders = [v for v in replica["volumes"] if not v.startswith("store:")]
        assert folders == [v for v in store["volumes"] if not v.startswith("store:")]
        assert [v.rsplit(":", 2)[1] for v in folders] == [image_env["SUPERFICIAL_DATA_DIR"],
                                                         image_env["SUPERFICIAL_CONTENT_DIR"]]


def test_the_image_serves_as_a_user_on_8501_with_streamlits_health_check():
    user = DOCKERFILE.index("\nUSER reader")
    assert user < DOCKERFILE.index("RUN python -m superficial.db.build") < DOCKERFILE.index("\nCMD ")
    assert "EXPOSE 8501" in DOCKERFILE
    assert "http://127.0.0.1:8501/_stcore/health" in DOCKERFILE.split("HEALTHCHECK", 1)[1]
    assert "FROM python:3.11-slim" in DOCKERFILE and "pip install -r requirements.txt" in DOCKERFILE
