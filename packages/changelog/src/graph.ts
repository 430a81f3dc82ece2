// The commit graph of one `git log`, and the set `git log INCLUDE ^EXCLUDE…` names, computed in
// memory: a changelog asks it once per version, so it must not cost a git process each time.

/** A binary min-heap of small integers (topological ranks). */
class RankHeap {
  private items: number[] = [];
  get size(): number {
    return this.items.length;
  }
  /** The smallest value (the heap must not be empty). */
  peek(): number {
    return this.items[0] as number;
  }
  push(value: number): void {
    const a = this.items;
    a.push(value);
    let i = a.length - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if ((a[parent] as number) <= value) break;
      a[i] = a[parent] as number;
      i = parent;
    }
    a[i] = value;
  }
  pop(): number {
    const a = this.items;
    const top = a[0] as number;
    const last = a.pop() as number;
    if (a.length > 0) {
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        if (l >= a.length) break;
        const r = l + 1;
        const c = r < a.length && (a[r] as number) < (a[l] as number) ? r : l;
        if ((a[c] as number) >= last) break;
        a[i] = a[c] as number;
        i = c;
      }
      a[i] = last;
    }
    return top;
  }
}

/** Parents by position, flat: those of node i are list[start[i] .. start[i + 1]]. */
interface ParentLists {
  start: Int32Array;
  list: Int32Array;
}

/** What a walk through the graph needs, made on the first walk. */
interface Walking {
  parentStart: Int32Array;
  parentList: Int32Array;
  /** Node → topological rank (every child ranks before its parents); rank → node. */
  rank: Int32Array;
  byRank: Int32Array;
  // Per-walk marks, reset by bumping `walk` instead of clearing arrays.
  seen: Int32Array;
  excluded: Uint8Array;
}

/** Whether the lists make one chain: each node's only parent is the next, the last has none. */
function isChain({ start, list }: ParentLists): boolean {
  const n = start.length - 1;
  for (let i = 0; i < n; i++) {
    const count = (start[i + 1] as number) - (start[i] as number);
    if (i < n - 1 ? count !== 1 || list[start[i] as number] !== i + 1 : count !== 0) return false;
  }
  return true;
}

/** The parent lists of a chain of `n` nodes. */
function chainLists(n: number): ParentLists {
  const start = new Int32Array(n + 1);
  const list = new Int32Array(Math.max(0, n - 1));
  for (let i = 0; i < n; i++) start[i + 1] = i < n - 1 ? i + 1 : i;
  for (let i = 0; i < n - 1; i++) list[i] = i + 1;
  return { start, list };
}

export class CommitGraph {
  /** Commit id → position in the input. */
  readonly position: Map<string, number>;
  /**
   * The history is one chain (each commit's only parent is the next one, as in a repository
   * that only fast-forwards, squashes or rebases): then ancestry is a comparison of positions.
   */
  readonly linear: boolean;
  private readonly lists: () => ParentLists;
  private walking: Walking | undefined;
  private walk = 0;

  private constructor(position: Map<string, number>, lists: () => ParentLists, linear: boolean) {
    this.position = position;
    this.lists = lists;
    this.linear = linear;
  }

  /**
   * The graph of `position` (commit id → position) whose node i has the parents
   * `parentList[parentStart[i] .. parentStart[i + 1]]` (positions; parents missing from the log are
   * left out). `CommitLog.graph` builds it from the commits of one git log.
   */
  static of(position: Map<string, number>, parentStart: Int32Array, parentList: Int32Array): CommitGraph {
    const lists = { start: parentStart, list: parentList };
    return new CommitGraph(position, () => lists, isChain(lists));
  }

  /**
   * The graph of a history of `n` commits known to be one chain (`position`: commit id →
   * position): its parent lists and ranks are made only if a walk needs them (`select` does not).
   */
  static chain(position: Map<string, number>, n: number): CommitGraph {
    return new CommitGraph(position, () => chainLists(n), true);
  }

