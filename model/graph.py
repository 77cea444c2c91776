"""Topology as pure functions: stable topological order, cycles, and the one graph walk `closure`.

Nodes are integers 0..n-1 in declaration order; `parents[i]` lists the nodes cell i reads.
"""

from __future__ import annotations

import heapq
from collections.abc import Callable, Container, Iterable, Sequence


def children_of(parents: Sequence[Sequence[int]]) -> list[list[int]]:
    """Invert a parent map into a child map."""
    kids: list[list[int]] = [[] for _ in parents]
    for i, ps in enumerate(parents):
        for p in ps:
            kids[p].append(i)
    return kids


def topo_order(parents: Sequence[Sequence[int]]) -> list[int] | None:
    """Return a topological order, ties broken by declaration order; None if there is a cycle."""
    n = len(parents)
    indeg = [len(set(ps)) for ps in parents]
    kids = children_of([sorted(set(ps)) for ps in parents])
    heap = [i for i in range(n) if indeg[i] == 0]
    heapq.heapify(heap)
    order: list[int] = []
    while heap:
        i = heapq.heappop(heap)
        order.append(i)
        for k in kids[i]:
            indeg[k] -= 1
            if indeg[k] == 0:
                heapq.heappush(heap, k)
    return order if len(order) == n else None


def find_cycles(parents: Sequence[Sequence[int]]) -> list[list[int]]:
    """Return one loop per strongly connected component that has a cycle, each as a node path."""
    n = len(parents)
    index = [-1] * n
    low = [0] * n
    on_stack = [False] * n
    stack: list[int] = []
    counter = 0
    loops: list[list[int]] = []
    for root in range(n):
        if index[root] != -1:
            continue
        work = [(root, 0)]
        while work:
            v, pi = work.pop()
            if pi == 0:
                index[v] = low[v] = counter
                counter += 1
                stack.append(v)
                on_stack[v] = True
            ps = parents[v]
            if pi < len(ps):
                work.append((v, pi + 1))
                w = ps[pi]
                if index[w] == -1:
                    work.append((w, 0))
                elif on_stack[w]:
                    low[v] = min(low[v], index[w])
                continue
            if low[v] == index[v]:
                comp = []
                while True:
                    w = stack.pop()
                    on_stack[w] = False
                    comp.append(w)
                    if w == v:
                        break
                if len(comp) > 1 or v in parents[v]:
                    loops.append(_loop_in(sorted(comp), parents))
            if work:
                u = work[-1][0]
                low[u] = min(low[u], low[v])
    return loops


def _loop_in(comp: list[int], parents: Sequence[Sequence[int]]) -> list[int]:
    """Walk parent edges inside one component from its first node until a node repeats."""
    members = set(comp)
    path = [comp[0]]
    seen = {comp[0]: 0}
    while True:
        nxt = min(p for p in parents[path[-1]] if p in members)
        if nxt in seen:
            loop = path[seen[nxt]:]
            loop.reverse()  # parent edges walked backwards: print in data-flow order
            k = loop.index(min(loop))
            loop = loop[k:] + loop[:k]
            return loop + [loop[0]]
        seen[nxt] = len(path)
        path.append(nxt)


def closure(start: Iterable[int], edges: Sequence[Sequence[int]], *,
            stop: Callable[[int], bool] | Container[int] = (), include_start: bool = False) -> set[int]:
    """Return every node reachable from `start` along `edges` (pass parents to walk up, children down).

    A node in `stop` (a container or a predicate) is reached but not walked past. The start nodes
    are always walked from; they are in the result only with `include_start` or when reached again.
    """
    is_stop = stop if callable(stop) else stop.__contains__
    starts = list(start)
    seen: set[int] = set(starts) if include_start else set()
    todo = [k for s in starts for k in edges[s]]
    while todo:
        k = todo.pop()
        if k in seen:
            continue
        seen.add(k)
        if not is_stop(k):
            todo.extend(edges[k])
    return seen

