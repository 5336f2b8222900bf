"""Print this folder's Dockerfile and manifests with line numbers, so the page shows the
exact files the tests check (the docs harness fails if a file and its output here differ).
"""

from pathlib import Path

from examples.system_design.deployment.paths import DOCKERFILE, DOCKERIGNORE, K8S


def numbered(path: Path, first: int = 1) -> list[str]:
    """Lines `first`.. (1-based) of `path`, each prefixed with its number."""
    lines = path.read_text(encoding="utf-8").splitlines()
    return [
        f"{n:2} {line}".rstrip()
        for n, line in enumerate(lines[first - 1 :], start=first)
    ]


# --8<-- [start:dockerfile]
for line in numbered(DOCKERFILE):
    print(line)
    #>  1 # syntax=docker/dockerfile:1
    #>  2 # The image for app.py. Checked by dockerfile_rules.py in the tests;
    #>  3 # not built where they run (that machine has no Docker daemon).
    #>  4 # Pinned by exact tag. Production pins the digest as well
    #>  5 # (FROM python:3.11.7-slim-bookworm@sha256:...); print it with
    #>  6 #   docker buildx imagetools inspect python:3.11.7-slim-bookworm
    #>  7 FROM python:3.11.7-slim-bookworm
    #>  8
    #>  9 # No .pyc files (the root filesystem is read-only at run time),
    #> 10 # and logs unbuffered.
    #> 11 ENV PYTHONDONTWRITEBYTECODE=1 \
    #> 12     PYTHONUNBUFFERED=1 \
    #> 13     PORT=8080
    #> 14
    #> 15 WORKDIR /app
    #> 16 # Owned by root, so the service's user cannot modify its own code.
    #> 17 COPY app.py .
    #> 18
    #> 19 # A numeric user: Kubernetes' runAsNonRoot can verify it.
    #> 20 USER 10001:10001
    #> 21 EXPOSE 8080
    #> 22
    #> 23 HEALTHCHECK --interval=10s --timeout=3s --start-period=5s --retries=3 \
    #> 24     CMD ["python", "app.py", "probe"]
    #> 25
    #> 26 # Exec form: python is PID 1 and receives SIGTERM itself.
    #> 27 CMD ["python", "app.py", "serve"]
# --8<-- [end:dockerfile]
# --8<-- [start:dockerignore]
for line in numbered(DOCKERIGNORE):
    print(line)
    #>  1 # Send only what the image needs: no .git, tests or .env.
    #>  2 *
    #>  3 !app.py
# --8<-- [end:dockerignore]
# --8<-- [start:deployment]
for line in numbered(K8S / "deployment.yaml", first=3):
    print(line)
    #>  3 apiVersion: apps/v1
    #>  4 kind: Deployment
    #>  5 metadata:
    #>  6   name: hello
    #>  7   labels:
    #>  8     app: hello
    #>  9 spec:
    #> 10   replicas: 3
    #> 11   revisionHistoryLimit: 5
    #> 12   selector:
    #> 13     matchLabels:
    #> 14       app: hello
    #> 15   strategy:
    #> 16     type: RollingUpdate
    #> 17     rollingUpdate:
    #> 18       maxSurge: 1 # one extra pod during a rollout
    #> 19       maxUnavailable: 0 # never fewer than 3 ready pods
    #> 20   template:
    #> 21     metadata:
    #> 22       labels:
    #> 23         app: hello
    #> 24     spec:
    #> 25       automountServiceAccountToken: false
    #> 26       terminationGracePeriodSeconds: 30
    #> 27       securityContext:
    #> 28         runAsNonRoot: true
    #> 29         runAsUser: 10001
    #> 30         runAsGroup: 10001
    #> 31         seccompProfile:
    #> 32           type: RuntimeDefault
    #> 33       containers:
    #> 34         - name: hello
    #> 35           # Production pins the digest: ...hello@sha256:<digest>
    #> 36           image: registry.example.com/hello:1.4.2
    #> 37           ports:
    #> 38             - name: http
    #> 39               containerPort: 8080
    #> 40           env:
    #> 41             - name: PORT
    #> 42               value: "8080"
    #> 43           resources:
    #> 44             requests:
    #> 45               cpu: 100m
    #> 46               memory: 64Mi
    #> 47             limits:
    #> 48               cpu: 500m
    #> 49               memory: 128Mi
    #> 50           # Up to 15 x 2 s = 30 s to start before liveness may restart it.
    #> 51           startupProbe:
    #> 52             httpGet:
    #> 53               path: /healthz
    #> 54               port: http
    #> 55             periodSeconds: 2
    #> 56             failureThreshold: 15
    #> 57           # Out of the Service after 2 failures (10 s), back after 1 pass.
    #> 58           readinessProbe:
    #> 59             httpGet:
    #> 60               path: /readyz
    #> 61               port: http
    #> 62             periodSeconds: 5
    #> 63             failureThreshold: 2
    #> 64           # Restarted after 3 failures (30 s). Checks only this process.
    #> 65           livenessProbe:
    #> 66             httpGet:
    #> 67               path: /healthz
    #> 68               port: http
    #> 69             periodSeconds: 10
    #> 70             timeoutSeconds: 2
    #> 71             failureThreshold: 3
    #> 72           securityContext:
    #> 73             allowPrivilegeEscalation: false
    #> 74             readOnlyRootFilesystem: true
    #> 75             capabilities:
    #> 76               drop: ["ALL"]
# --8<-- [end:deployment]
# --8<-- [start:service]
for line in numbered(K8S / "service.yaml") + numbered(K8S / "pdb.yaml"):
    print(line)
    #>  1 # A stable name and virtual IP for the ready pods labeled app=hello.
    #>  2 apiVersion: v1
    #>  3 kind: Service
    #>  4 metadata:
    #>  5   name: hello
    #>  6 spec:
    #>  7   selector:
    #>  8     app: hello
    #>  9   ports:
    #> 10     - name: http
    #> 11       port: 80
    #> 12       targetPort: http
    #>  1 # A node drain may evict a pod only while 2 of the 3 stay available.
    #>  2 apiVersion: policy/v1
    #>  3 kind: PodDisruptionBudget
    #>  4 metadata:
    #>  5   name: hello
    #>  6 spec:
    #>  7   minAvailable: 2
    #>  8   selector:
    #>  9     matchLabels:
    #> 10       app: hello
# --8<-- [end:service]
