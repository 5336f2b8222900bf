"""A deterministic, step-by-step Raft simulation for teaching.

Everything follows Ongaro and Ousterhout, "In Search of an Understandable
Consensus Algorithm (Extended Version)", 2014 (https://raft.github.io/raft.pdf);
the section of each rule is cited where it is implemented. Time is simulated
(integer milliseconds), message delays and election timeouts come from one
seeded random.Random, so a seed always replays the same run.

What it leaves out: cluster membership changes (section 6), log compaction
(section 7), client sessions (section 8), and the extensions etcd adds to the
basic algorithm (pre-vote; check-quorum, by which a leader that hears from no
majority steps down). A crash keeps what Figure 2 calls persistent state
(current term, vote, log) and loses the rest.

    sim = Simulation(nodes=5, seed=7)
    sim.run_until(lambda: sim.leader() is not None, limit_ms=2_000)
    proposal = sim.submit("x=1")
    sim.run_for(100)
    print(sim.outcome(proposal), sim.violations())
"""

from __future__ import annotations

import heapq
import random
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from enum import Enum


class Role(Enum):
    FOLLOWER = "follower"
    CANDIDATE = "candidate"
    LEADER = "leader"


class NoLeaderError(RuntimeError):
    """No running node believes it is leader, so there is nobody to take the write."""


class NotLeaderError(RuntimeError):
    """The node a client picked is not the leader."""


@dataclass(frozen=True)
class Entry:
    term: int
    command: str


# --8<-- [start:messages]
# The two RPCs of Figure 2 and their replies. Every message carries the
# sender's term: a higher term makes the receiver a follower (section 5.1).
@dataclass(frozen=True)
class RequestVote:
    term: int
    candidate: str
    last_log_index: int
    last_log_term: int


@dataclass(frozen=True)
class Vote:
    term: int
    voter: str
    granted: bool


@dataclass(frozen=True)
class AppendEntries:
    term: int
    leader: str
    prev_log_index: int  # the entry just before `entries`...
    prev_log_term: int  # ...and its term: the consistency check (section 5.3)
    entries: tuple[Entry, ...]  # empty for a heartbeat
    leader_commit: int


@dataclass(frozen=True)
class AppendReply:
    term: int
    follower: str
    success: bool
    index: int  # success: last index now matching; failure: the follower's last index


# --8<-- [end:messages]


Message = RequestVote | Vote | AppendEntries | AppendReply


@dataclass(frozen=True)
class Config:
    """Timing of a simulated cluster, in milliseconds.

    The defaults follow section 5.2 (election timeouts drawn at random from a
    fixed range, 150-300 ms in its example, which section 9.3 measures) and
    section 5.6 (broadcast time well below the election timeout).
    `figure8_rule=False` turns off the rule of section 5.4.2 to show what it
    prevents; never do that outside a demonstration.
    """

    election_timeout_ms: tuple[int, int] = (150, 300)
    heartbeat_ms: int = 50
    delay_ms: tuple[int, int] = (5, 15)
    drop_rate: float = 0.0
    election_timers: bool = True  # False: elections start only by start_election()
    figure8_rule: bool = True

    def __post_init__(self) -> None:
        for name in ("election_timeout_ms", "delay_ms"):
            low, high = getattr(self, name)
            if not all(
                isinstance(v, int) and not isinstance(v, bool) for v in (low, high)
            ):
                raise TypeError(
                    f"{name} must be two integers of milliseconds, got {(low, high)!r}"
                )
            if low < 0 or high < low:
                raise ValueError(
                    f"{name} must be (low, high) with 0 <= low <= high, got {(low, high)!r}"
                )
        if not isinstance(self.heartbeat_ms, int) or self.heartbeat_ms <= 0:
            raise ValueError(
                f"heartbeat_ms must be a positive integer, got {self.heartbeat_ms!r}"
            )
        if self.heartbeat_ms >= self.election_timeout_ms[0]:
            raise ValueError(
                f"heartbeat_ms ({self.heartbeat_ms}) must be below the smallest election timeout "
                f"({self.election_timeout_ms[0]}), or followers start elections against a live leader"
            )
        if not 0.0 <= self.drop_rate < 1.0:
            raise ValueError(f"drop_rate must be in [0, 1), got {self.drop_rate!r}")


