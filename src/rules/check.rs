//! Validation of one rules file, with the place of every problem.
//!
//! The file is parsed with `toml_edit`, which keeps the span of every key and value, and
//! walked against [`SCHEMA`]: unknown tables and keys (with a "did you mean"), values of the
//! wrong kind or out of range, regexes that do not compile, words listed twice, synonym
//! groups repeated, a word that is both done and shortfall, and a pair both pinned and
//! blocked. Every problem is collected; none stops the walk.

use super::line_col;
use super::schema::{self, Kind, Table, SCHEMA};
use regex::Regex;
use std::collections::HashMap;
use std::fmt;
use std::ops::Range;
use toml_edit::{ImDocument, Item, TableLike, Value};

/// A problem in a rules file, with its place.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    pub file: String,
    pub line: usize,
    pub col: usize,
    /// The dotted key the problem is about (`thresholds.evidence`, `pin[2].item`).
    pub key: String,
    pub message: String,
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}:{}:{}: `{}`: {}",
            self.file, self.line, self.col, self.key, self.message
        )
    }
}

/// All problems of one or more rules files.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RulesError(pub Vec<Problem>);

impl fmt::Display for RulesError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let n = self.0.len();
        write!(
            f,
            "{n} problem{} in the rules:",
            if n == 1 { "" } else { "s" }
        )?;
        for p in &self.0 {
            write!(f, "\n  {p}")?;
        }
        Ok(())
    }
}

impl std::error::Error for RulesError {}

struct Walker<'a> {
    text: &'a str,
    file: &'a str,
    problems: Vec<Problem>,
    /// Words of the status lists: (word, list) → span, to find contradictions.
    status_words: Vec<(String, &'static str, Range<usize>)>,
    /// Pinned and blocked pairs: (goal, item) → (table, span).
    pairs: HashMap<(String, String), (&'static str, Range<usize>)>,
}

/// Checks a rules file's text; `file` names it in problems.
pub fn check_text(text: &str, file: &str) -> Vec<Problem> {
    let mut w = Walker {
        text,
        file,
        problems: Vec::new(),
        status_words: Vec::new(),
        pairs: HashMap::new(),
    };
    let doc = match ImDocument::parse(text) {
        Ok(doc) => doc,
        Err(e) => {
            let message = e.message().trim().to_string();
            let key = key_at(text, e.span().map_or(0, |s| s.start));
            w.push(e.span(), &key, message);
            return w.problems;
        }
    };
    for (name, item) in doc.iter() {
        let key_span = doc.get_key_value(name).and_then(|(k, _)| k.span());
        let Some(table) = schema::table(name) else {
            let hint = did_you_mean(name, SCHEMA.iter().map(|t| t.name));
            w.push(key_span, name, format!("unknown table{hint}"));
            continue;
        };
        w.table_item(table, item, key_span);
    }
    w.contradictions();
    w.problems.sort_by_key(|p| (p.line, p.col));
    w.problems
}

/// The dotted key of the `key = value` line holding byte `offset` (`thresholds.max_evidence`),
/// for a syntax error: empty when the line is not an assignment.
fn key_at(text: &str, offset: usize) -> String {
    let offset = offset.min(text.len());
    let start = text[..offset].rfind('\n').map_or(0, |i| i + 1);
    let line = text[start..].lines().next().unwrap_or("");
    let Some((key, _)) = line.split_once('=') else {
        return String::new();
    };
    let key = key.trim().trim_matches('"');
    let table = text[..start]
        .lines()
        .rev()
        .map(str::trim)
        .find(|l| l.starts_with('['))
        .map(|l| l.trim_matches(|c| c == '[' || c == ']').trim());
    match table {
        Some(t) if !key.is_empty() => format!("{t}.{key}"),
        _ => key.to_string(),
    }
}

fn did_you_mean<'a>(unknown: &str, known: impl IntoIterator<Item = &'a str>) -> String {
    schema::suggest(unknown, known).map_or(String::new(), |k| format!("; did you mean `{k}`?"))
}

