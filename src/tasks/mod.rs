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

/// A clause of a goal that is not taken as a task, with why: nothing is dropped silently.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct NotTask {
    pub text: String,
    pub why: String,
}

/// The tasks of a goal, and the clauses that are not tasks.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Extracted {
    pub tasks: Vec<Task>,
    pub not_tasks: Vec<NotTask>,
}

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
/// with it, unless the goal has nothing else. An item counted in running text (一是…, 第一，…)
/// has no heading: its caller passes an empty title, and its first sentence is a task.
pub fn extract(text: &str, title: &str, rules: &TaskRules, vocab: &Vocabulary) -> Extracted {
    let body = text
        .strip_prefix(title)
        .filter(|_| !title.is_empty())
        .unwrap_or(text);
    let found = clauses(body, rules, vocab);
    // A goal that is all title (（二）新建污水管网30公里。) is its own task.
    if found.tasks.is_empty() && body.len() < text.len() {
        let from_title = clauses(title, rules, vocab);
        if !from_title.tasks.is_empty() {
            return from_title;
        }
    }
    found
}

fn clauses(body: &str, rules: &TaskRules, vocab: &Vocabulary) -> Extracted {
    let mut out = Extracted::default();
    for clause in body.split(CLAUSE_ENDS).flat_map(measured_parts) {
        let clause = without_adverb(trim_clause(clause), rules);
        if clause.is_empty() || out.tasks.iter().any(|t| t.text == clause) {
            continue;
        }
        match why_not_task(clause, rules, vocab) {
            None => out.tasks.push(Task {
                text: clause.to_string(),
            }),
            Some(why) => out.not_tasks.push(NotTask {
                text: clause.to_string(),
                why,
            }),
        }
    }
    out
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

/// Why a clause is not a task, or `None` when it is one: a task does not go on from the
/// clause before it, has `[tasks] min_chars` to `max_chars` Chinese characters, does not
/// open with a framing word nor hold a slogan, and holds at least `min_distinctive` grams
/// that are rare in the genre.
fn why_not_task(clause: &str, rules: &TaskRules, vocab: &Vocabulary) -> Option<String> {
    // 今年拟发行建设国债1100亿元，比上年减少300亿元: the second clause names no subject of
    // its own; judged alone, its comparison words found other figures' sentences.
    if let Some(p) = rules.continuation(clause) {
        return Some(format!("goes on from the clause before it (matches `{p}`)"));
    }
    let han = han_count(clause);
    if han < rules.min_chars {
        return Some(format!("under min_chars ({han} Chinese characters)"));
    }
    if han > rules.max_chars {
        return Some(format!("over max_chars ({han} Chinese characters)"));
    }
    if let Some(w) = rules
        .framing
        .iter()
        .find(|w| clause.starts_with(w.as_str()))
    {
        return Some(format!("opens with the framing word “{w}”"));
    }
    // 以生态优先、绿色发展为引领推进长江经济带发展: a frame (以…为引领) that opens a
    // clause with an action after it frames that action, which is judged on its own.
    let clause = framed_action(clause, rules).unwrap_or(clause);
    if let Some(w) = rules.slogans.iter().find(|w| clause.contains(w.as_str())) {
        return Some(format!("holds the slogan “{w}”"));
    }
    if let Some(p) = rules.statement(clause) {
        return Some(format!("states, and commits to nothing (matches `{p}`)"));
    }
    let mut distinctive = 0;
    vocab::grams(clause, |k| {
        if vocab.idf(k) >= rules.distinctive_idf {
            distinctive += 1;
        }
    });
    (distinctive < rules.min_distinctive)
        .then(|| "nothing distinctive in it (no word rare in the genre)".to_string())
}

/// A clause without the adverb of `[tasks] adverbs` it opens with (坚持不懈地进行…斗争):
/// the adverb says how the action is done, is common in the genre, and is no part of what
/// the task commits to; left on, its framing word (坚持) would throw the task out. Likewise
/// without a lead-in of `lead_ins` (节能减排的关键是节约能源), whose copula would make the
/// clause a statement.
fn without_adverb<'a>(clause: &'a str, rules: &TaskRules) -> &'a str {
    let clause = rules
        .adverbs
        .iter()
        .find_map(|a| clause.strip_prefix(a.as_str()))
        .unwrap_or(clause);
    rules
        .lead_ins
        .iter()
        .find_map(|re| {
            re.find(clause)
                .filter(|m| m.start() == 0 && m.end() < clause.len())
        })
        .map_or(clause, |m| &clause[m.end()..])
}

/// What follows a frame that opens a clause (以…为引领, 以…为统领: a slogan of the rules
/// that begins with 为, in a clause that begins with 以), when that is long enough to be a
/// task.
fn framed_action<'a>(clause: &'a str, rules: &TaskRules) -> Option<&'a str> {
    if !clause.starts_with('以') {
        return None;
    }
    let (at, w) = rules
        .slogans
        .iter()
        .filter(|w| w.starts_with('为'))
        .filter_map(|w| clause.find(w.as_str()).map(|at| (at, w)))
        .min()?;
    let rest = &clause[at + w.len()..];
    (han_count(rest) >= rules.min_chars).then_some(rest)
}

