"""Where the design docs live, for the examples and tests that read them.

Examples import this module rather than using their own __file__, because
the docs harness runs each example from a copy in a temporary folder.
"""

from pathlib import Path

FOLDER = Path(__file__).resolve().parent
TEMPLATE = FOLDER / "template.md"
DURABLE_QUEUE = FOLDER / "notification_durable_queue.md"
