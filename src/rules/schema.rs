//! The rules schema: every table and key a rules file may hold, with its kind and meaning.
//!
//! [`super::check`] walks a parsed file against [`SCHEMA`], so an unknown key is reported with
//! its line and a suggestion, and a value of the wrong kind is reported where it stands.
//! `rules/default.toml` documents every key listed here (a test checks it).

/// What a key holds.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Kind {
    /// A number in `min..=max`.
    Number {
        min: f64,
        max: f64,
    },
    /// A whole number in `min..=max`.
    Integer {
        min: i64,
        max: i64,
    },
    Bool,
    /// A list of words.
    Words,
    /// A list of regular expressions.
    Regexes,
    /// A list of lists of words.
    Groups,
    /// A regular expression.
    Regex,
}

/// A key of a table.
#[derive(Debug, Clone, Copy)]
pub struct Key {
    pub name: &'static str,
    pub kind: Kind,
    pub doc: &'static str,
}

/// A table of the rules file; `array` tables are written `[[name]]` and may repeat.
#[derive(Debug, Clone, Copy)]
pub struct Table {
    pub name: &'static str,
    pub array: bool,
    pub doc: &'static str,
    pub keys: &'static [Key],
}

const fn key(name: &'static str, kind: Kind, doc: &'static str) -> Key {
    Key { name, kind, doc }
}

const UNIT: Kind = Kind::Number { min: 0.0, max: 1.0 };
const REPLACE: Key = key(
    "replace",
    Kind::Bool,
    "true: this table's lists replace the earlier layers' instead of adding to them",
);

/// The keys of `[[pin]]` and `[[block]]`, which address a goal and an item alike.
const PAIR_KEYS: &[Key] = &[
    key("goal", Kind::Regex, "pattern of the goal's text"),
    key("item", Kind::Regex, "pattern of the summary item's text"),
];

