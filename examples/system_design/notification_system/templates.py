"""Templates by name, locale and version: publish new versions, never edit old ones.

A delivery records the (name, locale, version) it rendered, so support can
show what a user actually received, and a bad version is rolled back by
publishing the previous body again. A locale falls back along its parents to
the default ("pt-BR" -> "pt" -> "en"). Rendering refuses a missing variable
instead of mailing "Hi $name" to a million users.
"""

from __future__ import annotations

from dataclasses import dataclass
from string import Template


@dataclass(frozen=True)
class Rendered:
    name: str
    locale: str
    version: int
    text: str


class TemplateRegistry:
    def __init__(self, default_locale: str = "en") -> None:
        self._default = default_locale
        self._versions: dict[tuple[str, str], list[str]] = {}

    def publish(self, name: str, locale: str, body: str) -> int:
        """Add a new version; return its number (1, 2, ...)."""
        if not name or not locale or not body:
            raise ValueError("name, locale and body are required")
        if not Template(body).is_valid():
            raise ValueError(f"malformed placeholder in {name}/{locale}: {body!r}")
        versions = self._versions.setdefault((name, locale), [])
        versions.append(body)
        return len(versions)

    def _chain(self, locale: str) -> list[str]:
        parts = locale.split("-")
        chain = ["-".join(parts[:i]) for i in range(len(parts), 0, -1)]
        return chain if self._default in chain else [*chain, self._default]

    # --8<-- [start:render]
    def render(
        self, name: str, locale: str, values: dict[str, str], version: int | None = None
    ) -> Rendered:
        """The latest (or a pinned) version in the nearest locale, filled in."""
        for candidate in self._chain(locale):
            versions = self._versions.get((name, candidate))
            if not versions:
                continue
            number = version or len(versions)
            if not 1 <= number <= len(versions):
                raise ValueError(f"{name}/{candidate} has no version {number}")
            body = Template(versions[number - 1])
            missing = [k for k in body.get_identifiers() if k not in values]
            if missing:
                raise ValueError(f"{name}/{candidate} v{number} needs {missing}")
            return Rendered(name, candidate, number, body.substitute(values))
        raise LookupError(f"no template {name!r} for {locale!r} or its fallbacks")

    # --8<-- [end:render]


if __name__ == "__main__":
    # --8<-- [start:demo]
    registry = TemplateRegistry()
    registry.publish("shipped", "en", "Your order $order has shipped.")
    registry.publish("shipped", "pt", "Seu pedido $order foi enviado.")
    registry.publish("shipped", "en", "Order $order is on its way.")
    for locale in ("pt-BR", "fr-CA", "en-GB"):
        got = registry.render("shipped", locale, {"order": "8812"})
        print(f"{locale} -> {got.locale} v{got.version}: {got.text}")
        #> pt-BR -> pt v1: Seu pedido 8812 foi enviado.
        #> fr-CA -> en v2: Order 8812 is on its way.
        #> en-GB -> en v2: Order 8812 is on its way.
    print(registry.render("shipped", "en", {"order": "8812"}, version=1).text)
    #> Your order 8812 has shipped.
    # --8<-- [end:demo]
