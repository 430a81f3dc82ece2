import { describe, expect, it } from 'vitest';
import { CommitLog } from './commit-log.js';
import type { CommitGraph } from './graph.js';

/** The part of a commit the graph needs. */
interface GraphCommit {
  sha: string;
  parents: string[];
}

// A history with a side branch and a merge (newest first, as git log prints it):
//
//   h ← merge of g and f
//   g ← e            f ← d   (side branch off d)
//   e ← d
//   d ← c ← b ← a (root)
const history: GraphCommit[] = [
  { sha: 'h', parents: ['g', 'f'] },
  { sha: 'g', parents: ['e'] },
  { sha: 'f', parents: ['d'] },
  { sha: 'e', parents: ['d'] },
  { sha: 'd', parents: ['c'] },
  { sha: 'c', parents: ['b'] },
  { sha: 'b', parents: ['a'] },
  { sha: 'a', parents: [] },
];

function names(graph: CommitGraph, commits: GraphCommit[], include: string, exclude: string[] = []): string[] {
  return graph
    .range(include, exclude)
    .map((i) => commits[i]?.sha as string)
    .sort();
}

/** The graph of `commits` as the changelog builds it: a CommitLog's, one commit at a time. */
function graphOf(commits: GraphCommit[]): CommitGraph {
  const log = new CommitLog();
  for (const c of commits) log.add({ ...c, author: 'A', authorEmail: 'a@x', authorTime: 0, authorTz: '+0000' }, []);
  return log.graph();
}

describe('CommitGraph.range', () => {
  const graph = graphOf(history);

  it('is every ancestor without an exclusion', () => {
    expect(names(graph, history, 'h')).toEqual(['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h']);
    expect(names(graph, history, 'c')).toEqual(['a', 'b', 'c']);
  });

  it('is INCLUDE ^EXCLUDE, across a merge', () => {
    expect(names(graph, history, 'h', ['c'])).toEqual(['d', 'e', 'f', 'g', 'h']);
    expect(names(graph, history, 'h', ['e'])).toEqual(['f', 'g', 'h']);
    expect(names(graph, history, 'h', ['f'])).toEqual(['e', 'g', 'h']);
    expect(names(graph, history, 'h', ['e', 'f'])).toEqual(['g', 'h']);
    expect(names(graph, history, 'g', ['f'])).toEqual(['e', 'g']);
  });

  it('is empty when the exclusion contains the inclusion, or the commit is unknown', () => {
    expect(names(graph, history, 'c', ['h'])).toEqual([]);
    expect(names(graph, history, 'c', ['c'])).toEqual([]);
    expect(names(graph, history, 'zz')).toEqual([]);
  });

  it('ignores unknown exclusions and parents outside the log', () => {
    const partial = [
      { sha: 'y', parents: ['x'] },
      { sha: 'x', parents: ['outside'] },
    ];
    expect(names(graphOf(partial), partial, 'y', ['nope'])).toEqual(['x', 'y']);
  });

  it('lists children before parents whatever the input order', () => {
    const shuffled = [history[7], history[2], history[0], history[4], history[6], history[1], history[3], history[5]] as GraphCommit[];
    const g = graphOf(shuffled);
    const order = g.range('h').map((i) => shuffled[i]?.sha as string);
    for (const c of history) {
      for (const p of c.parents) expect(order.indexOf(c.sha), `${c.sha} before ${p}`).toBeLessThan(order.indexOf(p));
    }
  });

  it('agrees with a brute-force set difference on a long random history', () => {
    let seed = 7;
    const random = (n: number) => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed % n;
    };
    const commits: GraphCommit[] = [];
    for (let i = 0; i < 400; i++) {
      const parents = i === 0 ? [] : [`c${i - 1 - random(Math.min(i, 5))}`];
      if (i > 10 && random(4) === 0) parents.push(`c${random(i)}`);
      commits.push({ sha: `c${i}`, parents: [...new Set(parents)] });
    }
    commits.reverse();
    const g = graphOf(commits);
    const parentsOf = new Map(commits.map((c) => [c.sha, c.parents]));
    const ancestors = (sha: string) => {
      const out = new Set<string>();
      const stack = [sha];
      while (stack.length) {
        const s = stack.pop() as string;
        if (out.has(s)) continue;
        out.add(s);
        stack.push(...(parentsOf.get(s) ?? []));
      }
      return out;
    };
    for (let k = 0; k < 60; k++) {
      const a = `c${random(400)}`;
      const b = `c${random(400)}`;
      const excluded = ancestors(b);
      const expected = [...ancestors(a)].filter((s) => !excluded.has(s)).sort();
      expect(names(g, commits, a, [b]), `${a} ^${b}`).toEqual(expected);
    }
  });
});

describe('CommitGraph.select', () => {
  // Brute force: the ancestors of each commit, from the parents.
  function ancestors(commits: GraphCommit[], sha: string): Set<string> {
    const parentsOf = new Map(commits.map((c) => [c.sha, c.parents]));
    const out = new Set<string>();
    const stack = [sha];
    while (stack.length) {
      const s = stack.pop() as string;
      if (out.has(s) || !parentsOf.has(s)) continue;
      out.add(s);
      stack.push(...(parentsOf.get(s) ?? []));
    }
    return out;
  }

  function check(commits: GraphCommit[], linear: boolean) {
    const graph = graphOf(commits);
    expect(graph.linear).toBe(linear);
    const keep = new Uint8Array(commits.length);
    const candidates: number[] = [];
    commits.forEach((_, i) => {
      if (i % 3 !== 1) {
        keep[i] = i % 2 ? 1 : 2;
        candidates.push(i);
      }
    });
    for (let a = 0; a < commits.length; a += 7) {
      for (const b of [undefined, 0, a + 5, a + 20, commits.length - 1]) {
        const include = (commits[a] as GraphCommit).sha;
        const exclude = b === undefined || b >= commits.length ? [] : [(commits[b] as GraphCommit).sha];
        const out = new Set(exclude.length ? ancestors(commits, exclude[0] as string) : []);
        const expected = [...ancestors(commits, include)]
          .filter((s) => !out.has(s))
          .map((s) => commits.findIndex((c) => c.sha === s))
          .filter((i) => candidates.includes(i) && ((keep[i] as number) & 1) !== 0)
          .sort((x, y) => x - y);
        expect(graph.select(include, exclude, candidates, keep, 1), `${include} ^${exclude.join()}`).toEqual(expected);
      }
    }
  }

  it('compares positions on a linear history', () => {
    const chain = Array.from({ length: 60 }, (_, i) => ({ sha: `l${i}`, parents: i === 59 ? [] : [`l${i + 1}`] }));
    check(chain, true);
  });

  it('walks a history with merges (and a chain with two roots is not linear)', () => {
    check(history, false);
    const twoRoots = [
      { sha: 'b', parents: ['a'] },
      { sha: 'a', parents: [] },
      { sha: 'z', parents: [] },
    ];
    expect(graphOf(twoRoots).linear).toBe(false);
    const merged = Array.from({ length: 40 }, (_, i) => ({ sha: `m${i}`, parents: i === 39 ? [] : i % 10 === 5 ? [`m${i + 1}`, `m${Math.min(39, i + 3)}`] : [`m${i + 1}`] }));
    check(merged, false);
  });
});