/// Every table and key of the rules.
pub const SCHEMA: &[Table] = &[
    Table {
        name: "tasks",
        array: false,
        doc: "how tasks are picked out of goals and judged sentence by sentence",
        keys: &[
            REPLACE,
            key(
                "threshold",
                UNIT,
                "smallest share of a task's weight a review sentence must hold to report on it",
            ),
            key(
                "resume_threshold",
                UNIT,
                "smallest share, each way, at which a promise made again after a gap is the same",
            ),
            key(
                "power",
                Kind::Number { min: 0.5, max: 8.0 },
                "a gram weighs its rarity to this power",
            ),
            key(
                "absent_weight",
                UNIT,
                "factor on the weight of a task's words that the review never uses",
            ),
            key(
                "list_exponent",
                Kind::Number { min: 0.0, max: 4.0 },
                "each member of a list of k members weighs k to the minus this power",
            ),
            key(
                "near_number",
                UNIT,
                "share of a number's weight that a sentence with a near figure covers",
            ),
            key(
                "near_ratio",
                Kind::Number {
                    min: 1.0,
                    max: 100.0,
                },
                "a figure is near a task's within this factor either way, in the same unit",
            ),
            key(
                "min_mass",
                Kind::Number {
                    min: 0.0,
                    max: 100000.0,
                },
                "least weight of a task a sentence must hold to report on it",
            ),
            key(
                "candidate_weight",
                Kind::Number {
                    min: 0.0,
                    max: 10000.0,
                },
                "smallest weight of a shared gram that makes a sentence a candidate",
            ),
            key(
                "distinctive_idf",
                Kind::Number {
                    min: 0.0,
                    max: 20.0,
                },
                "rarity in the genre from which a gram is distinctive",
            ),
            key(
                "min_distinctive",
                Kind::Integer { min: 0, max: 20 },
                "distinctive grams a clause needs to be a task",
            ),
            key(
                "min_chars",
                Kind::Integer { min: 1, max: 40 },
                "fewest Chinese characters in a task",
            ),
            key(
                "max_chars",
                Kind::Integer { min: 4, max: 400 },
                "most Chinese characters in a task",
            ),
            key(
                "framing",
                Kind::Words,
                "words that open a framing clause, never a task",
            ),
            key(
                "adverbs",
                Kind::Words,
                "adverbs that open a task and are no part of it",
            ),
            key(
                "slogans",
                Kind::Words,
                "phrases that make a clause framing wherever they stand",
            ),
            key(
                "generic",
                Kind::Words,
                "words that weigh as little as the commonest words of the genre",
            ),
            key(
                "not_reports",
                Kind::Regexes,
                "patterns of review sentences that report on nothing (thanks, lessons), never evidence",
            ),
            key(
                "continuations",
                Kind::Regexes,
                "patterns of plan clauses that go on from the clause before them (比上年减少300亿元), never tasks",
            ),
            key(
                "statements",
                Kind::Regexes,
                "patterns of plan clauses that state a fact or a judgement (教育是国家发展的基石), never tasks",
            ),
            key(
                "lead_ins",
                Kind::Regexes,
                "patterns of what opens a plan clause before the action it names (节能减排的关键是), cut off",
            ),
        ],
    },
    Table {
        name: "thresholds",
        array: false,
        doc: "when a score counts",
        keys: &[
            key(
                "evidence",
                UNIT,
                "smallest score at which a summary item is evidence",
            ),
            key(
                "commitment",
                UNIT,
                "share of a commitment's name that must occur in an item",
            ),
            key(
                "max_evidence",
                Kind::Integer { min: 1, max: 20 },
                "evidence items kept per goal",
            ),
        ],
    },
    Table {
        name: "weights",
        array: false,
        doc: "weights of the score parts",
        keys: &[
            key("ngram", UNIT, "weight of the IDF-weighted bigram cosine"),
            key(
                "commitments",
                UNIT,
                "weight of the share of commitments named",
            ),
        ],
    },
    Table {
        name: "stop_phrases",
        array: false,
        doc: "boilerplate removed before comparing",
        keys: &[REPLACE, key("phrases", Kind::Words, "the phrases")],
    },
    Table {
        name: "synonyms",
        array: false,
        doc: "words read as the same",
        keys: &[
            REPLACE,
            key(
                "groups",
                Kind::Groups,
                "each group is read as its first member",
            ),
        ],
    },
    Table {
        name: "status",
        array: false,
        doc: "words that decide a status",
        keys: &[
            REPLACE,
            key("done", Kind::Words, "words that say a thing was done: met"),
            key(
                "progress",
                Kind::Words,
                "words that say it moved on: partial",
            ),
            key(
                "shortfall",
                Kind::Words,
                "words that say it fell short: missed",
            ),
            key(
                "hedges",
                Kind::Words,
                "words that turn a following done word into progress",
            ),
            key(
                "done_regex",
                Kind::Regexes,
                "patterns for done, where words are not enough",
            ),
            key("progress_regex", Kind::Regexes, "patterns for progress"),
            key("shortfall_regex", Kind::Regexes, "patterns for shortfall"),
        ],
    },
    Table {
        name: "commitments",
        array: false,
        doc: "how named commitments are picked out of a goal",
        keys: &[
            REPLACE,
            key("suffixes", Kind::Words, "words that end a name: 中心, 基金"),
            key("verbs", Kind::Words, "words a name is cut after: 加快, 的"),
            key(
                "list_heads",
                Kind::Words,
                "nouns after 等 that make a list of commitments",
            ),
            key("generic", Kind::Words, "words too vague to make a name"),
        ],
    },
    Table {
        name: "sections",
        array: false,
        doc: "heading patterns of each section kind",
        keys: &[
            REPLACE,
            key("summary", Kind::Regexes, "headings of a summary"),
            key("plan", Kind::Regexes, "headings of a plan"),
            key("problems", Kind::Regexes, "headings of a problems list"),
            key(
                "problems_intro",
                Kind::Regexes,
                "sentences that open an unheaded problems list",
            ),
        ],
    },
    Table {
        name: "require",
        array: true,
        doc: "when a goal matches `goal`, an item must contain one of `item_any`",
        keys: &[
            key("goal", Kind::Regex, "pattern of the goal's text"),
            key(
                "item_any",
                Kind::Words,
                "words of which an evidence item must hold one",
            ),
        ],
    },
    Table {
        name: "pin",
        array: true,
        doc: "this goal is evidenced by this item",
        keys: PAIR_KEYS,
    },
    Table {
        name: "block",
        array: true,
        doc: "this goal is never evidenced by this item",
        keys: PAIR_KEYS,
    },
    Table {
        name: "ignore",
        array: false,
        doc: "goals left out of the table (slogans)",
        keys: &[
            REPLACE,
            key("goals", Kind::Regexes, "patterns of goals to leave out"),
        ],
    },
];

/// Finds a table of the schema by name.
pub fn table(name: &str) -> Option<&'static Table> {
    SCHEMA.iter().find(|t| t.name == name)
}

/// The known name closest to `unknown`, when it is close enough to be a likely typo.
pub fn suggest<'a>(unknown: &str, known: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    known
        .into_iter()
        .map(|k| (strsim::jaro_winkler(unknown, k), k))
        .filter(|(score, _)| *score >= 0.8)
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, k)| k)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A misspelt key gets the closest known key as a suggestion.
    #[test]
    fn suggests_the_closest_key() {
        let keys = ["evidence", "commitment", "max_evidence"];
        assert_eq!(suggest("evidense", keys), Some("evidence"));
        assert_eq!(suggest("zzz", keys), None);
    }
}
