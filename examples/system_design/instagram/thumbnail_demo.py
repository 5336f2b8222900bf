"""Thumbnails on a real RabbitMQ: a crash before the ack, a redelivery, a poison job."""

# requires-server: rabbitmq

from __future__ import annotations

import json

from examples.data.queues.broker import connect, ready_count, temporary_topology
from examples.data.queues.work_queue import drain, publish
from examples.system_design.instagram.thumbnails import (
    Bucket,
    render,
    sample_photo,
    thumbnail_handler,
)


def job(photo_id: str, original_key: str) -> bytes:
    fields = {"photo_id": photo_id, "original_key": original_key}
    return json.dumps({**fields, "content_type": "image/jpeg"}).encode()


def main() -> None:
    originals = {
        "originals/a": sample_photo(1),
        "originals/b": sample_photo(2),
        "originals/c": b"<html>not a photo</html>",
    }
    photo = {name: f"{n:032x}" for n, name in enumerate("abc", start=1)}
    bucket = Bucket()
    handler = thumbnail_handler(originals, bucket)
    with (
        connect() as connection,
        temporary_topology(connection, "ex.thumbs", delays_ms=(20, 40)) as topology,
    ):
        channel = connection.channel()
        channel.confirm_delivery()
        for name in "abc":
            publish(
                channel,
                topology.work,
                photo[name],
                job(photo[name], f"originals/{name}"),
            )

        # --8<-- [start:crash]
        # A worker takes photo a, writes its renditions, and dies before the ack.
        doomed = connection.channel()
        _method, properties, body = doomed.basic_get(topology.work, auto_ack=False)
        handler(properties.message_id, body)
        doomed.close()  # the broker requeues what this channel never acked
        print("before the crash:", bucket.writes, "writes,", len(bucket.keys()), "keys")
        #> before the crash: 3 writes, 3 keys
        # --8<-- [end:crash]

        # --8<-- [start:drain]
        channel.basic_qos(prefetch_count=1)  # one job at a time per worker
        outcomes = drain(channel, topology, handler)
        name_of = {photo_id: name for name, photo_id in photo.items()}
        for outcome in sorted(outcomes, key=lambda o: (o.message_id, o.attempt)):
            name = name_of[outcome.message_id]
            print(f"photo {name}, attempt {outcome.attempt}: {outcome.action}")
            #> photo a, attempt 1: acked
            #> photo b, attempt 1: acked
            #> photo c, attempt 1: retry
            #> photo c, attempt 2: retry
            #> photo c, attempt 3: dead-lettered
        print("after:", bucket.writes, "writes,", len(bucket.keys()), "keys")
        #> after: 9 writes, 6 keys
        print("dead-letter queue holds", ready_count(channel, topology.dead), "message")
        #> dead-letter queue holds 1 message
        # --8<-- [end:drain]

        # --8<-- [start:same]
        again = render(originals["originals/a"], "image/jpeg")
        key = f"thumbs/{photo['a']}/large.jpg"
        same = again["large"] == bucket.get(key)
        print("a third render of photo a gives the same bytes:", same)
        #> a third render of photo a gives the same bytes: True
        sizes = {size: len(data) for size, data in again.items()}
        print("rendition bytes:", sizes)
        #> rendition bytes: {'small': 3315, 'medium': 17200, 'large': 34514}
        # --8<-- [end:same]


if __name__ == "__main__":
    main()
