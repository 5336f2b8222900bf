"""What the service really sends for each kind of link: status line and headers."""

# requires-server: postgres, redis

from __future__ import annotations

from datetime import UTC, datetime

from fastapi.testclient import TestClient

from examples.system_design.url_shortener.sandbox import sandbox

NOW = datetime(2026, 3, 1, 12, 0, tzinfo=UTC)

if __name__ == "__main__":
    with sandbox(lambda: NOW) as box, TestClient(box.app) as client:
        # --8<-- [start:create]
        body = {"url": "https://example.com/spring-sale"}
        created = client.post("/links", json=body)
        print(created.status_code, created.reason_phrase, created.headers["location"])
        #> 201 Created /links/1000000
        for field, value in created.json().items():
            print(f"  {field}: {value!r}")
            #>   code: '1000000'
            #>   short_url: 'https://sho.rt/1000000'
            #>   url: 'https://example.com/spring-sale'
            #>   permanent: False
            #>   expires_at: None
        # --8<-- [end:create]
        # --8<-- [start:kinds]
        kinds = {
            "tracked": {},
            "expiring": {"expires_in_seconds": 30},
            "permanent": {"permanent": True},
        }
        responses = {}
        for kind, options in kinds.items():
            body = {"url": f"https://example.com/{kind}", **options}
            code = client.post("/links", json=body).json()["code"]
            responses[kind] = client.get(f"/{code}", follow_redirects=False)
        tracked = responses["tracked"]
        print(tracked.status_code, tracked.reason_phrase)
        #> 302 Found
        for name, value in tracked.headers.items():  # every header the app set
            print(f"  {name}: {value}")
            #>   location: https://example.com/tracked
            #>   cache-control: private, max-age=60
            #>   content-length: 0
        for kind, response in responses.items():
            status = f"{response.status_code} {response.reason_phrase}"
            print(f"{kind:<9} {status:<21} {response.headers['cache-control']}")
            #> tracked   302 Found             private, max-age=60
            #> expiring  302 Found             private, max-age=30
            #> permanent 301 Moved Permanently public, max-age=86400
        # --8<-- [end:kinds]
        # --8<-- [start:errors]
        missing = client.get("/zzzzzzz", follow_redirects=False)
        print(missing.status_code, missing.headers["cache-control"])
        #> 404 no-store
        for field, value in missing.json().items():
            print(f"  {field}: {value!r}")
            #>   type: 'https://api.example.com/problems/link-not-found'
            #>   title: 'Link not found'
            #>   status: 404
            #>   detail: "No live link has the code 'zzzzzzz'."
            #>   instance: '/zzzzzzz'
        bad = client.post("/links", json={"url": "javascript:alert(1)"})
        error = bad.json()["errors"][0]
        print(bad.status_code, error["pointer"], error["detail"])
        #> 422 #/url url must be an absolute http or https URL
        # --8<-- [end:errors]
