//! Tasks: the checkable commitments inside a goal, each judged against the review
//! sentence by sentence.
//!
//! The stages, each plain data in and out:
//! 1. [`extract`] splits a goal's text into tasks: each clause that commits to something
//!    checkable (an action on an object, with or without a number). The goal's title is not
//!    a task; framing clauses (要坚持…, 以…为指导) and clauses with nothing distinctive in
//!    them (着力推动高质量发展) are not tasks either.
//! 2. [`index::Index`] holds the review's sentences and finds, for a task, the sentences that
//!    share something distinctive with it, each with its **coverage**: the share of the
//!    task's weight (see [`vocab`]) that the sentence holds.
//! 3. [`verdict`] decides a task's status from the sentence that settles it, and a goal's
//!    status from its tasks.

pub mod index;
pub mod verdict;
pub mod vocab;

use crate::rules::TaskRules;
use vocab::Vocabulary;

/// One checkable commitment of a goal.
#[derive(Debug, Clone, PartialEq)]
pub struct Task {
    /// The clause as written, trimmed.
    pub text: String,
}

/// Characters that end a clause.
const CLAUSE_ENDS: [char; 12] = [
    '。', '；', ';', '，', ',', '！', '!', '？', '?', '：', ':', '\n',
];

/// The tasks of a goal's text. `title` (the goal's heading) is skipped where the text opens
/// with it, unless the goal has nothing else.
pub fn extract(text: &str, title: &str, rules: &TaskRules, vocab: &Vocabulary) -> Vec<Task> {
    let body = text
        .strip_prefix(title)
        .filter(|_| !title.is_empty())
        .unwrap_or(text);
    let tasks = clauses(body, rules, vocab);
    // A goal that is all title (（二）新建污水管网30公里。) is its own task.
    if tasks.is_empty() && body.len() < text.len() {
        return clauses(title, rules, vocab);
    }
    tasks
}

fn clauses(body: &str, rules: &TaskRules, vocab: &Vocabulary) -> Vec<Task> {
    let mut tasks: Vec<Task> = Vec::new();
    for clause in body.split(CLAUSE_ENDS).flat_map(measured_parts) {
        let clause = trim_clause(clause);
        if is_task(clause, rules, vocab) && !tasks.iter().any(|t| t.text == clause) {
            tasks.push(Task {
                text: clause.to_string(),
            });
        }
    }
    tasks
}

/// A list of measured targets joined by 、 (新建公园30个、绿道50公里) is one task
/// per target, each checked against its own figure; any other list stays whole.
fn measured_parts(clause: &str) -> Vec<&str> {
    let parts: Vec<&str> = clause.split('、').collect();
    if parts.len() > 1 && parts.iter().all(|p| p.bytes().any(|b| b.is_ascii_digit())) {
        parts
    } else {
        vec![clause]
    }
}

/// A clause without the spaces, list marks and brackets around it; quotation marks go only
/// where they are unpaired (打造“三个中心” keeps both).
fn trim_clause(clause: &str) -> &str {
    let clause = clause.trim_matches(|c: char| c.is_whitespace() || "、（）()".contains(c));
    let open = clause.matches('“').count();
    let close = clause.matches('”').count();
    let mut out = clause;
    if open > close {
        out = out.trim_start_matches('“');
    }
    if close > open {
        out = out.trim_end_matches('”');
    }
    out.trim_matches('"')
}

/// A clause is a task when it is long enough, does not open with a framing word, and holds
/// at least `rules.min_distinctive` grams that are rare in the genre.
fn is_task(clause: &str, rules: &TaskRules, vocab: &Vocabulary) -> bool {
    let han = clause
        .chars()
        .filter(|c| ('\u{4E00}'..='\u{9FFF}').contains(c))
        .count();
    if han < rules.min_chars || han > rules.max_chars {
        return false;
    }
    if rules.framing.iter().any(|w| clause.starts_with(w.as_str()))
        || rules.slogans.iter().any(|w| clause.contains(w.as_str()))
    {
        return false;
    }
    let mut distinctive = 0;
    vocab::grams(clause, |k| {
        if vocab.idf(k) >= rules.distinctive_idf {
            distinctive += 1;
        }
    });
    distinctive >= rules.min_distinctive
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::Rules;

    fn tasks(text: &str, title: &str) -> Vec<String> {
        let rules = Rules::from_defaults().unwrap();
        let vocab = Vocabulary::builtin(&rules.tasks.generic);
        extract(text, title, &rules.tasks, &vocab)
            .into_iter()
            .map(|t| t.text)
            .collect()
    }

    /// A goal's clauses with something to check are its tasks; its title and its slogans
    /// are not.
    #[test]
    fn clauses_with_objects_are_tasks() {
        let t = tasks(
            "扩大有效投资。要坚持稳中求进，着力推动高质量发展。新开工改造城镇老旧小区5.3万个，将2.8万亿元中央财政资金纳入直达机制。",
            "扩大有效投资",
        );
        assert_eq!(
            t,
            [
                "新开工改造城镇老旧小区5.3万个",
                "将2.8万亿元中央财政资金纳入直达机制"
            ]
        );
    }

    /// A goal that is nothing but its title is its own task.
    #[test]
    fn a_goal_of_one_clause_is_its_task() {
        assert_eq!(
            tasks("新建污水管网30公里。", "新建污水管网30公里"),
            ["新建污水管网30公里"]
        );
    }

    /// A list of measured targets is one task per target, so each is checked against its
    /// own figure.
    #[test]
    fn measured_lists_split_into_targets() {
        let t = tasks("新建公园30个、绿道50公里、停车泊位2000个。", "");
        assert_eq!(t, ["新建公园30个", "绿道50公里", "停车泊位2000个"]);
    }

    /// Paired quotation marks stay; an unpaired one left by the clause split goes.
    #[test]
    fn quotes_stay_paired() {
        let t = tasks("打造“三个中心”，完善“两个体系”，推进“一件事”改革。", "");
        assert_eq!(t, ["打造“三个中心”", "完善“两个体系”", "推进“一件事”改革"]);
    }

    /// A list joined by 、 stays one task.
    #[test]
    fn enumerations_stay_whole() {
        let t = tasks("建成图书馆东馆、少儿图书馆新馆、天文馆等公共文化设施。", "");
        assert_eq!(t, ["建成图书馆东馆、少儿图书馆新馆、天文馆等公共文化设施"]);
    }
}
