"""The order Node runs callbacks in: microtasks by module type, then the loop's phases."""

from __future__ import annotations

from pathlib import Path

from tests.language.node.node_programs import call_json, run_program

# The same three lines at the top level of an ES module and of a CommonJS script.
QUEUE_BOTH = """
const order = [];
process.nextTick(() => order.push("nextTick"));
Promise.resolve().then(() => order.push("promise"));
setImmediate(() => console.log(order.join(" ")));
"""

IO_CALLBACK_ORDER = [
    "connect callback (poll phase) finishes",
    "process.nextTick",
    "promise .then",
    "setImmediate 1 (check phase)",
    "promise queued by setImmediate 1",
    "setImmediate 2 (check phase)",
    "socket 'close' (close callbacks phase)",
    "setTimeout 0 (timers phase, next turn)",
]


def test_an_es_module_runs_promise_callbacks_before_next_tick() -> None:
    result = run_program(QUEUE_BOTH, module_type="module")
    assert result.stdout.split() == ["promise", "nextTick"]


def test_a_commonjs_script_runs_next_tick_first() -> None:
    result = run_program(QUEUE_BOTH, module_type="commonjs")
    assert result.stdout.split() == ["nextTick", "promise"]


def test_inside_an_io_callback_the_order_is_the_same_every_time(
    node_build: Path,
) -> None:
    runs = call_json(
        node_build,
        "event_loop_phases",
        "Promise.all(Array.from({ length: 20 }, () => m.phasesFromAnIoCallback()))",
    )
    assert runs == [IO_CALLBACK_ORDER] * 20


def test_the_top_level_of_the_example_module_drains_promises_first(
    node_build: Path,
) -> None:
    """queueMicrotasks called while an ES module's body runs (here, the -e program's)."""
    order = call_json(
        node_build,
        "event_loop_phases",
        "(() => { const o = []; m.queueMicrotasks(o, 'body');"
        " return new Promise((r) => setImmediate(() => r(o))); })()",
    )
    assert order == ["body finishes", "promise .then", "process.nextTick"]


def test_a_next_tick_loop_starves_timers_and_a_set_immediate_loop_does_not() -> None:
    program = """
let timerRan = false;
setTimeout(() => { timerRan = true; }, 0);
const spin = (schedule, rounds) => new Promise((done) => {
  const step = (left) => (left === 0 ? done(timerRan) : schedule(() => step(left - 1)));
  step(rounds);
});
// 100 ms of busy waiting first, so the timer is certainly due before either loop starts.
const until = Date.now() + 100; while (Date.now() < until);
const afterTicks = await spin(process.nextTick, 10000);
const afterImmediates = await spin(setImmediate, 3);
console.log(JSON.stringify([afterTicks, afterImmediates]));
"""
    result = run_program(program)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "[false,true]"
