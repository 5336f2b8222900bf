/**
 * The `users` resource in memory: the contract of examples/apis/rest/users_store.py
 * without SQLite, which Node 20 does not ship (and native addons cannot be built here).
 *
 * What the SQLite table guaranteed, this class keeps by hand: ids are never
 * reused, an email is unique ignoring ASCII case (SQLite's NOCASE), and a
 * page starts right after the last id seen. What it cannot keep: the data
 * lives and dies with one process, so two replicas would hold two stores.
 */

// --8<-- [start:store]
export interface User {
  readonly id: number;
  readonly name: string;
  readonly email: string;
}

export class EmailTakenError extends Error {}

/** SQLite's NOCASE folds A-Z only: "ÉVE" and "éve" are two different emails there. */
function emailKey(email: string): string {
  return email.replace(/[A-Z]/g, (letter) => letter.toLowerCase());
}

export class UsersStore {
  readonly #users = new Map<number, User>();
  readonly #ids: number[] = []; // ascending, because every new id is the largest yet
  readonly #owners = new Map<string, number>(); // emailKey -> id: the UNIQUE index
  #lastId = 0; // AUTOINCREMENT: a deleted id is never handed out again

  add(name: string, email: string): User {
    if (this.#owners.has(emailKey(email))) {
      throw new EmailTakenError();
    }
    const user = { id: ++this.#lastId, name, email };
    this.#users.set(user.id, user);
    this.#ids.push(user.id);
    this.#owners.set(emailKey(email), user.id);
    return user;
  }

  get(id: number): User | undefined {
    return this.#users.get(id);
  }

  /** Change the given fields; undefined if there is no such user. Nothing changes on a conflict. */
  update(id: number, changes: { name?: string; email?: string }): User | undefined {
    const current = this.#users.get(id);
    if (current === undefined) {
      return undefined;
    }
    const email = changes.email ?? current.email;
    const owner = this.#owners.get(emailKey(email));
    if (owner !== undefined && owner !== id) {
      throw new EmailTakenError();
    }
    const updated = { id, name: changes.name ?? current.name, email };
    this.#owners.delete(emailKey(current.email));
    this.#owners.set(emailKey(email), id);
    this.#users.set(id, updated);
    return updated;
  }

  delete(id: number): boolean {
    const user = this.#users.get(id);
    if (user === undefined) {
      return false;
    }
    this.#users.delete(id);
    this.#owners.delete(emailKey(user.email));
    this.#ids.splice(this.#firstIndexAbove(id - 1), 1);
    return true;
  }

  /** Up to `limit` users with an id above `afterId`, in id order. */
  listAfter(afterId: number, limit: number): User[] {
    const start = this.#firstIndexAbove(afterId); // binary search: the primary-key index
    return this.#ids.slice(start, start + limit).map((id) => this.#users.get(id)!);
  }

  #firstIndexAbove(afterId: number): number {
    let low = 0;
    let high = this.#ids.length;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if (this.#ids[middle]! <= afterId) {
        low = middle + 1;
      } else {
        high = middle;
      }
    }
    return low;
  }
}
// --8<-- [end:store]
