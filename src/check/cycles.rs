//! References between definitions that point forward: a cycle, or a use before the
//! definition. Graph work is iterative (no recursion) and linear in its size, since a
//! hostile program may hold many thousands of definitions.

use super::Checker;
use crate::diagnostics::{Code, Diagnostic};
use std::collections::{BTreeSet, VecDeque};

impl Checker<'_> {
    /// Reports every reference to a definition that is not earlier than its user.
    pub(super) fn report_forward_refs(&mut self) {
        let count = self.defs.entries.len();
        let mut graph = vec![Vec::new(); count];
        for &(from, to, _) in &self.defs.edges {
            if let Some(out) = graph.get_mut(from) {
                out.push(to);
            }
        }
        let component = components(&graph);
        let mut reported = BTreeSet::new();
        let forward: Vec<_> = self
            .defs
            .edges
            .iter()
            .copied()
            .filter(|&(from, to, _)| to >= from)
            .collect();
        for (from, to, span) in forward {
            let same = component.get(from).is_some() && component.get(from) == component.get(to);
            let d = if same {
                if !reported.insert(component.get(from).copied()) {
                    continue;
                }
                let path = cycle_path(&graph, &component, from, to);
                let names: Vec<String> = path
                    .iter()
                    .map(|&i| format!("`{}`", self.name(i)))
                    .collect();
                let message = if from == to {
                    format!("`{}` is defined in terms of itself", self.name(from))
                } else {
                    format!("reference cycle: {}", names.join(" → "))
                };
                Diagnostic::at(Code::Cycle, span, message)
                    .with_help("a segment or score can only use definitions above it")
            } else {
                let name = self.name(to);
                let mut d = Diagnostic::at(
                    Code::UsedBeforeDefinition,
                    span,
                    format!("`{name}` is used before its definition"),
                )
                .with_help(format!("move the definition of `{name}` above this use"));
                if let Some(e) = self.defs.entries.get(to) {
                    d = d.with_secondary(e.span, "defined here");
                }
                d
            };
            self.error(d);
        }
    }

    fn name(&self, def: usize) -> &str {
        self.defs.entries.get(def).map_or("?", |e| e.name.as_str())
    }
}

/// The cycle `from → to → … → from`, found by a breadth-first search inside the
/// strongly connected component.
fn cycle_path(graph: &[Vec<usize>], component: &[usize], from: usize, to: usize) -> Vec<usize> {
    let mut parent = vec![usize::MAX; graph.len()];
    let mut queue = VecDeque::from([to]);
    let mut seen = vec![false; graph.len()];
    if let Some(s) = seen.get_mut(to) {
        *s = true;
    }
    while let Some(node) = queue.pop_front() {
        if node == from {
            break;
        }
        for &next in graph.get(node).into_iter().flatten() {
            let inside = component.get(next) == component.get(from);
            if inside && seen.get(next) == Some(&false) {
                seen[next] = true;
                parent[next] = node;
                queue.push_back(next);
            }
        }
    }
    // Walk back from `from` to `to`, then reverse: to → … → from.
    let mut back = vec![from];
    let mut node = from;
    while node != to {
        match parent.get(node) {
            Some(&p) if p != usize::MAX => {
                back.push(p);
                node = p;
            }
            _ => break,
        }
    }
    back.reverse();
    let mut path = vec![from];
    path.extend(back);
    path
}

/// Strongly connected components (Kosaraju, iterative): component id per node.
fn components(graph: &[Vec<usize>]) -> Vec<usize> {
    let n = graph.len();
    let mut order = Vec::with_capacity(n);
    let mut visited = vec![false; n];
    for start in 0..n {
        if visited[start] {
            continue;
        }
        visited[start] = true;
        let mut stack = vec![(start, 0usize)];
        while let Some((node, i)) = stack.pop() {
            match graph[node].get(i) {
                Some(&next) => {
                    stack.push((node, i + 1));
                    if next < n && !visited[next] {
                        visited[next] = true;
                        stack.push((next, 0));
                    }
                }
                None => order.push(node),
            }
        }
    }
    let mut reverse = vec![Vec::new(); n];
    for (from, outs) in graph.iter().enumerate() {
        for &to in outs.iter().filter(|&&to| to < n) {
            reverse[to].push(from);
        }
    }
    let mut component = vec![usize::MAX; n];
    for (id, &root) in order.iter().rev().enumerate() {
        if component[root] != usize::MAX {
            continue;
        }
        component[root] = id;
        let mut stack = vec![root];
        while let Some(node) = stack.pop() {
            for &prev in &reverse[node] {
                if component[prev] == usize::MAX {
                    component[prev] = id;
                    stack.push(prev);
                }
            }
        }
    }
    component
}

#[cfg(test)]
mod tests;
