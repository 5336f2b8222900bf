"""Check Kubernetes manifests with no cluster: the API schema first, then our policy.

Schema: kubernetes-validate checks each document against the JSON schemas of one
Kubernetes version; strict mode rejects fields the API does not have (a typo such as
`readinessProbes` would otherwise be dropped silently by a lenient client).
Policy: what the schema allows but a production service should not do.
"""

from __future__ import annotations

import copy
import textwrap
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import kubernetes_validate
import yaml

K8S_VERSION = "1.33.0"
PROBES = ("startupProbe", "readinessProbe", "livenessProbe")
Doc = dict[str, Any]


def load(folder: str | Path) -> list[Doc]:
    """Every YAML document in `folder`'s *.yaml files, in file-name order."""
    paths = sorted(Path(folder).glob("*.yaml"))
    if not paths:
        raise ValueError(f"no *.yaml files in {folder}")
    docs: list[Doc] = []
    for path in paths:
        for doc in yaml.safe_load_all(path.read_text(encoding="utf-8")):
            if doc is None:
                continue
            if (
                not isinstance(doc, dict)
                or "kind" not in doc
                or "apiVersion" not in doc
            ):
                raise ValueError(f"{path.name}: a document without kind and apiVersion")
            docs.append(doc)
    return docs


def name_of(doc: Doc) -> str:
    return f"{doc.get('kind')}/{doc.get('metadata', {}).get('name', '?')}"


def schema_problems(docs: Iterable[Doc], version: str = K8S_VERSION) -> list[str]:
    """One message per document that fails strict validation for `version`."""
    problems = []
    for doc in docs:
        try:
            kubernetes_validate.validate(doc, version, strict=True)
        except kubernetes_validate.ValidationError as error:
            where = ".".join(str(p) for p in error.path) or "(top)"
            problems.append(f"{name_of(doc)}: schema: {where}: {error.message}")
        except kubernetes_validate.SchemaNotFoundError as error:
            problems.append(f"{name_of(doc)}: schema: {error.message}")
    return problems


def _image_problem(image: str) -> str | None:
    if "@sha256:" in image:
        return None
    tag = image.rsplit("/", 1)[-1].partition(":")[2]
    if not tag:
        return "has no tag (means :latest)"
    if tag == "latest":
        return "uses :latest"
    return None


def _matches(selector: dict[str, str], labels: dict[str, str]) -> bool:
    return bool(selector) and all(labels.get(k) == v for k, v in selector.items())


def policy_problems(docs: list[Doc]) -> list[str]:
    """What a reviewer would reject even though the API accepts it."""
    problems = []
    deployments = [d for d in docs if d.get("kind") == "Deployment"]
    pod_labels: list[dict[str, str]] = []
    ports: set[object] = set()
    for dep in deployments:
        name = name_of(dep)
        spec = dep.get("spec", {})
        template = spec.get("template", {})
        labels = template.get("metadata", {}).get("labels", {})
        pod_labels.append(labels)
        if not _matches(spec.get("selector", {}).get("matchLabels", {}), labels):
            problems.append(
                f"{name}: spec.selector does not match the pod template's labels"
            )
        pod = template.get("spec", {})
        pod_non_root = pod.get("securityContext", {}).get("runAsNonRoot") is True
        for container in pod.get("containers", []):
            where = f"{name}: container {container.get('name')!r}"
            image_problem = _image_problem(container.get("image", ""))
            if image_problem:
                problems.append(f"{where}: image {image_problem}")
            resources = container.get("resources", {})
            for kind in ("requests", "limits"):
                missing = [
                    r for r in ("cpu", "memory") if r not in resources.get(kind, {})
                ]
                if missing:
                    problems.append(f"{where}: no {kind} for {', '.join(missing)}")
            for probe in PROBES:
                if probe not in container:
                    problems.append(f"{where}: no {probe}")
            security = container.get("securityContext", {})
            if not (pod_non_root or security.get("runAsNonRoot") is True):
                problems.append(f"{where}: runAsNonRoot is not true")
            if security.get("readOnlyRootFilesystem") is not True:
                problems.append(f"{where}: readOnlyRootFilesystem is not true")
            if security.get("allowPrivilegeEscalation") is not False:
                problems.append(f"{where}: allowPrivilegeEscalation is not false")
            for port in container.get("ports", []):
                ports.update({port.get("name"), port.get("containerPort")})
    for doc in docs:
        if doc.get("kind") == "Service":
            selector = doc.get("spec", {}).get("selector", {})
            if not any(_matches(selector, labels) for labels in pod_labels):
                problems.append(
                    f"{name_of(doc)}: selector {selector} matches no Deployment's pods"
                )
            for port in doc.get("spec", {}).get("ports", []):
                target = port.get("targetPort", port.get("port"))
                if target not in ports:
                    problems.append(
                        f"{name_of(doc)}: targetPort {target!r} is no container port"
                    )
        if doc.get("kind") == "PodDisruptionBudget":
            selector = doc.get("spec", {}).get("selector", {}).get("matchLabels", {})
            if not any(_matches(selector, labels) for labels in pod_labels):
                problems.append(
                    f"{name_of(doc)}: selector {selector} matches no Deployment's pods"
                )
    return problems


def check(docs: list[Doc], version: str = K8S_VERSION) -> list[str]:
    """Schema problems, then policy problems; empty when the manifests may ship."""
    return schema_problems(docs, version) + policy_problems(docs)


def container(docs: list[Doc]) -> dict[str, Any]:
    """The first container of the first Deployment (for making broken copies)."""
    dep = next(d for d in docs if d["kind"] == "Deployment")
    return dep["spec"]["template"]["spec"]["containers"][0]


if __name__ == "__main__":
    from examples.system_design.deployment.paths import K8S

    # --8<-- [start:ours]
    docs = load(K8S)
    print([name_of(d) for d in docs])
    #> ['Deployment/hello', 'PodDisruptionBudget/hello', 'Service/hello']
    print(check(docs))
    #> []
    # --8<-- [end:ours]
    # --8<-- [start:broken]
    typo = copy.deepcopy(docs)
    probe = container(typo).pop("readinessProbe")
    container(typo)["readinessProbes"] = probe  # a typo'd field name
    for problem in check(typo):
        for line in textwrap.wrap(problem, 72, subsequent_indent="    "):
            print(line)
            #> Deployment/hello: schema: spec.template.spec.containers.0: Additional
            #>     properties are not allowed ('readinessProbes' was unexpected)
            #> Deployment/hello: container 'hello': no readinessProbe

    mismatch = copy.deepcopy(docs)
    service = next(d for d in mismatch if d["kind"] == "Service")
    service["spec"]["selector"] = {"app": "helo"}
    for problem in check(mismatch):
        print(problem)
        #> Service/hello: selector {'app': 'helo'} matches no Deployment's pods
    # --8<-- [end:broken]
