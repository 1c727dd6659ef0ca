//! What a template may do. A user's templates (`--templates DIR`) replace the
//! built-in ones, so they are checked as the built-in ones never need to be:
//!
//! - they cannot read the machine: `get_env` is refused (Tera reads no files; an
//!   `include` names only templates already loaded);
//! - they cannot crash the run: nesting is bounded before Tera parses them (its
//!   parser recurses per level), and a macro or `include` that comes back to
//!   itself is refused before rendering (the renderer recurses per call, without
//!   a limit);
//! - they cannot exhaust memory or time with a loop: `range` gives at most
//!   [`MAX_RANGE`] numbers, and rendering has [`TIME_LIMIT`].

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::time::Duration;

use tera::ast::{Expr, ExprVal, Node};
use tera::{Tera, Value};

use crate::documents::DocumentError;

/// How long a user's template may render.
pub const TIME_LIMIT: Duration = Duration::from_secs(10);

/// Most numbers one `range(...)` may give.
pub const MAX_RANGE: usize = 100_000;

/// Deepest nesting of blocks (`if`, `for`, `macro`, …) or of brackets in one tag.
pub const MAX_NESTING: usize = 64;

/// Puts the limits on an engine's functions: `get_env` refused, `range` bounded.
pub fn restrict(tera: &mut Tera) {
    tera.register_function("get_env", refuse_env);
    tera.register_function("range", bounded_range);
}

fn refuse_env(_: &HashMap<String, Value>) -> tera::Result<Value> {
    Err(tera::Error::msg(
        "get_env is not available in itadoc's templates (a document shows only its input)",
    ))
}

/// Tera's `range` (start, end, step_by; numbers from start up to end, not
/// including it), refusing more than [`MAX_RANGE`] numbers.
fn bounded_range(args: &HashMap<String, Value>) -> tera::Result<Value> {
    let arg = |name: &str, default: Option<usize>| -> tera::Result<usize> {
        match args.get(name) {
            Some(v) => v.as_u64().map(|n| n as usize).ok_or_else(|| {
                tera::Error::msg(format!("range: `{name}` must be a whole number, not {v}"))
            }),
            None => default.ok_or_else(|| tera::Error::msg(format!("range: `{name}` is missing"))),
        }
    };
    let start = arg("start", Some(0))?;
    let end = arg("end", None)?;
    let step = arg("step_by", Some(1))?;
    if step == 0 {
        return Err(tera::Error::msg("range: `step_by` must be at least 1"));
    }
    if start > end {
        return Err(tera::Error::msg("range: `start` is greater than `end`"));
    }
    let count = (end - start).div_ceil(step);
    if count > MAX_RANGE {
        return Err(tera::Error::msg(format!(
            "range: {count} numbers asked for; a template may ask for at most {MAX_RANGE}"
        )));
    }
    Ok(Value::Array(
        (start..end).step_by(step).map(Value::from).collect(),
    ))
}

fn refused(template: &str, message: String) -> DocumentError {
    DocumentError::Template {
        template: template.to_string(),
        message,
    }
}

/// Checks, from the text alone, that blocks and brackets nest at most
/// [`MAX_NESTING`] deep.
pub fn check_nesting(name: &str, text: &str) -> Result<(), DocumentError> {
    let line_of = |at: usize| text[..at].matches('\n').count() + 1;
    let too_deep = |at: usize, what: &str| {
        refused(
            name,
            format!(
                "line {}: {what} nested deeper than {MAX_NESTING} levels",
                line_of(at)
            ),
        )
    };
    let mut blocks = 0usize;
    let mut at = 0;
    while let Some(off) = text[at..].find('{') {
        let open = at + off;
        let close = match text.get(open + 1..open + 2) {
            Some("%") => "%}",
            Some("{") => "}}",
            Some("#") => "#}",
            _ => {
                at = open + 1;
                continue;
            }
        };
        let body_start = open + 2;
        let Some(len) = text[body_start..].find(close) else {
            // Tera reports the unclosed tag itself
            return Ok(());
        };
        let body = &text[body_start..body_start + len];
        at = body_start + len + 2;
        if close == "#}" {
            continue;
        }
        // brackets inside the tag, outside quoted strings
        let mut depth = 0usize;
        let mut quote: Option<char> = None;
        for c in body.chars() {
            match (quote, c) {
                (None, '"' | '\'' | '`') => quote = Some(c),
                (Some(q), c) if c == q => quote = None,
                (None, '(' | '[' | '{') => {
                    depth += 1;
                    if depth > MAX_NESTING {
                        return Err(too_deep(open, "brackets"));
                    }
                }
                (None, ')' | ']' | '}') => depth = depth.saturating_sub(1),
                _ => {}
            }
        }
        if close == "%}" {
            let word = body
                .trim_start_matches('-')
                .split_whitespace()
                .next()
                .unwrap_or("");
            match word {
                "if" | "for" | "macro" | "block" | "filter" => {
                    blocks += 1;
                    if blocks > MAX_NESTING {
                        return Err(too_deep(open, "blocks"));
                    }
                }
                "raw" => {
                    // nothing inside a raw block is a tag
                    match text[at..].find("endraw") {
                        Some(end) => at += end + "endraw".len(),
                        None => return Ok(()),
                    }
                }
                w if w.starts_with("end") => blocks = blocks.saturating_sub(1),
                _ => {}
            }
        }
    }
    Ok(())
}