/// How many Chinese characters a text holds.
fn han_count(text: &str) -> usize {
    text.chars().filter(|&c| crate::targets::is_cjk(c)).count()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::Rules;

    fn tasks(text: &str, title: &str) -> Vec<String> {
        let rules = Rules::from_defaults().unwrap();
        let vocab = Vocabulary::builtin(&rules.tasks.generic);
        extract(text, title, &rules.tasks, &vocab)
            .tasks
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

    /// The weighing of the situation that opens a plan is no task: nobody checks 我国发展仍
    /// 处于重要战略机遇期 against the review.
    #[test]
    fn the_weighing_of_the_situation_is_not_a_task() {
        let t = tasks(
            "我国发展仍处于重要战略机遇期，有利条件和不利因素并存。综合考虑各方面因素，新建某某保障性住房200万套。",
            "",
        );
        assert_eq!(t, ["新建某某保障性住房200万套"]);
    }

    /// A comparison with an earlier year goes on from the clause before it and names no
    /// subject of its own: it is no task. A clause that only mentions last year further on,
    /// or that reads 同比 inside it, is still one.
    #[test]
    fn a_comparison_with_last_year_is_no_task_of_its_own() {
        let t = tasks(
            "今年拟发行某某建设债券900亿元，比上年减少200亿元。某某专项资金增加60亿元，较2019年增长12%，同比增长8%。巩固比上年扩大的某某试点范围，新建某某泵站同比增加3座。",
            "",
        );
        assert_eq!(
            t,
            [
                "今年拟发行某某建设债券900亿元",
                "某某专项资金增加60亿元",
                "巩固比上年扩大的某某试点范围",
                "新建某某泵站同比增加3座"
            ]
        );
    }

    /// A clause that states a fact or a judgement with 是 commits to nothing and is no task;
    /// 是 in 特别是 or 实事求是 is no copula, a clause that opens with 是 keeps its action,
    /// and a lead-in (节能减排的关键是, 初步打算) is cut off the action it names; alone, it is
    /// no task.
    #[test]
    fn a_statement_is_no_task_and_a_lead_in_is_cut_off() {
        let t = tasks(
            "某某教育是国家发展的基石。某某改革的重点，是健全某某财政体系。节能减排的关键是节约某某能源。抓好农业特别是某某粮食生产。实事求是地提出某某预期目标。",
            "",
        );
        assert!(!t.iter().any(|t| t.contains("基石")), "{t:?}");
        let after_lead_in = tasks("初步打算，新建某某泵站3座。初步打算新建某某公园2个。", "");
        assert_eq!(after_lead_in, ["新建某某泵站3座", "新建某某公园2个"]);
        for task in [
            "是健全某某财政体系",
            "节约某某能源",
            "抓好农业特别是某某粮食生产",
            "实事求是地提出某某预期目标",
        ] {
            assert!(t.iter().any(|t| t == task), "{task} in {t:?}");
        }
    }

    /// Every clause that is not a task is listed with why, so nothing is dropped silently.
    #[test]
    fn clauses_not_taken_are_listed_with_why() {
        let rules = Rules::from_defaults().unwrap();
        let vocab = Vocabulary::builtin(&rules.tasks.generic);
        let got = extract(
            "扩大有效投资。要坚持稳中求进，着力推动高质量发展。新开工改造城镇老旧小区5.3万个。",
            "扩大有效投资",
            &rules.tasks,
            &vocab,
        );
        assert_eq!(got.tasks.len(), 1);
        let why: Vec<(&str, &str)> = got
            .not_tasks
            .iter()
            .map(|n| (n.text.as_str(), n.why.as_str()))
            .collect();
        assert_eq!(why.len(), 2, "{why:?}");
        assert_eq!(why[0].0, "要坚持稳中求进");
        assert!(why[0].1.contains("要坚持"), "{why:?}");
        assert_eq!(why[1].0, "着力推动高质量发展");
        assert!(why[1].1.contains("distinctive"), "{why:?}");
    }

    /// A frame that opens a clause (以…为引领) does not hide the action after it; a frame
    /// with nothing after it is still a slogan.
    #[test]
    fn an_action_after_a_frame_is_a_task() {
        let t = tasks(
            "以生态优先、绿色发展为引领推进长江经济带发展。以新时代中国特色社会主义思想为指导。",
            "",
        );
        assert_eq!(t, ["以生态优先、绿色发展为引领推进长江经济带发展"]);
    }

    /// An adverb of the rules that opens a task is cut off: its framing word (坚持) does
    /// not throw the task out, and the adverb is not matched against the review.
    #[test]
    fn an_opening_adverb_is_cut_off() {
        let t = tasks("坚持不懈地开展文化市场专项整治。坚持稳中求进。", "");
        assert_eq!(t, ["开展文化市场专项整治"]);
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