@dataclass
class Node:
    """One server. The first three fields are persistent state (Figure 2): they survive a crash."""

    name: str
    current_term: int = 0
    voted_for: str | None = None
    log: list[Entry] = field(default_factory=list)  # log[0] is index 1
    # volatile state
    up: bool = True
    role: Role = Role.FOLLOWER
    leader: str | None = None
    commit_index: int = 0
    last_applied: int = 0
    state: list[str] = field(
        default_factory=list
    )  # the state machine: commands applied, in order
    votes: set[str] = field(default_factory=set)
    next_index: dict[str, int] = field(default_factory=dict)
    match_index: dict[str, int] = field(default_factory=dict)
    timer: int = 0  # generation of the pending election timeout; a newer one cancels it
    heartbeat: int = 0  # generation of the pending heartbeat

    @property
    def last_index(self) -> int:
        return len(self.log)

    def term_at(self, index: int) -> int:
        return self.log[index - 1].term if index > 0 else 0


@dataclass(frozen=True)
class Proposal:
    """A command a leader appended: where it went, and in which term."""

    command: str
    node: str
    index: int
    term: int


@dataclass(frozen=True)
class Event:
    time: int
    node: str
    kind: str
    text: str

    def __str__(self) -> str:
        return f"{self.time:>5} ms  {self.node:<3} {self.text}"


