/** A stack that also reports its minimum in O(1). */

// --8<-- [start:optimal]
/**
 * Each entry remembers the minimum of itself and everything below it.
 * push, pop, top and getMin are O(1); on an empty stack they answer
 * undefined, as Array.prototype.pop does.
 */
export class MinStack {
  readonly #entries: { value: number; min: number }[] = [];

  push(value: number): void {
    const below = this.#entries.at(-1)?.min ?? value;
    this.#entries.push({ value, min: Math.min(value, below) });
  }

  pop(): number | undefined {
    return this.#entries.pop()?.value;
  }

  top(): number | undefined {
    return this.#entries.at(-1)?.value;
  }

  getMin(): number | undefined {
    return this.#entries.at(-1)?.min;
  }

  get size(): number {
    return this.#entries.length;
  }
}
// --8<-- [end:optimal]

// --8<-- [start:demo]
const stack = new MinStack();
for (const value of [5, 2, 7]) {
  stack.push(value);
}
console.log(stack.getMin(), stack.pop(), stack.pop(), stack.getMin());
//> 2 7 2 5
console.log(new MinStack().pop());
//> undefined
// --8<-- [end:demo]
