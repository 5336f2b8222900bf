"""Where this folder's non-Python files are (an example run by the docs harness is a copy elsewhere)."""

from pathlib import Path

FOLDER = Path(__file__).resolve().parent
DOCKERFILE = FOLDER / "Dockerfile"
DOCKERIGNORE = FOLDER / ".dockerignore"
K8S = FOLDER / "k8s"