/// What one template or macro calls: other macros and included templates, as
/// graph keys ("file" for a template, "file::macro" for a macro).
#[derive(Default)]
struct Calls(BTreeSet<String>);

impl Calls {
    fn nodes(&mut self, nodes: &[Node], imports: &[(String, String)], file: &str) {
        for node in nodes {
            self.node(node, imports, file);
        }
    }

    fn node(&mut self, node: &Node, imports: &[(String, String)], file: &str) {
        match node {
            Node::VariableBlock(_, e) => self.expr(e, imports, file),
            Node::Include(_, names, _) => self.0.extend(names.iter().cloned()),
            Node::Set(_, set) => self.expr(&set.value, imports, file),
            Node::FilterSection(_, section, _) => {
                for e in section.filter.args.values() {
                    self.expr(e, imports, file);
                }
                self.nodes(&section.body, imports, file);
            }
            Node::Block(_, block, _) => self.nodes(&block.body, imports, file),
            Node::Forloop(_, f, _) => {
                self.expr(&f.container, imports, file);
                self.nodes(&f.body, imports, file);
                if let Some(body) = &f.empty_body {
                    self.nodes(body, imports, file);
                }
            }
            Node::If(i, _) => {
                for (_, cond, body) in &i.conditions {
                    self.expr(cond, imports, file);
                    self.nodes(body, imports, file);
                }
                if let Some((_, body)) = &i.otherwise {
                    self.nodes(body, imports, file);
                }
            }
            // macro definitions are walked on their own; the rest calls nothing
            _ => {}
        }
    }

    fn expr(&mut self, e: &Expr, imports: &[(String, String)], file: &str) {
        for f in &e.filters {
            for a in f.args.values() {
                self.expr(a, imports, file);
            }
        }
        self.val(&e.val, imports, file);
    }

    fn val(&mut self, v: &ExprVal, imports: &[(String, String)], file: &str) {
        match v {
            ExprVal::Math(m) => {
                self.expr(&m.lhs, imports, file);
                self.expr(&m.rhs, imports, file);
            }
            ExprVal::Logic(l) => {
                self.expr(&l.lhs, imports, file);
                self.expr(&l.rhs, imports, file);
            }
            ExprVal::In(i) => {
                self.expr(&i.lhs, imports, file);
                self.expr(&i.rhs, imports, file);
            }
            ExprVal::Test(t) => {
                for a in &t.args {
                    self.expr(a, imports, file);
                }
            }
            ExprVal::FunctionCall(f) => {
                for a in f.args.values() {
                    self.expr(a, imports, file);
                }
            }
            ExprVal::Array(items) => {
                for a in items {
                    self.expr(a, imports, file);
                }
            }
            ExprVal::StringConcat(c) => {
                for v in &c.values {
                    self.val(v, imports, file);
                }
            }
            ExprVal::MacroCall(call) => {
                for a in call.args.values() {
                    self.expr(a, imports, file);
                }
                let target = if call.namespace == "self" {
                    Some(file)
                } else {
                    imports
                        .iter()
                        .find(|(_, ns)| *ns == call.namespace)
                        .map(|(f, _)| f.as_str())
                };
                if let Some(target) = target {
                    self.0.insert(format!("{target}::{}", call.name));
                }
            }
            ExprVal::String(_)
            | ExprVal::Int(_)
            | ExprVal::Float(_)
            | ExprVal::Bool(_)
            | ExprVal::Ident(_) => {}
        }
    }
}

/// Refuses a macro or template that calls itself, directly or through others
/// (Tera would recurse without a limit until the stack overflows).
pub fn check_recursion(tera: &Tera) -> Result<(), DocumentError> {
    let mut graph: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for (file, template) in &tera.templates {
        let imports = &template.imported_macro_files;
        let mut calls = Calls::default();
        calls.nodes(&template.ast, imports, file);
        if let Some(parent) = &template.parent {
            calls.0.insert(parent.clone());
        }
        graph.insert(file.clone(), calls.0);
        for (name, m) in &template.macros {
            let mut calls = Calls::default();
            calls.nodes(&m.body, imports, file);
            graph.insert(format!("{file}::{name}"), calls.0);
        }
    }
    // depth-first search without recursion: 0 unseen, 1 on the path, 2 done
    let mut state: BTreeMap<&str, u8> = BTreeMap::new();
    for start in graph.keys() {
        if state.get(start.as_str()).copied().unwrap_or(0) != 0 {
            continue;
        }
        let mut path: Vec<(&str, Vec<&str>)> = vec![(start, next(&graph, start))];
        state.insert(start, 1);
        while let Some((node, rest)) = path.last_mut() {
            let node: &str = node;
            match rest.pop() {
                Some(child) => match state.get(child).copied().unwrap_or(0) {
                    0 => {
                        state.insert(child, 1);
                        path.push((child, next(&graph, child)));
                    }
                    1 => {
                        let from = path.iter().position(|(n, _)| *n == child).unwrap_or(0);
                        let mut cycle: Vec<&str> = path[from..].iter().map(|(n, _)| *n).collect();
                        cycle.push(child);
                        let template = child.split("::").next().unwrap_or(child);
                        return Err(refused(
                            template,
                            format!(
                                "{child} calls itself ({}): recursion is not allowed in templates",
                                cycle.join(" → ")
                            ),
                        ));
                    }
                    _ => {}
                },
                None => {
                    state.insert(node, 2);
                    path.pop();
                }
            }
        }
    }
    Ok(())
}

