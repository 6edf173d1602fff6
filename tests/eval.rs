//! `plantrack eval` on the gold labels in tests/gold: the figures, the CI floor, and gold
//! files with mistakes.

mod common;

use common::plantrack;

/// Today's status accuracy on tests/gold is 95.5% (21 of 22 labels), targets 8 of 8; the
/// floor sits just under it, so a change that loses two labels fails CI.
const FLOOR: &str = "0.9";

/// Eval prints accuracy, precision and recall, and the confusion matrix, and passes the
/// floor.
#[test]
fn gold_labels_pass_the_floor() {
    let out = plantrack([
        "eval",
        "tests/gold/shengtaiyuan-2023.toml",
        "--min-accuracy",
        FLOOR,
    ]);
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{stdout}{}",
        String::from_utf8_lossy(&out.stderr)
    );
    for part in [
        "status accuracy",
        "precision and recall",
        "confusion matrix",
        "gold \\ predicted",
    ] {
        assert!(stdout.contains(part), "{part}");
    }
}

/// A floor above today's figure makes eval exit 1, as a CI gate would.
#[test]
fn floor_above_the_figure_exits_1() {
    let out = plantrack([
        "eval",
        "tests/fixtures/gold-levels.toml",
        "--min-accuracy",
        "0.9",
    ]);
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("below --min-accuracy"));
}

/// A gold key that matches no goal is an error that names the key, never skipped.
#[test]
fn key_matching_nothing_is_an_error() {
    let out = plantrack(["eval", "tests/fixtures/gold-no-match.toml"]);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("月球基地") && err.contains("gold-no-match.toml:11"),
        "{err}"
    );
}

/// Runs `eval` on a gold file written from `text` as `name`, with `extra` arguments;
/// asserts exit 2 and returns stderr.
fn eval_refuses(name: &str, text: &str, extra: &[&str]) -> String {
    let gold = common::TempFile::new(&format!("gold-{name}"), name, text.as_bytes());
    let mut args = vec!["eval", gold.to_str().unwrap()];
    args.extend_from_slice(extra);
    let out = plantrack(args);
    assert_eq!(out.status.code(), Some(2));
    String::from_utf8_lossy(&out.stderr).to_string()
}

/// A gold file with no labels is an error, not a check that passes having checked nothing.
#[test]
fn gold_file_without_labels_is_an_error() {
    let head = "plan = \"a.txt\"\nsummary = \"b.txt\"\nperiod = \"2023\"\n";
    let err = eval_refuses("empty.toml", head, &["--min-accuracy", "0.5"]);
    assert!(
        err.contains("empty.toml") && err.contains("nothing to score"),
        "{err}"
    );
}

/// A plan file the gold file names but that is missing is an error naming the gold file.
#[test]
fn missing_plan_names_the_gold_file() {
    let text = "plan = \"nope.txt\"\nsummary = \"nope.txt\"\nperiod = \"2023\"\n\n\
                [[label]]\nkey = \"x\"\nlevel = \"goal\"\naccept = [\"met\"]\n";
    let err = eval_refuses("missing.toml", text, &[]);
    assert!(
        err.contains("missing.toml") && err.contains("nope.txt"),
        "{err}"
    );
}

/// An unknown key in a gold file is an error with its line.
#[test]
fn unknown_gold_key_is_an_error() {
    let out = plantrack(["eval", "tests/fixtures/gold-unknown-key.toml"]);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("gold-unknown-key.toml:8") && err.contains("acept"),
        "{err}"
    );
}

/// Today's leave-one-pair-out balanced accuracy over every gold file (85.7%, measured with
/// `plantrack eval tests/gold/*.toml --folds`; it was 42.0% before tasks were judged
/// sentence by sentence); the floor sits just under it, so a change that makes the verdicts
/// worse on the development reports fails CI. The peer script (`python3 benches/peer.py`)
/// scores 67.1% on the same labels.
const BALANCED_FLOOR: f64 = 0.854;

/// Today's leave-one-pair-out evidence accuracy (76.9%: the quoted sentence holds what the
/// reader quoted, for the labels that have evidence), under its target of 85%. The floor
/// sits just under it, so that a change that quotes the wrong sentence more often fails CI.
const EVIDENCE_FLOOR: f64 = 0.765;

fn folds_json() -> serde_json::Value {
    let gold: Vec<String> = gold_files()
        .iter()
        .map(|p| p.display().to_string())
        .collect();
    let mut args = vec!["eval".to_string()];
    args.extend(gold);
    args.extend(["--folds", "--format", "json"].map(String::from));
    let out = plantrack(args);
    serde_json::from_str(&common::stdout_ok(&out, "eval --folds")).expect("eval JSON parses")
}

/// The gold files of tests/gold, sorted.
fn gold_files() -> Vec<std::path::PathBuf> {
    let mut files: Vec<_> = std::fs::read_dir(common::root().join("tests/gold"))
        .expect("tests/gold exists")
        .map(|e| e.expect("readable entry").path())
        .filter(|p| p.extension().is_some_and(|x| x == "toml"))
        .map(|p| p.strip_prefix(common::root()).unwrap().to_path_buf())
        .collect();
    files.sort();
    files
}

