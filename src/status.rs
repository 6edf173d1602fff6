//! Status: decides met / partial / missed / unmentioned from the words of the evidence.
//!
//! The status words of the rules are looked for in the sentence that names a commitment,
//! nearest after the name first (甲工程完工 → done), then nearest before it, then anywhere in
//! the item. A done word preceded by a hedge (预计建成, 即将投用) counts as progress, and a
//! shortfall word that contains a done word (未完成) wins over it. A mention in the problems
//! section is a shortfall. Every verdict carries the words that decided it.

use crate::rules::StatusWords;
use serde::{Deserialize, Serialize};
use std::ops::Range;

/// The outcome for a goal or a commitment.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Status {
    Met,
    Partial,
    Missed,
    Unmentioned,
}

impl Status {
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Met => "met",
            Status::Partial => "partial",
            Status::Missed => "missed",
            Status::Unmentioned => "unmentioned",
        }
    }

    pub const ALL: [Status; 4] = [
        Status::Met,
        Status::Partial,
        Status::Missed,
        Status::Unmentioned,
    ];
}

/// What a status word says.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CueKind {
    Done,
    Progress,
    Shortfall,
}

impl CueKind {
    pub fn status(self) -> Status {
        match self {
            CueKind::Done => Status::Met,
            CueKind::Progress => Status::Partial,
            CueKind::Shortfall => Status::Missed,
        }
    }
}

/// A status word found in text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Cue {
    pub kind: CueKind,
    /// The word as found, with its hedge if one turned done into progress (预计…建成).
    pub word: String,
    pub span: Range<usize>,
}

/// A decision and the reason for it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Verdict {
    pub status: Status,
    /// Plain words: why this status.
    pub reason: String,
    /// The status words that decided it.
    pub words: Vec<String>,
}

impl Verdict {
    pub fn new(status: Status, reason: impl Into<String>, words: Vec<String>) -> Verdict {
        Verdict {
            status,
            reason: reason.into(),
            words,
        }
    }
}

/// How many bytes before a done word a hedge may stand (six CJK characters).
const HEDGE_REACH: usize = 18;

/// Every status word in `text`, in order. Shortfall words are found first and the words
/// inside them are not found again; at one place a pattern of the rules, then the longest
/// word, wins (see [`StatusWords`]).
pub fn find_cues(text: &str, words: &StatusWords) -> Vec<Cue> {
    let mut cues: Vec<Cue> = Vec::new();
    let lists = [
        (CueKind::Shortfall, &words.shortfall_regex),
        (CueKind::Done, &words.done_regex),
        (CueKind::Progress, &words.progress_regex),
    ];
    for (kind, patterns) in lists {
        for span in patterns
            .iter()
            .flat_map(|re| re.find_iter(text).map(|m| m.range()))
        {
            if cues.iter().any(|c| overlaps(&c.span, &span)) {
                continue;
            }
            cues.push(Cue {
                kind,
                word: text[span.clone()].to_string(),
                span,
            });
        }
    }
    for cue in cues.iter_mut().filter(|c| c.kind == CueKind::Done) {
        let from = floor_char(text, cue.span.start.saturating_sub(HEDGE_REACH));
        let before = &text[from..cue.span.start];
        let clause_start = before.rfind(['，', ',', '、']).map_or(0, |p| p + 1);
        let before = &before[floor_char(before, clause_start)..];
        if let Some(hedge) = words.hedges.iter().find(|h| before.contains(h.as_str())) {
            cue.kind = CueKind::Progress;
            cue.word = format!("{hedge}…{}", cue.word);
        }
    }
    cues.sort_by_key(|c| c.span.start);
    cues
}

fn overlaps(a: &Range<usize>, b: &Range<usize>) -> bool {
    a.start < b.end && b.start < a.end
}

