//! The engine's layers point one way, and no module imports itself in a
//! circle. Reads the sources: every `crate::…` and `super::…` path outside
//! test modules is an edge from its file to the module it names.
//!
//! Layers, low to high (as `lib.rs` lists them): `error`, `parallel`, `text`,
//! `ingest`, `compare`, `index`, `query`, `present`. A file may use its
//! own layer and the layers below; within a layer, a file imports a
//! sibling from the sibling's own file (not through the layer's `mod.rs`),
//! and the files of a layer form no cycle.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

const LAYERS: &[&str] = &["error", "parallel", "text", "ingest", "compare", "index", "query", "present"];

fn rank(layer: &str) -> Option<usize> {
    LAYERS.iter().position(|l| *l == layer)
}

/// Every `.rs` file under `dir`.
fn sources(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).expect("a source folder") {
        let path = entry.expect("an entry").path();
        if path.is_dir() {
            sources(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// The module path of a file: `["compare", "seed"]`, `["compare"]` for a
/// `mod.rs`, `["error"]`.
fn module_of(src: &Path, file: &Path) -> Vec<String> {
    let rel = file.strip_prefix(src).expect("under src");
    let mut parts: Vec<String> = rel
        .iter()
        .map(|p| p.to_string_lossy().trim_end_matches(".rs").to_string())
        .collect();
    if parts.last().is_some_and(|p| p == "mod") {
        parts.pop();
    }
    parts
}

/// The code of a file without its `#[cfg(test)]` modules and comments.
fn code(text: &str) -> String {
    let mut out = String::new();
    let mut skipping = false;
    let mut depth = 0i32;
    let lines = text.lines();
    for line in lines {
        let trimmed = line.trim_start();
        if trimmed.starts_with("//") {
            continue;
        }
        if !skipping && trimmed.starts_with("#[cfg(test)]") {
            skipping = true;
            depth = 0;
            continue;
        }
        if skipping {
            depth += line.matches('{').count() as i32 - line.matches('}').count() as i32;
            if depth <= 0 && line.contains('}') {
                skipping = false;
            }
            continue;
        }
        out.push_str(line);
        out.push('\n');
    }
    out
}

/// The paths a file's code names from `crate::` or `super::`, expanded
/// from `use` groups: `crate::text::document::Span` and the like.
fn paths(code: &str) -> Vec<String> {
    let mut out = Vec::new();
    let bytes = code.as_bytes();
    let mut i = 0;
    while i < code.len() {
        let rest = &code[i..];
        let start = if rest.starts_with("crate::") || rest.starts_with("super::") {
            let before = if i == 0 { ' ' } else { bytes[i - 1] as char };
            (!(before.is_alphanumeric() || before == '_' || before == ':')).then_some(i)
        } else {
            None
        };
        let Some(start) = start else {
            i += rest.chars().next().map_or(1, char::len_utf8);
            continue;
        };
        let (expanded, len) = expand(&code[start..]);
        out.extend(expanded);
        i = start + len.max(1);
    }
    out
}

/// Expands one path, which may end in a `{…}` group, into full paths.
/// Returns them and how many bytes were read.
fn expand(text: &str) -> (Vec<String>, usize) {
    let mut prefix = String::new();
    let mut i = 0;
    let b = text.as_bytes();
    while i < b.len() {
        let c = b[i] as char;
        if c.is_alphanumeric() || c == '_' || c == ':' {
            prefix.push(c);
            i += 1;
        } else if c == '{' {
            // A group: split at top-level commas.
            let mut depth = 0;
            let mut j = i;
            let mut items = Vec::new();
            let mut item_start = i + 1;
            while j < b.len() {
                match b[j] as char {
                    '{' => depth += 1,
                    '}' => {
                        depth -= 1;
                        if depth == 0 {
                            items.push(&text[item_start..j]);
                            break;
                        }
                    }
                    ',' if depth == 1 => {
                        items.push(&text[item_start..j]);
                        item_start = j + 1;
                    }
                    _ => {}
                }
                j += 1;
            }
            let mut out = Vec::new();
            for item in items {
                let item = item.trim();
                if item.is_empty() || item == "self" {
                    out.push(prefix.trim_end_matches("::").to_string());
                    continue;
                }
                let item = item.split(" as ").next().unwrap_or(item).trim();
                let (inner, _) = expand(item);
                if inner.is_empty() {
                    out.push(format!("{prefix}{item}"));
                } else {
                    out.extend(inner.into_iter().map(|p| format!("{prefix}{p}")));
                }
            }
            return (out, j + 1);
        } else {
            break;
        }
    }
    let path = prefix.trim_end_matches("::").to_string();
    (if path.is_empty() { Vec::new() } else { vec![path] }, i)
}

/// The module a path names, resolved against the files that exist: the
/// longest prefix of the path that is a module. `super::` is resolved
/// from `from`.
fn target(path: &str, from: &[String], modules: &BTreeSet<Vec<String>>) -> Option<Vec<String>> {
    let mut segments: Vec<&str> = path.split("::").collect();
    let mut base: Vec<String> = match segments.first() {
        Some(&"crate") => {
            segments.remove(0);
            Vec::new()
        }
        Some(&"super") => {
            // In `a/b.rs` and in `a/b/mod.rs` (both module `a::b`), `super` is `a`.
            let mut base = from.to_vec();
            while segments.first() == Some(&"super") {
                segments.remove(0);
                base.pop();
            }
            base
        }
        _ => return None,
    };
    let mut found = None;
    for s in segments {
        base.push(s.to_string());
        if modules.contains(&base) {
            found = Some(base.clone());
        } else {
            break;
        }
    }
    found
}

#[test]
fn the_engine_layers_point_down_and_have_no_cycle() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    sources(&src, &mut files);
    let modules: BTreeSet<Vec<String>> = files.iter().map(|f| module_of(&src, f)).filter(|m| m != &["lib"]).collect();
    let mut problems = Vec::new();
    let mut edges: BTreeMap<Vec<String>, BTreeSet<Vec<String>>> = BTreeMap::new();
    for file in &files {
        let module = module_of(&src, file);
        if module == ["lib"] {
            continue; // the map and the re-exports
        }
        let is_mod_rs = file.file_name().is_some_and(|n| n == "mod.rs");
        let layer = &module[0];
        let Some(own) = rank(layer) else {
            problems.push(format!(
                "{}: `{layer}` is no layer; add it to lib.rs's map and to LAYERS",
                file.display()
            ));
            continue;
        };
        let text = std::fs::read_to_string(file).expect("readable");
        for path in paths(&code(&text)) {
            let Some(to) = target(&path, &module, &modules) else {
                if path.starts_with("crate::") && path != "crate" {
                    problems.push(format!(
                        "{}: `{path}` goes through the crate root; name the module that owns it",
                        file.display()
                    ));
                }
                continue;
            };
            let Some(theirs) = rank(&to[0]) else { continue };
            if theirs > own {
                problems.push(format!("{}: `{path}` points up, from `{layer}` to `{}`", file.display(), to[0]));
            }
            if theirs == own && to != module && !is_mod_rs {
                if to.len() == 1 && module.len() > 1 {
                    problems.push(format!(
                        "{}: `{path}` takes a sibling's item through `{}`'s mod.rs; import it from its own file",
                        file.display(),
                        to[0]
                    ));
                }
                edges.entry(module.clone()).or_default().insert(to);
            }
        }
    }
    // No cycle among the files of a layer.
    fn visit(
        node: &Vec<String>,
        edges: &BTreeMap<Vec<String>, BTreeSet<Vec<String>>>,
        state: &mut BTreeMap<Vec<String>, u8>,
        stack: &mut Vec<Vec<String>>,
        cycles: &mut Vec<String>,
    ) {
        match state.get(node) {
            Some(2) => return,
            Some(1) => {
                let at = stack.iter().position(|n| n == node).unwrap_or(0);
                let names: Vec<String> = stack[at..].iter().chain([node]).map(|m| m.join("::")).collect();
                cycles.push(names.join(" -> "));
                return;
            }
            _ => {}
        }
        state.insert(node.clone(), 1);
        stack.push(node.clone());
        for next in edges.get(node).into_iter().flatten() {
            visit(next, edges, state, stack, cycles);
        }
        stack.pop();
        state.insert(node.clone(), 2);
    }
    let mut state = BTreeMap::new();
    let mut cycles = Vec::new();
    for node in edges.keys() {
        visit(node, &edges, &mut state, &mut Vec::new(), &mut cycles);
    }
    problems.extend(cycles.into_iter().map(|c| format!("an import cycle: {c}")));
    assert!(problems.is_empty(), "{} problems:\n{}", problems.len(), problems.join("\n"));
}

#[test]
fn the_checker_sees_upward_edges_groups_and_cycles() {
    // The checker itself can fail: groups expand, `super` resolves.
    let found = paths("use crate::{index::Index, text::{analyze::Analyzer, document::Span}};\nlet x = super::seed::seeds(a);");
    assert_eq!(
        found,
        [
            "crate::index::Index",
            "crate::text::analyze::Analyzer",
            "crate::text::document::Span",
            "super::seed::seeds"
        ]
    );
    let modules: BTreeSet<Vec<String>> = [vec!["compare".into()], vec!["compare".into(), "seed".into()], vec!["index".into()]]
        .into_iter()
        .collect();
    let from = vec!["compare".to_string(), "chain".to_string()];
    assert_eq!(
        target("super::seed::seeds", &from, &modules),
        Some(vec!["compare".into(), "seed".into()])
    );
    assert_eq!(target("crate::index::Index", &from, &modules), Some(vec!["index".into()]));
    assert!(rank("index") > rank("compare"), "an edge from compare to index points up");
    assert_eq!(
        code("use a;\n#[cfg(test)]\nmod tests {\n    use crate::z;\n}\nuse b;\n"),
        "use a;\nuse b;\n"
    );
}