/// `eval --folds --format json` gives every figure per gold file and in total, each file
/// scored with a threshold chosen on the others, and the total balanced and evidence
/// accuracies hold their CI floors.
#[test]
fn folds_json_has_every_figure_and_passes_the_floor() {
    let json = folds_json();
    assert_eq!(json["folds"], true);
    let files = json["files"].as_array().expect("files is an array");
    assert_eq!(files.len(), gold_files().len());
    for f in files.iter().chain([&json["total"]]) {
        let f = f.as_object().expect("figures are an object");
        for key in [
            "labels",
            "accuracy",
            "balanced_accuracy",
            "evidence_accuracy",
        ] {
            // A file without evidence labels has `evidence_accuracy: null`, but the key.
            assert!(f.contains_key(key), "{key} missing in {f:?}");
        }
        assert!(f["labels"].as_u64().unwrap() > 0);
    }
    for key in ["balanced_accuracy", "evidence_accuracy"] {
        assert!(json["total"][key].is_f64(), "{key}");
    }
    for f in files {
        let t = f["threshold"].as_f64().expect("a threshold per file");
        assert!((0.0..=1.0).contains(&t), "{t}");
        assert!(f["min_mass"].as_f64().is_some(), "a mass floor per file");
    }
    let total = json["total"]["balanced_accuracy"].as_f64().unwrap();
    assert!(
        total >= BALANCED_FLOOR,
        "balanced accuracy {total} fell below the floor {BALANCED_FLOOR}"
    );
    let evidence = json["total"]["evidence_accuracy"].as_f64().unwrap();
    assert!(
        evidence >= EVIDENCE_FLOOR,
        "evidence accuracy {evidence} fell below the floor {EVIDENCE_FLOOR}"
    );
}

/// A balanced-accuracy floor above the figure makes eval exit 1.
#[test]
fn balanced_floor_above_the_figure_exits_1() {
    let out = plantrack([
        "eval",
        "tests/fixtures/gold-levels.toml",
        "--min-balanced-accuracy",
        "0.95",
    ]);
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("below --min-balanced-accuracy"), "{err}");
}

/// Labels at every level are found: a goal with sub-items is judged by the roll-up of its
/// leaves, a task inside a goal by the task of that name, a task in the plan's lead by the
/// lead paragraph's goal, and a task in the own text of an item with sub-items, which no
/// goal holds, is untracked and counted wrong, never skipped.
#[test]
fn labels_at_every_level_are_scored() {
    let out = plantrack([
        "eval",
        "tests/fixtures/gold-levels.toml",
        "--format",
        "json",
    ]);
    let json: serde_json::Value = serde_json::from_str(&common::stdout_ok(&out, "eval")).unwrap();
    let total = &json["total"];
    assert_eq!(total["labels"], 4);
    assert_eq!(total["goals"]["total"], 1);
    assert_eq!(total["tasks"]["total"], 3);
    assert_eq!(total["untracked"], 1);
    assert_eq!(total["confusion"]["unmentioned"]["untracked"], 1);
    assert_eq!(total["tasks"]["right"], 2, "{total}");
}

/// The development gold set is what issue 10 asks for: at least 250 labels over at least
/// six report pairs, two of them Shanghai's and one before 2013, with at least 30% of them
/// `unmentioned`, each of those saying in its note what was searched for.
#[test]
fn the_development_gold_set_is_large_and_balanced() {
    #[derive(serde::Deserialize)]
    struct Gold {
        plan: String,
        #[serde(default)]
        label: Vec<Label>,
    }
    #[derive(serde::Deserialize)]
    struct Label {
        key: String,
        accept: Vec<String>,
        note: Option<String>,
    }
    let (mut labels, mut unmentioned, mut pairs, mut shanghai, mut early) = (0, 0, 0, 0, 0);
    for path in gold_files() {
        let text = std::fs::read_to_string(common::root().join(&path)).unwrap();
        let gold: Gold = toml::from_str(&text).unwrap();
        if !gold.plan.contains("samples/reports/") {
            continue;
        }
        pairs += 1;
        shanghai += usize::from(gold.plan.contains("shanghai"));
        let year: u32 = gold
            .plan
            .trim_end_matches(".txt")
            .rsplit('-')
            .next()
            .unwrap()
            .parse()
            .unwrap();
        early += usize::from(year < 2013);
        for l in &gold.label {
            labels += 1;
            if l.accept.first().map(String::as_str) == Some("unmentioned") {
                unmentioned += 1;
                let note = l.note.as_deref().unwrap_or("");
                assert!(
                    note.contains("searched"),
                    "{}: `{}`: {note}",
                    path.display(),
                    l.key
                );
            }
        }
    }
    assert!(
        pairs >= 6 && shanghai >= 2 && early >= 1,
        "{pairs} {shanghai} {early}"
    );
    assert!(labels >= 250, "{labels}");
    assert!(unmentioned * 10 >= labels * 3, "{unmentioned} of {labels}");
}