fn floor_char(text: &str, mut i: usize) -> usize {
    i = i.min(text.len());
    while !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// Judges one mention of a commitment at `mention` in a unit's `text`, whose `sentence`
/// (a byte range of `text`) holds the mention.
pub fn judge_mention(
    text: &str,
    sentence: &Range<usize>,
    in_problems: bool,
    mention: Range<usize>,
    words: &StatusWords,
) -> Verdict {
    let sentence = sentence.clone();
    let cues = find_cues(&text[sentence.clone()], words);
    let rel =
        mention.start.saturating_sub(sentence.start)..mention.end.saturating_sub(sentence.start);
    if in_problems {
        let word = cues.iter().find(|c| c.kind == CueKind::Shortfall);
        return Verdict::new(
            Status::Missed,
            "named in the problems section",
            word.map(|c| c.word.clone()).into_iter().collect(),
        );
    }
    let after = cues.iter().find(|c| c.span.start >= rel.end);
    let before = cues.iter().rev().find(|c| c.span.end <= rel.start);
    if let Some(c) = after.or(before) {
        let reason = format!("“{}” in the sentence that names it", c.word);
        return Verdict::new(c.kind.status(), reason, vec![c.word.clone()]);
    }
    match find_cues(text, words).first() {
        Some(c) => Verdict::new(
            c.kind.status(),
            format!("“{}” in the same item", c.word),
            vec![c.word.clone()],
        ),
        None => Verdict::new(
            Status::Partial,
            "mentioned, but no word says it was done",
            vec![],
        ),
    }
}

/// Judges a goal from its best evidence: the sentence most like the goal, then its item.
/// Precedence inside a scope: shortfall, then done, then progress.
pub fn judge_evidence(
    text: &str,
    in_problems: bool,
    sentence: Range<usize>,
    words: &StatusWords,
) -> Verdict {
    if in_problems {
        return Verdict::new(
            Status::Missed,
            "matched an item of the problems section",
            vec![],
        );
    }
    for (scope, place) in [
        (&text[sentence], "the matching sentence"),
        (text, "the matching item"),
    ] {
        let cues = find_cues(scope, words);
        for kind in [CueKind::Shortfall, CueKind::Done, CueKind::Progress] {
            if let Some(c) = cues.iter().find(|c| c.kind == kind) {
                let reason = format!("“{}” in {place}", c.word);
                return Verdict::new(kind.status(), reason, vec![c.word.clone()]);
            }
        }
    }
    Verdict::new(
        Status::Partial,
        "matched, but no word says it was done",
        vec![],
    )
}

/// Combines the verdicts of several mentions of one commitment: done anywhere wins, then
/// shortfall, then progress.
pub fn combine_mentions(verdicts: &[Verdict]) -> Option<&Verdict> {
    [Status::Met, Status::Missed, Status::Partial]
        .iter()
        .find_map(|s| verdicts.iter().find(|v| v.status == *s))
}

/// Combines a goal's own verdict (from its evidence, if any) with its commitments'.
pub fn combine_goal(text: Option<&Verdict>, commitments: &[Status]) -> Verdict {
    let count = |s| commitments.iter().filter(|c| **c == s).count();
    let (met, missed) = (count(Status::Met), count(Status::Missed));
    let unmentioned = count(Status::Unmentioned);
    let n = commitments.len();
    let words = text.map(|v| v.words.clone()).unwrap_or_default();
    if n > 0 && met == n {
        return Verdict::new(Status::Met, format!("all {n} commitments met"), words);
    }
    if n > 0 && unmentioned < n {
        if missed == n - unmentioned && met == 0 && !commitments.contains(&Status::Partial) {
            return Verdict::new(
                Status::Missed,
                format!("{missed} of {n} commitments missed, none met"),
                words,
            );
        }
        return Verdict::new(
            Status::Partial,
            format!("{met} of {n} commitments met, {unmentioned} never mentioned"),
            words,
        );
    }
    match text {
        None => Verdict::new(Status::Unmentioned, "no summary item matches", vec![]),
        Some(v) if n > 0 && v.status == Status::Met => Verdict::new(
            Status::Partial,
            format!("{}; but none of its {n} commitments is named", v.reason),
            words,
        ),
        Some(v) => v.clone(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::Rules;
    use crate::similarity::sentences;

    fn words() -> StatusWords {
        Rules::from_defaults().unwrap().status
    }

    fn sentence_of(text: &str, at: usize) -> Range<usize> {
        sentences(text)
            .into_iter()
            .find(|r| r.contains(&at))
            .unwrap()
    }

    fn mention(text: &str, name: &str) -> Status {
        let start = text.find(name).unwrap();
        let sentence = sentence_of(text, start);
        judge_mention(text, &sentence, false, start..start + name.len(), &words()).status
    }

    /// The status word nearest after the name decides.
    #[test]
    fn nearest_word_after_the_name_decides() {
        let text = "甲工程、乙管线等项目完工,丙水厂一期推进顺利。";
        assert_eq!(mention(text, "甲工程"), Status::Met);
        assert_eq!(mention(text, "丙水厂"), Status::Partial);
    }

    /// A hedge before a done word makes it progress.
    #[test]
    fn hedged_done_is_progress() {
        assert_eq!(
            mention("甲路段预计年底建成投用。", "甲路段"),
            Status::Partial
        );
        let cues = find_cues("预计年底建成", &words());
        assert_eq!(cues[0].word, "预计…建成");
    }

    /// A shortfall word wins over the done word inside it.
    #[test]
    fn shortfall_contains_done() {
        assert_eq!(mention("甲项目未完成年度目标。", "甲项目"), Status::Missed);
    }

    /// A status pattern of the rules decides where a word list would not.
    #[test]
    fn status_patterns_decide() {
        let cues = find_cues("甲项目如期完成", &words());
        assert_eq!(cues[0].word, "如期完成");
        assert_eq!(cues[0].kind, CueKind::Done);
        let cues = find_cues("甲项目未能按期交付", &words());
        assert_eq!(cues[0].kind, CueKind::Shortfall);
    }

    /// A mention in the problems section is a shortfall.
    #[test]
    fn problems_mention_is_missed() {
        let text = "甲路用地为基本农田,无法建设。";
        let v = judge_mention(text, &sentence_of(text, 0), true, 0..6, &words());
        assert_eq!(v.status, Status::Missed);
        assert_eq!(v.words, ["无法"]);
    }

    /// Only some commitments met makes the goal partial; all met makes it met.
    #[test]
    fn goal_combines_commitments() {
        use Status::*;
        assert_eq!(combine_goal(None, &[Met, Met]).status, Met);
        assert_eq!(combine_goal(None, &[Met, Unmentioned]).status, Partial);
        assert_eq!(combine_goal(None, &[Missed, Unmentioned]).status, Missed);
        assert_eq!(combine_goal(None, &[Unmentioned]).status, Unmentioned);
        assert_eq!(combine_goal(None, &[]).status, Unmentioned);
    }
}
