"""Random command sequences and the simple model the stores are checked against."""

from __future__ import annotations

from hypothesis import strategies as st

from examples.system_design.streams.account import Command, Deposit, Open, Withdraw

ACCOUNTS = ["a-1", "a-2", "a-3"]


def commands() -> st.SearchStrategy[list[Command]]:
    """Up to 12 commands on three accounts; many are refused, on purpose."""
    account = st.sampled_from(ACCOUNTS)
    cents = st.integers(min_value=1, max_value=200)
    command = st.one_of(
        st.builds(Open, account, st.sampled_from(["ana", "bo"])),
        st.builds(Deposit, account, cents),
        st.builds(Withdraw, account, cents),
    )
    return st.lists(command, max_size=12)


class Model:
    """Balances in a dict: what the rules say should happen, with no events at all."""

    def __init__(self) -> None:
        self.owners: dict[str, str] = {}
        self.balances: dict[str, int] = {}
        self.movements: dict[str, int] = {}

    def accepts(self, command: Command) -> bool:
        """Apply `command` if the rules allow it; whether they did."""
        match command:
            case Open(account_id, owner):
                if account_id in self.owners:
                    return False
                self.owners[account_id], self.balances[account_id] = owner, 0
                self.movements[account_id] = 0
                return True
            case Deposit(account_id, cents) if account_id in self.owners:
                self.balances[account_id] += cents
            case Withdraw(account_id, cents) if (
                account_id in self.owners and cents <= self.balances[account_id]
            ):
                self.balances[account_id] -= cents
            case _:
                return False
        self.movements[command.account_id] += 1
        return True

    def rows(self) -> list[tuple[str, str, int, int]]:
        """The same shape as BalanceView.rows()."""
        return sorted(
            ((self.owners[a], a, self.balances[a], self.movements[a]) for a in self.owners),
            key=lambda row: (-row[2], row[1]),
        )
