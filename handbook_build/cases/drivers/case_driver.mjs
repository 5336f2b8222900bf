// Runs a case-file request against a compiled TypeScript solution: the
// TypeScript side of handbook_build/cases/drivers.py (the protocol is there).
//
// usage: node case_driver.mjs <compiled module.js>   (the request arrives on stdin)
import { readFileSync } from "node:fs";
import { pathToFileURL } from "node:url";

const write = process.stdout.write.bind(process.stdout);
const request = JSON.parse(readFileSync(0, "utf8"));
// The module's own demo runs on import; its prints must not mix with the answers.
console.log = () => {};
const solution = await import(pathToFileURL(process.argv[2]).href);

const camel = (name) => name.replace(/_([a-z0-9])/g, (_, c) => c.toUpperCase());

class ListNode {
  constructor(val, next = null) { this.val = val; this.next = next; }
}
class TreeNode {
  constructor(val, left = null, right = null) { this.val = val; this.left = left; this.right = right; }
}

function buildList(values) {
  let head = null;
  for (const value of [...values].reverse()) head = new ListNode(value, head);
  return head;
}

function buildTree(values) {
  if (values.length === 0 || values[0] === null) return null;
  const root = new TreeNode(values[0]);
  const queue = [root];
  let i = 1;
  while (queue.length > 0 && i < values.length) {
    const node = queue.shift();
    for (const side of ["left", "right"]) {
      if (i < values.length && values[i] !== null) {
        node[side] = new TreeNode(values[i]);
        queue.push(node[side]);
      }
      i += 1;
    }
  }
  return root;
}

function listValues(head) {
  const values = [];
  for (let node = head, seen = 0; node; node = node.next) {
    if (++seen > 1_000_000) throw new Error("the list has more than 1,000,000 nodes; is there a cycle?");
    values.push(node.val);
  }
  return values;
}

function treeValues(root) {
  const values = [];
  const queue = [root];
  while (queue.length > 0) {
    const node = queue.shift();
    values.push(node ? node.val : null);
    if (node) queue.push(node.left ?? null, node.right ?? null);
  }
  while (values.length > 0 && values[values.length - 1] === null) values.pop();
  return values;
}

const DECODE = { linked_list: buildList, binary_tree: buildTree };
const ENCODE = { linked_list: listValues, binary_tree: treeValues };

const decode = (codec, value) => (codec ? DECODE[codec](value) : value);
const encode = (codec, value) => {
  if (codec) return value == null ? [] : ENCODE[codec](value);
  if (value instanceof Set) return [...value];
  if (value instanceof Map) return Object.fromEntries(value);
  return value === undefined ? null : value;
};

// invalid_argument: RangeError or TypeError, as the built-ins throw; an empty
// container answers undefined, as Array.prototype.pop does.
function failure(error) {
  const raises = error instanceof RangeError || error instanceof TypeError ? "invalid_argument" : null;
  return { raises, error: `${error?.name ?? "thrown"}: ${error?.message ?? String(error)}` };
}

function jsonSafe(value) {
  return JSON.parse(JSON.stringify(value, (_, v) => (v instanceof Set ? [...v] : v instanceof Map ? Object.fromEntries(v) : v)) ?? "null");
}

function runFunction(target, kase) {
  const codecs = request.arg_types ?? [];
  const args = kase.args.map((value, i) => decode(codecs[i] ?? null, structuredClone(value)));
  try {
    const result = target(...args);
    if (kase.in_place != null) return { result: jsonSafe(encode(codecs[kase.in_place] ?? null, args[kase.in_place])) };
    return { result: jsonSafe(encode(request.result_type ?? null, result)), absent: result === undefined };
  } catch (error) {
    return failure(error);
  }
}

function runClass(Target, kase) {
  const results = [];
  let instance;
  try {
    instance = new Target(...structuredClone(kase.init));
  } catch (error) {
    return { results, call: 0, ...failure(error) };
  }
  let absent = false;
  for (const [number, [method, ...args]] of kase.calls.entries()) {
    const name = camel(method);
    if (typeof instance[name] !== "function") return { results, call: number + 1, raises: null, error: `no method ${name}` };
    try {
      const result = instance[name](...structuredClone(args));
      absent = result === undefined;
      results.push(jsonSafe(encode(null, result)));
    } catch (error) {
      return { results, call: number + 1, ...failure(error) };
    }
  }
  return { results, absent };
}

const name = request.kind === "class" ? request.target : camel(request.target);
const target = solution[name];
if (typeof target !== "function") {
  write(JSON.stringify({ fatal: `${process.argv[2]} exports no ${request.kind} ${name}` }) + "\n");
  process.exit(0);
}
for (const kase of request.cases) {
  const outcome = request.kind === "class" ? runClass(target, kase) : runFunction(target, kase);
  write(JSON.stringify(outcome) + "\n");
}
