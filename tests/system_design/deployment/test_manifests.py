from __future__ import annotations

import copy
from pathlib import Path

import kubernetes_validate
import pytest

from examples.system_design.deployment.manifests import K8S_VERSION, check, container, load, policy_problems
from examples.system_design.deployment.paths import K8S


@pytest.fixture
def docs() -> list[dict]:
    return load(K8S)


def test_our_manifests_pass_schema_and_policy(docs: list[dict]) -> None:
    assert sorted(d["kind"] for d in docs) == ["Deployment", "PodDisruptionBudget", "Service"]
    assert check(docs) == []


def test_rolling_update_adds_one_pod_and_never_drops_below_replicas(docs: list[dict]) -> None:
    dep = next(d for d in docs if d["kind"] == "Deployment")
    assert dep["spec"]["replicas"] == 3
    assert dep["spec"]["strategy"]["rollingUpdate"] == {"maxSurge": 1, "maxUnavailable": 0}
    pdb = next(d for d in docs if d["kind"] == "PodDisruptionBudget")
    assert pdb["spec"]["minAvailable"] == 2


def test_the_pod_runs_as_the_dockerfiles_user(docs: list[dict]) -> None:
    dep = next(d for d in docs if d["kind"] == "Deployment")
    assert dep["spec"]["template"]["spec"]["securityContext"]["runAsUser"] == 10001


def test_a_typo_field_fails_strict_validation_but_not_lenient(docs: list[dict]) -> None:
    broken = copy.deepcopy(docs)
    c = container(broken)
    c["readinessProbes"] = c.pop("readinessProbe")
    dep = next(d for d in broken if d["kind"] == "Deployment")
    kubernetes_validate.validate(dep, K8S_VERSION, strict=False)  # lenient: accepted
    problems = check(broken)
    assert any("schema" in p and "'readinessProbes' was unexpected" in p for p in problems)
    assert "Deployment/hello: container 'hello': no readinessProbe" in problems


def test_a_wrong_type_fails_the_schema(docs: list[dict]) -> None:
    broken = copy.deepcopy(docs)
    next(d for d in broken if d["kind"] == "Deployment")["spec"]["replicas"] = "three"
    assert any("spec.replicas" in p for p in check(broken))


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (lambda c: c.pop("livenessProbe"), "no livenessProbe"),
        (lambda c: c.pop("startupProbe"), "no startupProbe"),
        (lambda c: c["resources"].pop("limits"), "no limits for cpu, memory"),
        (lambda c: c["resources"]["requests"].pop("memory"), "no requests for memory"),
        (lambda c: c.update(image="registry.example.com/hello:latest"), "image uses :latest"),
        (lambda c: c.update(image="registry.example.com/hello"), "image has no tag"),
        (lambda c: c["securityContext"].update(readOnlyRootFilesystem=False), "readOnlyRootFilesystem"),
        (lambda c: c["securityContext"].pop("allowPrivilegeEscalation"), "allowPrivilegeEscalation"),
    ],
)
def test_policy_catches_each_container_problem(docs: list[dict], change, expected: str) -> None:
    broken = copy.deepcopy(docs)
    change(container(broken))
    assert any(expected in p for p in policy_problems(broken))


def test_run_as_non_root_may_be_set_on_the_pod_or_the_container(docs: list[dict]) -> None:
    broken = copy.deepcopy(docs)
    dep = next(d for d in broken if d["kind"] == "Deployment")
    dep["spec"]["template"]["spec"]["securityContext"].pop("runAsNonRoot")
    assert any("runAsNonRoot" in p for p in policy_problems(broken))
    container(broken)["securityContext"]["runAsNonRoot"] = True
    assert policy_problems(broken) == []


def test_selector_mismatches_are_caught(docs: list[dict]) -> None:
    broken = copy.deepcopy(docs)
    next(d for d in broken if d["kind"] == "Service")["spec"]["selector"] = {"app": "helo"}
    next(d for d in broken if d["kind"] == "PodDisruptionBudget")["spec"]["selector"]["matchLabels"] = {"app": "x"}
    problems = policy_problems(broken)
    assert "Service/hello: selector {'app': 'helo'} matches no Deployment's pods" in problems
    assert any(p.startswith("PodDisruptionBudget/hello: selector") for p in problems)


def test_deployment_selector_must_match_its_own_template(docs: list[dict]) -> None:
    broken = copy.deepcopy(docs)
    next(d for d in broken if d["kind"] == "Deployment")["spec"]["selector"]["matchLabels"] = {"app": "other"}
    assert "Deployment/hello: spec.selector does not match the pod template's labels" in policy_problems(broken)


def test_a_service_target_port_must_name_a_container_port(docs: list[dict]) -> None:
    broken = copy.deepcopy(docs)
    next(d for d in broken if d["kind"] == "Service")["spec"]["ports"][0]["targetPort"] = "web"
    assert "Service/hello: targetPort 'web' is no container port" in policy_problems(broken)


def test_an_unknown_kind_is_reported_not_crashed_on(docs: list[dict]) -> None:
    odd = [{"apiVersion": "example.com/v1", "kind": "Widget", "metadata": {"name": "w"}}]
    assert check(odd) == [
        "Widget/w: schema: Couldn't find schema for kind Widget with api version example.com/v1 "
        "for kubernetes version 1.33"
    ]


def test_load_refuses_an_empty_folder_and_documents_without_kind(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match=r"no \*\.yaml files"):
        load(tmp_path)
    (tmp_path / "x.yaml").write_text("metadata: {name: x}\n")
    with pytest.raises(ValueError, match=r"x\.yaml: a document without kind and apiVersion"):
        load(tmp_path)