fn next<'g>(graph: &'g BTreeMap<String, BTreeSet<String>>, node: &str) -> Vec<&'g str> {
    graph
        .get(node)
        .map(|calls| {
            calls
                .iter()
                .filter_map(|c| graph.get_key_value(c.as_str()).map(|(k, _)| k.as_str()))
                .collect()
        })
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn engine(templates: &[(&str, &str)]) -> Result<Tera, DocumentError> {
        for (n, t) in templates {
            check_nesting(n, t)?;
        }
        let mut tera = Tera::default();
        restrict(&mut tera);
        tera.add_raw_templates(templates.iter().copied())
            .map_err(|e| refused("t", e.to_string()))?;
        check_recursion(&tera)?;
        Ok(tera)
    }

    fn message(e: DocumentError) -> String {
        e.to_string()
    }

    #[test]
    fn recursion_through_macros_and_includes_is_refused() {
        let direct = "{% macro f(n) %}{{ self::f(n=n) }}{% endmacro f %}";
        let e = message(engine(&[("m", direct)]).err().unwrap());
        assert!(e.contains("m::f calls itself"), "{e}");
        let mutual = "{% macro a() %}{{ self::b() }}{% endmacro a %}{% macro b() %}{% if true %}{{ self::a() | upper }}{% endif %}{% endmacro b %}";
        let e = message(engine(&[("m", mutual)]).err().unwrap());
        assert!(e.contains("recursion is not allowed"), "{e}");
        let e = message(engine(&[("x", "{% include \"x\" %}")]).err().unwrap());
        assert!(e.contains("x calls itself"), "{e}");
        // through an import
        let lib = "{% import \"main\" as main %}{% macro g() %}{{ main::h() }}{% endmacro g %}";
        let main = "{% import \"lib\" as lib %}{% macro h() %}{{ lib::g() }}{% endmacro h %}";
        assert!(engine(&[("lib", lib), ("main", main)]).is_err());
        // a macro calling another is fine
        let fine = "{% macro a() %}{{ self::b() }}{% endmacro a %}{% macro b() %}b{% endmacro b %}{{ self::a() }}";
        let tera = engine(&[("m", fine)]).unwrap();
        assert_eq!(tera.render("m", &tera::Context::new()).unwrap(), "b");
    }

    #[test]
    fn environment_and_huge_ranges_are_refused() {
        let tera = engine(&[
            ("env", "{{ get_env(name=\"HOME\") }}"),
            ("big", "{% for i in range(end=1000000000) %}x{% endfor %}"),
            (
                "small",
                "{% for i in range(start=2, end=9, step_by=3) %}{{ i }}{% endfor %}",
            ),
        ])
        .unwrap();
        let ctx = tera::Context::new();
        let chain = |e: tera::Error| {
            let mut m = e.to_string();
            let mut s = std::error::Error::source(&e);
            while let Some(x) = s {
                m.push_str(&x.to_string());
                s = x.source();
            }
            m
        };
        let e = chain(tera.render("env", &ctx).unwrap_err());
        assert!(e.contains("get_env is not available"), "{e}");
        let e = chain(tera.render("big", &ctx).unwrap_err());
        assert!(e.contains("at most 100000"), "{e}");
        assert_eq!(tera.render("small", &ctx).unwrap(), "258");
    }

    #[test]
    fn deep_nesting_is_refused_before_parsing() {
        let deep = "{% if true %}".repeat(5000) + &"{% endif %}".repeat(5000);
        let e = message(engine(&[("d", &deep)]).err().unwrap());
        assert!(e.contains("line 1: blocks nested deeper than 64"), "{e}");
        let brackets = format!("{{{{ {}1{} }}}}", "(".repeat(3000), ")".repeat(3000));
        let e = message(engine(&[("b", &brackets)]).err().unwrap());
        assert!(e.contains("brackets nested deeper"), "{e}");
        // a quoted bracket and a raw block do not count
        let fine = "{{ \"((((\" }}{% raw %}{% if %}{% endraw %}";
        assert!(engine(&[("f", fine)]).is_ok());
    }
}