class Simulation:
    """A Raft cluster in one process, driven by a queue of timed events."""

    def __init__(
        self,
        nodes: int | Iterable[str] = 3,
        seed: int = 0,
        config: Config | None = None,
    ) -> None:
        if isinstance(seed, bool) or not isinstance(seed, int):
            raise TypeError(f"seed must be an int, got {type(seed).__name__}")
        if isinstance(nodes, bool):
            raise TypeError("nodes must be a count or a list of names, got a bool")
        if isinstance(nodes, int):
            names = [f"S{i}" for i in range(1, nodes + 1)]
        elif isinstance(nodes, Iterable) and not isinstance(nodes, str):
            names = list(nodes)
        else:
            raise TypeError(f"nodes must be a count or a list of names, got {nodes!r}")
        if not names:
            raise ValueError("a cluster needs at least one node")
        if len(set(names)) != len(names) or not all(
            isinstance(n, str) and n for n in names
        ):
            raise ValueError(
                f"node names must be distinct non-empty strings, got {names!r}"
            )
        self.config = config or Config()
        self.rng = random.Random(seed)
        self.nodes = {name: Node(name) for name in names}
        self.now = 0
        self._queue: list[tuple[int, int, Callable[[], None]]] = []
        self._seq = 0
        self._groups: dict[str, int] = dict.fromkeys(
            names, 0
        )  # partition: nodes talk within a group
        self.events: list[Event] = []
        # what the safety checks compare against (Figure 3)
        self.leaders_by_term: dict[int, set[str]] = {}
        self.committed: dict[int, tuple[Entry, int]] = (
            {}
        )  # index -> (entry, term of the leader that committed it)
        self.applied: dict[int, dict[str, Entry]] = (
            {}
        )  # index -> node -> entry it applied there
        self._violations: list[str] = []
        for node in self.nodes.values():
            self._reset_election_timer(node)

    # -- the event queue -------------------------------------------------------

    def _at(self, delay: int, action: Callable[[], None]) -> None:
        self._seq += 1
        heapq.heappush(self._queue, (self.now + delay, self._seq, action))

    def step(self) -> bool:
        """Run the next event; False when nothing is scheduled."""
        if not self._queue:
            return False
        self.now, _, action = heapq.heappop(self._queue)
        action()
        return True

    def run_for(self, ms: int) -> None:
        """Run every event due in the next `ms` milliseconds of simulated time."""
        if not isinstance(ms, int) or ms < 0:
            raise ValueError(f"ms must be a non-negative integer, got {ms!r}")
        end = self.now + ms
        while self._queue and self._queue[0][0] <= end:
            self.step()
        self.now = end

    def run_until(self, condition: Callable[[], bool], limit_ms: int = 5_000) -> bool:
        """Run until `condition()` holds (True) or `limit_ms` of simulated time pass (False)."""
        if not isinstance(limit_ms, int) or limit_ms < 0:
            raise ValueError(
                f"limit_ms must be a non-negative integer, got {limit_ms!r}"
            )
        end = self.now + limit_ms
        while not condition():
            if not self._queue or self._queue[0][0] > end:
                self.now = max(self.now, end)
                return condition()
            self.step()
        return True

    def _log(self, node: str, kind: str, text: str) -> None:
        self.events.append(Event(self.now, node, kind, text))

    def timeline(self, kinds: Iterable[str] | None = None, since: int = 0) -> list[str]:
        """The events so far as lines, optionally only some kinds, from time `since` on."""
        wanted = set(kinds) if kinds is not None else None
        return [
            str(e)
            for e in self.events
            if e.time >= since and (wanted is None or e.kind in wanted)
        ]

    # -- the network -----------------------------------------------------------

    def _connected(self, a: str, b: str) -> bool:
        return self._groups[a] == self._groups[b]

    def _send(self, sender: str, to: str, message: Message) -> None:
        if not self._connected(sender, to) or self.rng.random() < self.config.drop_rate:
            return
        low, high = self.config.delay_ms
        self._at(
            self.rng.randint(low, high), lambda: self._deliver(sender, to, message)
        )

    def _deliver(self, sender: str, to: str, message: Message) -> None:
        node = self.nodes[to]
        if not node.up or not self._connected(
            sender, to
        ):  # crashed, or cut off while in flight
            return
        # Section 5.1: a newer term makes any server a follower of that term.
        if message.term > node.current_term:
            self._become_follower(node, message.term)
        match message:
            case RequestVote():
                self._on_request_vote(node, message)
            case Vote():
                self._on_vote(node, message)
            case AppendEntries():
                self._on_append_entries(node, message)
            case AppendReply():
                self._on_append_reply(node, message)

    # -- elections (section 5.2) -----------------------------------------------

    def _reset_election_timer(self, node: Node) -> None:
        node.timer += 1
        if not self.config.election_timers:
            return
        generation = node.timer
        low, high = self.config.election_timeout_ms
        self._at(
            self.rng.randint(low, high),
            lambda: self._election_timeout(node, generation),
        )

    def _election_timeout(self, node: Node, generation: int) -> None:
        if node.up and node.timer == generation and node.role is not Role.LEADER:
            self._start_election(node, "timeout")

    def start_election(self, name: str) -> None:
        """Make `name` time out now (scripted scenarios)."""
        node = self._node(name)
        if not node.up:
            raise ValueError(f"{name} is down; restart it first")
        if node.role is Role.LEADER:
            raise ValueError(f"{name} is already leader of term {node.current_term}")
        self._start_election(node, "told to")

    def _start_election(self, node: Node, why: str) -> None:
        node.current_term += 1
        node.role, node.leader = Role.CANDIDATE, None
        node.voted_for, node.votes = node.name, {node.name}
        self._reset_election_timer(
            node
        )  # a split vote ends in a new election (section 5.2)
        self._log(
            node.name, "election", f"{why}: candidate for term {node.current_term}"
        )
        request = RequestVote(
            node.current_term, node.name, node.last_index, node.term_at(node.last_index)
        )
        for peer in self.nodes:
            if peer != node.name:
                self._send(node.name, peer, request)
        self._maybe_win(node)

    # --8<-- [start:vote]
    def _on_request_vote(self, node: Node, m: RequestVote) -> None:
        # Section 5.4.1, the election restriction: vote only for a log at least
        # as up-to-date as yours (later last term, or same term and as long).
        up_to_date = (m.last_log_term, m.last_log_index) >= (
            node.term_at(node.last_index),
            node.last_index,
        )
        # Section 5.2: at most one vote per term, first come first served.
        granted = (
            m.term == node.current_term
            and node.voted_for in (None, m.candidate)
            and up_to_date
        )
        if granted:
            node.voted_for = m.candidate
            self._reset_election_timer(node)
            self._log(node.name, "vote", f"votes for {m.candidate} in term {m.term}")
        elif m.term == node.current_term and not up_to_date:
            self._log(node.name, "vote", f"refuses {m.candidate}: its log is behind")
        elif m.term == node.current_term and node.voted_for != m.candidate:
            self._log(
                node.name,
                "vote",
                f"refuses {m.candidate}: already voted for {node.voted_for}",
            )
        self._send(node.name, m.candidate, Vote(node.current_term, node.name, granted))

    # --8<-- [end:vote]

    def _on_vote(self, node: Node, m: Vote) -> None:
        if node.role is Role.CANDIDATE and m.term == node.current_term and m.granted:
            node.votes.add(m.voter)
            self._maybe_win(node)

    def _majority(self) -> int:
        return len(self.nodes) // 2 + 1

    def _maybe_win(self, node: Node) -> None:
        if node.role is Role.CANDIDATE and len(node.votes) >= self._majority():
            self._become_leader(node)

    def _become_leader(self, node: Node) -> None:
        node.role, node.leader = Role.LEADER, node.name
        node.next_index = {p: node.last_index + 1 for p in self.nodes if p != node.name}
        node.match_index = dict.fromkeys(node.next_index, 0)
        voters = ", ".join(sorted(node.votes, key=list(self.nodes).index))
        self._log(
            node.name, "leader", f"leader of term {node.current_term} (votes: {voters})"
        )
        self._record_leader(node)
        self._heartbeat(node)

    def _become_follower(self, node: Node, term: int) -> None:
        was = node.role
        node.current_term, node.voted_for = term, None
        node.role = Role.FOLLOWER
        node.leader = None
        if was is Role.LEADER:
            node.heartbeat += 1  # cancel the heartbeats
            self._reset_election_timer(node)  # a leader had no election timer running
            self._log(node.name, "step-down", f"steps down: saw term {term}")

    # -- log replication (section 5.3) -----------------------------------------

    def _heartbeat(self, node: Node) -> None:
        node.heartbeat += 1
        generation = node.heartbeat

        def beat() -> None:
            if node.up and node.role is Role.LEADER and node.heartbeat == generation:
                self._replicate(node)
                self._at(self.config.heartbeat_ms, beat)

        beat()

    def _replicate(self, leader: Node) -> None:
        for peer in leader.next_index:
            self._send_append(leader, peer)

    def _send_append(self, leader: Node, peer: str) -> None:
        prev = leader.next_index[peer] - 1
        entries = tuple(leader.log[prev:])
        message = AppendEntries(
            leader.current_term,
            leader.name,
            prev,
            leader.term_at(prev),
            entries,
            leader.commit_index,
        )
        self._send(leader.name, peer, message)

    def submit(self, command: str, to: str | None = None) -> Proposal:
        """A client write: the leader appends it and replicates it (section 5.3).

        to=None sends it to the running leader with the highest term; naming a
        node sends it there (a client with an old idea of who leads).
        """
        if not isinstance(command, str) or not command:
            raise ValueError(f"command must be a non-empty string, got {command!r}")
        if to is None:
            leaders = [n for n in self.nodes.values() if n.up and n.role is Role.LEADER]
            if not leaders:
                raise NoLeaderError(
                    "no running node is leader; run the simulation until one is elected"
                )
            node = max(leaders, key=lambda n: n.current_term)
        else:
            node = self._node(to)
            if not node.up:
                raise ValueError(f"{to} is down")
            if node.role is not Role.LEADER:
                raise NotLeaderError(
                    f"{to} is a {node.role.value}; its leader is {node.leader or 'unknown'}"
                )
        node.log.append(Entry(node.current_term, command))
        proposal = Proposal(command, node.name, node.last_index, node.current_term)
        self._log(
            node.name,
            "append",
            f"appends {command!r} at index {proposal.index} (term {proposal.term})",
        )
        self._advance_commit(node)  # a one-node cluster commits at once
        self._replicate(node)
        return proposal

    def _on_append_entries(self, node: Node, m: AppendEntries) -> None:
        if m.term < node.current_term:  # a stale leader (section 5.1)
            self._send(
                node.name,
                m.leader,
                AppendReply(node.current_term, node.name, False, node.last_index),
            )
            return
        if (
            node.role is not Role.FOLLOWER
        ):  # a candidate that hears the new leader gives up (section 5.2)
            node.role = Role.FOLLOWER
        node.leader = m.leader
        self._reset_election_timer(node)
        # The consistency check: refuse unless we hold the entry just before the new ones.
        if (
            m.prev_log_index > node.last_index
            or node.term_at(m.prev_log_index) != m.prev_log_term
        ):
            self._send(
                node.name,
                m.leader,
                AppendReply(node.current_term, node.name, False, node.last_index),
            )
            return
        for offset, entry in enumerate(m.entries):
            index = m.prev_log_index + 1 + offset
            if index <= node.last_index and node.term_at(index) != entry.term:
                dropped = node.log[index - 1 :]
                del node.log[
                    index - 1 :
                ]  # a conflict: ours and all after it go (section 5.3)
                self._log(
                    node.name,
                    "truncate",
                    f"drops {len(dropped)} conflicting entr{'y' if len(dropped) == 1 else 'ies'} from index {index}",
                )
            if index > node.last_index:
                node.log.append(entry)
        last_new = m.prev_log_index + len(m.entries)
        if (
            m.leader_commit > node.commit_index
        ):  # commit what the leader has, as far as ours matches
            node.commit_index = max(node.commit_index, min(m.leader_commit, last_new))
            self._apply(node)
        self._send(
            node.name,
            m.leader,
            AppendReply(node.current_term, node.name, True, last_new),
        )

    def _on_append_reply(self, node: Node, m: AppendReply) -> None:
        if node.role is not Role.LEADER or m.term != node.current_term:
            return
        if m.success:
            node.match_index[m.follower] = max(node.match_index[m.follower], m.index)
            node.next_index[m.follower] = node.match_index[m.follower] + 1
            self._advance_commit(node)
        else:  # back up and retry; the follower's length lets us skip ahead
            backed_up = min(node.next_index[m.follower] - 1, m.index + 1)
            node.next_index[m.follower] = max(
                node.match_index[m.follower] + 1, backed_up, 1
            )
            self._send_append(node, m.follower)

    # --8<-- [start:commit_rule]
    def _advance_commit(self, leader: Node) -> None:
        """Commit the highest index stored on a majority (sections 5.3 and 5.4.2)."""
        for index in range(leader.last_index, leader.commit_index, -1):
            stored = 1 + sum(1 for m in leader.match_index.values() if m >= index)
            if stored < self._majority():
                continue
            # Figure 8: counting replicas is enough only for an entry of the
            # leader's own term; older entries commit along with it.
            if (
                self.config.figure8_rule
                and leader.term_at(index) != leader.current_term
            ):
                return
            for newly in range(leader.commit_index + 1, index + 1):
                self._record_commit(leader, newly)
            leader.commit_index = index
            self._log(
                leader.name,
                "commit",
                f"commits through index {index} ({stored} of {len(self.nodes)} store it)",
            )
            self._apply(leader)
            return

    # --8<-- [end:commit_rule]

    def _apply(self, node: Node) -> None:
        while node.last_applied < node.commit_index:
            node.last_applied += 1
            entry = node.log[node.last_applied - 1]
            node.state.append(entry.command)
            self._record_applied(node, node.last_applied, entry)

    # -- faults ----------------------------------------------------------------

    def _node(self, name: str) -> Node:
        if name not in self.nodes:
            raise ValueError(f"unknown node {name!r}; nodes: {', '.join(self.nodes)}")
        return self.nodes[name]

    def crash(self, name: str) -> None:
        """Stop `name`: it keeps its term, vote and log, and loses everything else."""
        node = self._node(name)
        if not node.up:
            raise ValueError(f"{name} is already down")
        node.up = False
        node.role, node.leader, node.votes = Role.FOLLOWER, None, set()
        node.commit_index = node.last_applied = 0
        node.state = (
            []
        )  # rebuilt by applying the log again once it learns the commit index
        node.next_index, node.match_index = {}, {}
        node.timer += 1
        node.heartbeat += 1
        self._log(name, "crash", "crashes")

    def restart(self, name: str) -> None:
        node = self._node(name)
        if node.up:
            raise ValueError(f"{name} is already running")
        node.up = True
        self._reset_election_timer(node)
        self._log(
            name,
            "restart",
            f"restarts (term {node.current_term}, {node.last_index} entries in its log)",
        )

    def partition(self, *groups: Iterable[str]) -> None:
        """Let nodes talk only within their group; nodes left out form one more group."""
        seen: list[str] = []
        for group in groups:
            for name in group:
                self._node(name)
                if name in seen:
                    raise ValueError(f"{name} is in two groups")
                seen.append(name)
        if not seen:
            raise ValueError("name at least one group of nodes")
        rest = [n for n in self.nodes if n not in seen]
        layout = [list(g) for g in groups] + ([rest] if rest else [])
        for number, group in enumerate(layout):
            for name in group:
                self._groups[name] = number
        self._log(
            "-",
            "partition",
            "partition " + " | ".join("{" + ",".join(g) + "}" for g in layout),
        )

    def heal(self) -> None:
        self._groups = dict.fromkeys(self.nodes, 0)
        self._log("-", "partition", "network healed")

    # -- what a client or a test can ask ----------------------------------------

    def leader(self) -> str | None:
        """The running leader with the highest term, if any."""
        leaders = [n for n in self.nodes.values() if n.up and n.role is Role.LEADER]
        return max(leaders, key=lambda n: n.current_term).name if leaders else None

    def outcome(self, proposal: Proposal) -> str:
        """'committed', 'lost' (another entry committed at its index) or 'pending'."""
        if proposal.index in self.committed:
            entry, _ = self.committed[proposal.index]
            return (
                "committed"
                if entry == Entry(proposal.term, proposal.command)
                else "lost"
            )
        return "pending"

    def log_of(self, name: str) -> str:
        """A node's log as `index:term:command` cells, with a bar after the commit index."""
        node = self._node(name)
        cells = [f"{i}:{e.term}:{e.command}" for i, e in enumerate(node.log, 1)]
        cells.insert(node.commit_index, "|")
        return " ".join(cells)

    # -- safety (Figure 3) ----------------------------------------------------

    def _record_leader(self, node: Node) -> None:
        term = node.current_term
        self.leaders_by_term.setdefault(term, set()).add(node.name)
        if len(self.leaders_by_term[term]) > 1:  # Election Safety
            self._violations.append(
                f"election safety: {sorted(self.leaders_by_term[term])} both lead term {term}"
            )
        for index, (entry, committed_in) in sorted(
            self.committed.items()
        ):  # Leader Completeness
            if committed_in < term and (
                index > node.last_index or node.log[index - 1] != entry
            ):
                self._violations.append(
                    f"leader completeness: {node.name}, leader of term {term}, lacks committed index {index}"
                )

    def _record_commit(self, leader: Node, index: int) -> None:
        entry = leader.log[index - 1]
        if index not in self.committed:
            self.committed[index] = (entry, leader.current_term)
        elif self.committed[index][0] != entry:
            self._violations.append(
                f"state machine safety: {leader.name} commits {entry.command!r} at index {index}, "
                f"where {self.committed[index][0].command!r} was committed before"
            )

    def _record_applied(self, node: Node, index: int, entry: Entry) -> None:
        here = self.applied.setdefault(index, {})
        for other, theirs in here.items():  # State Machine Safety, across crashes too
            if theirs != entry:
                self._violations.append(
                    f"state machine safety: index {index} applied as {theirs.command!r} on {other} "
                    f"and as {entry.command!r} on {node.name}"
                )
        here[node.name] = entry

    def violations(self) -> list[str]:
        """Every broken property of Figure 3 seen so far, plus Log Matching checked now."""
        found = list(dict.fromkeys(self._violations))
        logs = [(n.name, n.log) for n in self.nodes.values()]
        for i, (a_name, a) in enumerate(logs):
            for b_name, b in logs[i + 1 :]:
                # Log Matching (section 5.3): the same index and term means the
                # same entries up to there. Check at the last index where terms agree.
                same = [k for k in range(min(len(a), len(b))) if a[k].term == b[k].term]
                if same and a[: same[-1] + 1] != b[: same[-1] + 1]:
                    found.append(
                        f"log matching: {a_name} and {b_name} agree on a term at index {same[-1] + 1} but differ before it"
                    )
        return found