  /** The lists and ranks a walk needs, made on the first. */
  private walkState(): Walking {
    if (this.walking) return this.walking;
    const { start, list: parents } = this.lists();
    const n = start.length - 1;
    const rank = new Int32Array(n);
    const byRank = new Int32Array(n);
    this.walking = { parentStart: start, parentList: parents, rank, byRank, seen: new Int32Array(n), excluded: new Uint8Array(n) };
    // git log's order (newest commit date first) is topological unless clocks were skewed: then
    // the positions are the ranks.
    let topological = true;
    for (let i = 0; i < n && topological; i++) {
      for (let k = start[i] as number; k < (start[i + 1] as number); k++) if ((parents[k] as number) <= i) topological = false;
    }
    if (topological) {
      for (let i = 0; i < n; i++) rank[i] = byRank[i] = i;
      return this.walking;
    }
    // Kahn's algorithm on child counts: a commit is ranked once all its children are.
    const children = new Int32Array(n);
    for (let k = 0; k < parents.length; k++) {
      const p = parents[k] as number;
      children[p] = (children[p] as number) + 1;
    }
    const ready: number[] = [];
    for (let i = n - 1; i >= 0; i--) if (children[i] === 0) ready.push(i);
    let next = 0;
    while (ready.length > 0) {
      const node = ready.pop() as number;
      rank[node] = next;
      byRank[next++] = node;
      for (let k = (start[node + 1] as number) - 1; k >= (start[node] as number); k--) {
        const p = parents[k] as number;
        const left = (children[p] as number) - 1;
        children[p] = left;
        if (left === 0) ready.push(p);
      }
    }
    if (next !== n) throw new Error('internal: the commit graph has a cycle');
    return this.walking;
  }

  has(sha: string): boolean {
    return this.position.has(sha);
  }

  /**
   * Of `candidates` (positions, ascending), those reachable from `include` and from none of
   * `exclude` (`git rev-list INCLUDE ^EXCLUDE…`), in ascending position (git log's order). On a
   * linear history only the candidates in range are looked at; otherwise the range is walked.
   */
  select(include: string, exclude: readonly string[], candidates: readonly number[], keep: Uint8Array, mask: number): number[] {
    if (!this.linear) return this.range(include, exclude, keep, mask).sort((a, b) => a - b);
    const from = this.position.get(include);
    if (from === undefined) return [];
    // On a chain, the ancestors of X are the positions ≥ X's.
    let to = Number.MAX_SAFE_INTEGER;
    for (const sha of exclude) {
      const e = this.position.get(sha);
      if (e !== undefined && e < to) to = e;
    }
    // A changelog asks once per version: a binary search for the first candidate in range
    // instead of a scan of all of them (50 versions × thousands of commits of one model).
    let lo = 0;
    let hi = candidates.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if ((candidates[mid] as number) < from) lo = mid + 1;
      else hi = mid;
    }
    const result: number[] = [];
    for (let i = lo; i < candidates.length; i++) {
      const c = candidates[i] as number;
      if (c >= to) break;
      if (((keep[c] as number) & mask) !== 0) result.push(c);
    }
    return result;
  }

  /**
   * Positions of the commits reachable from `include` and from none of `exclude` (what
   * `git rev-list INCLUDE ^EXCLUDE…` lists), in topological order, children first. Walks the
   * range and its boundary only, not the whole history. With `keep`, only the positions whose
   * `keep[position] & mask` is set are returned (the walk is the same).
   */
  range(include: string, exclude: readonly string[] = [], keep?: Uint8Array, mask = 0xff): number[] {
    const start = this.position.get(include);
    if (start === undefined) return [];
    const walk = ++this.walk;
    const { seen, excluded, rank, byRank, parentStart, parentList } = this.walkState();
    const heap = new RankHeap();
    let interesting = 0;
    const visit = (node: number, out: boolean) => {
      if (seen[node] === walk) {
        if (out && !excluded[node]) {
          excluded[node] = 1;
          interesting--;
        }
        return;
      }
      seen[node] = walk;
      excluded[node] = out ? 1 : 0;
      if (!out) interesting++;
      heap.push(rank[node] as number);
    };
    visit(start, false);
    for (const sha of exclude) {
      const node = this.position.get(sha);
      if (node !== undefined) visit(node, true);
    }
    const result: number[] = [];
    // Children pop before parents, so a commit's mark is final when it pops. Along a chain the
    // single parent is often the next to pop anyway: it is then taken without the heap.
    let node = -1;
    while (interesting > 0) {
      if (node < 0) {
        if (heap.size === 0) break;
        node = byRank[heap.pop()] as number;
      }
      const out = excluded[node] === 1;
      if (!out) {
        interesting--;
        if (keep === undefined || ((keep[node] as number) & mask) !== 0) result.push(node);
      }
      const from = parentStart[node] as number;
      const to = parentStart[node + 1] as number;
      let next = -1;
      if (to - from === 1) {
        const p = parentList[from] as number;
        if (seen[p] !== walk && (heap.size === 0 || (rank[p] as number) < heap.peek())) {
          seen[p] = walk;
          excluded[p] = out ? 1 : 0;
          if (!out) interesting++;
          next = p;
        }
      }
      if (next < 0) for (let k = from; k < to; k++) visit(parentList[k] as number, out);
      node = next;
    }
    return result;
  }
}