impl Walker<'_> {
    fn push(&mut self, span: Option<Range<usize>>, key: &str, message: String) {
        let (line, col) = line_col(self.text, span.map_or(0, |s| s.start));
        self.problems.push(Problem {
            file: self.file.to_string(),
            line,
            col,
            key: key.to_string(),
            message,
        });
    }

    fn table_item(&mut self, table: &'static Table, item: &Item, key_span: Option<Range<usize>>) {
        match (table.array, item) {
            (false, Item::Table(t)) => self.table(table, table.name.to_string(), t, t.span()),
            (false, Item::Value(Value::InlineTable(t))) => {
                self.table(table, table.name.to_string(), t, t.span())
            }
            (true, Item::ArrayOfTables(list)) => {
                for (i, t) in list.iter().enumerate() {
                    self.table(table, format!("{}[{i}]", table.name), t, t.span());
                }
            }
            (true, Item::Value(Value::Array(list))) => {
                for (i, v) in list.iter().enumerate() {
                    match v.as_inline_table() {
                        Some(t) => self.table(table, format!("{}[{i}]", table.name), t, t.span()),
                        None => self.push(v.span(), table.name, "must hold tables".into()),
                    }
                }
            }
            (true, _) => self.push(
                key_span,
                table.name,
                format!("write it as `[[{}]]`", table.name),
            ),
            (false, _) => self.push(
                key_span,
                table.name,
                format!("write it as `[{}]`", table.name),
            ),
        }
    }

    /// Checks the keys of one table; `at` is where the table starts.
    fn table(
        &mut self,
        schema: &'static Table,
        path: String,
        t: &dyn TableLike,
        at: Option<Range<usize>>,
    ) {
        for (name, item) in t.iter() {
            let key_span = t.get_key_value(name).and_then(|(k, _)| k.span());
            let full = format!("{path}.{name}");
            let Some(key) = schema.keys.iter().find(|k| k.name == name) else {
                let hint = did_you_mean(name, schema.keys.iter().map(|k| k.name));
                self.push(key_span, &full, format!("unknown key{hint}"));
                continue;
            };
            match item.as_value() {
                Some(v) => self.value(schema.name, key.name, key.kind, &full, v),
                None => self.push(key_span, &full, "must be a value, not a table".into()),
            }
        }
        if schema.array {
            for key in schema.keys {
                if t.get(key.name).is_none() {
                    self.push(
                        at.clone(),
                        &format!("{path}.{}", key.name),
                        "missing".into(),
                    );
                }
            }
            self.remember_pair(schema.name, t);
        }
    }

    fn value(&mut self, table: &'static str, name: &'static str, kind: Kind, key: &str, v: &Value) {
        let span = v.span();
        match kind {
            Kind::Number { min, max } => {
                let n = v.as_float().or_else(|| v.as_integer().map(|i| i as f64));
                match n {
                    Some(n) if (min..=max).contains(&n) => {}
                    Some(n) => self.push(
                        span,
                        key,
                        format!("must be between {min} and {max}, not {n}"),
                    ),
                    None => self.push(span, key, "must be a number".into()),
                }
            }
            Kind::Integer { min, max } => match v.as_integer() {
                Some(n) if (min..=max).contains(&n) => {}
                Some(n) => self.push(
                    span,
                    key,
                    format!("must be between {min} and {max}, not {n}"),
                ),
                None => self.push(span, key, "must be a whole number".into()),
            },
            Kind::Bool => {
                if v.as_bool().is_none() {
                    self.push(span, key, "must be true or false".into());
                }
            }
            Kind::Regex => self.regex(key, v),
            Kind::Words | Kind::Regexes => {
                let Some(list) = v.as_array() else {
                    return self.push(span, key, "must be a list of strings".into());
                };
                let mut seen: HashMap<&str, usize> = HashMap::new();
                for (i, item) in list.iter().enumerate() {
                    let Some(s) = item.as_str() else {
                        self.push(item.span(), key, "must be a list of strings".into());
                        continue;
                    };
                    if s.trim().is_empty() {
                        let what = if kind == Kind::Regexes {
                            "pattern"
                        } else {
                            "word"
                        };
                        let msg = format!("an empty {what} matches everywhere; remove it");
                        self.push(item.span(), key, msg);
                        continue;
                    }
                    if let Some(first) = seen.insert(s, i) {
                        let msg = format!("`{s}` is listed twice (also item {})", first + 1);
                        self.push(item.span(), key, msg);
                    }
                    if kind == Kind::Regexes {
                        self.regex(key, item);
                    }
                    if table == "status" && kind == Kind::Words {
                        let span = item.span().unwrap_or(0..0);
                        self.status_words.push((s.to_string(), name, span));
                    }
                }
            }
            Kind::Groups => self.groups(key, v),
        }
    }

    fn regex(&mut self, key: &str, v: &Value) {
        match v.as_str() {
            Some(p) if p.trim().is_empty() => self.push(
                v.span(),
                key,
                "an empty pattern matches everywhere; remove it".into(),
            ),
            Some(p) => {
                if let Err(e) = Regex::new(p) {
                    let detail = e.to_string();
                    let detail = detail
                        .lines()
                        .last()
                        .unwrap_or("")
                        .trim_start_matches("error: ");
                    self.push(v.span(), key, format!("bad regex `{p}`: {detail}"));
                }
            }
            None => self.push(
                v.span(),
                key,
                "must be a string (a regular expression)".into(),
            ),
        }
    }

    fn groups(&mut self, key: &str, v: &Value) {
        let Some(list) = v.as_array() else {
            return self.push(v.span(), key, "must be a list of lists of words".into());
        };
        let mut seen_groups: Vec<(Vec<String>, usize)> = Vec::new();
        let mut seen_words: HashMap<String, usize> = HashMap::new();
        for group in list.iter() {
            let line = line_col(self.text, group.span().map_or(0, |s| s.start)).0;
            let words: Option<Vec<String>> = group
                .as_array()
                .map(|a| a.iter().map(|w| w.as_str().map(str::to_string)).collect())
                .unwrap_or(None);
            let Some(words) = words.filter(|w| w.len() >= 2) else {
                self.push(
                    group.span(),
                    key,
                    "each group must list two or more words".into(),
                );
                continue;
            };
            if words.iter().any(|w| w.trim().is_empty()) {
                let msg = "an empty word matches everywhere; remove it".to_string();
                self.push(group.span(), key, msg);
                continue;
            }
            let mut sorted = words.clone();
            sorted.sort();
            if let Some((_, first)) = seen_groups.iter().find(|(g, _)| *g == sorted) {
                let msg = format!("this group repeats the group on line {first}");
                self.push(group.span(), key, msg);
                continue;
            }
            for w in &words {
                if let Some(first) = seen_words.get(w) {
                    let msg = format!("`{w}` is already in the group on line {first}");
                    self.push(group.span(), key, msg);
                }
            }
            for w in &words {
                seen_words.entry(w.clone()).or_insert(line);
            }
            seen_groups.push((sorted, line));
        }
    }

    fn remember_pair(&mut self, table: &'static str, t: &dyn TableLike) {
        if table != "pin" && table != "block" {
            return;
        }
        let get = |k: &str| t.get(k).and_then(|i| i.as_str()).map(str::to_string);
        let (Some(goal), Some(item)) = (get("goal"), get("item")) else {
            return;
        };
        let span = t.get("goal").and_then(|i| i.span()).unwrap_or(0..0);
        match self.pairs.get(&(goal.clone(), item.clone())) {
            Some((other, _)) if *other != table => {
                let msg = format!("this pair is also a [[{other}]]: a pair cannot be both");
                self.push(Some(span), table, msg);
            }
            Some(_) => self.push(Some(span), table, "this pair is listed twice".into()),
            None => {
                self.pairs.insert((goal, item), (table, span));
            }
        }
    }

    fn contradictions(&mut self) {
        let words = std::mem::take(&mut self.status_words);
        for (i, (w, list, span)) in words.iter().enumerate() {
            if *list == "hedges" {
                continue;
            }
            let earlier = words[..i]
                .iter()
                .find(|(v, l, _)| v == w && l != list && *l != "hedges");
            if let Some((_, other, _)) = earlier {
                let msg = format!("`{w}` is also a `{other}` word: a word decides one status");
                self.push(Some(span.clone()), &format!("status.{list}"), msg);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn problems(text: &str) -> Vec<String> {
        check_text(text, "my.toml")
            .iter()
            .map(|p| p.to_string())
            .collect()
    }

    /// Four different mistakes in one file give four problems, each with its place and key.
    #[test]
    fn reports_every_problem_with_its_place() {
        let text = "[thresholds]\nevidense = 0.2\ncommitment = 1.7\n\n[sections]\nplan = [\"(工作思路\"]\n\n[synonyms]\ngroups = [[\"高企\", \"高新技术企业\"], [\"高新技术企业\", \"高企\"]]\n";
        let p = problems(text);
        assert_eq!(p.len(), 4, "{p:#?}");
        assert!(p[0].starts_with(
            "my.toml:2:1: `thresholds.evidense`: unknown key; did you mean `evidence`?"
        ));
        assert!(p[1].starts_with(
            "my.toml:3:14: `thresholds.commitment`: must be between 0 and 1, not 1.7"
        ));
        assert!(p[2].starts_with("my.toml:6:9: `sections.plan`: bad regex"));
        assert!(p[3].starts_with(
            "my.toml:9:29: `synonyms.groups`: this group repeats the group on line 9"
        ));
    }

    /// A syntax error is reported at its place.
    #[test]
    fn reports_syntax_errors() {
        let p = problems("[thresholds\nevidence = 0.2\n");
        assert_eq!(p.len(), 1);
        assert!(p[0].starts_with("my.toml:1:"), "{p:?}");
    }

    /// A word that is both done and shortfall, and a pair both pinned and blocked, are
    /// contradictions.
    #[test]
    fn finds_contradictions() {
        let text = "[status]\ndone = [\"完成\"]\nshortfall = [\"完成\"]\n\n[[pin]]\ngoal = \"甲\"\nitem = \"乙\"\n\n[[block]]\ngoal = \"甲\"\nitem = \"乙\"\n";
        let p = problems(text);
        assert_eq!(p.len(), 2, "{p:#?}");
        assert!(p[0].contains("also a `done` word"), "{p:?}");
        assert!(p[1].contains("also a [[pin]]"), "{p:?}");
    }

    /// Unknown tables and missing keys of a [[pin]] are reported.
    #[test]
    fn unknown_tables_and_missing_keys() {
        let p = problems("[threshold]\nevidence = 0.1\n\n[[pin]]\ngoal = \"甲\"\n");
        assert!(
            p[0].contains("`threshold`: unknown table; did you mean `thresholds`?"),
            "{p:?}"
        );
        assert!(p[1].contains("`pin[0].item`: missing"), "{p:?}");
    }
}
