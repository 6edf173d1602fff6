//! Rules files: validation with places, layering that changes the table the way it says,
//! heading words that teach the outline, warnings for rules that never fire.

use serde_json::Value;
mod common;

use common::plantrack;

const COMPILATION: &str = "samples/compilation-15-h1-2023-summary-h2-plan.txt";

/// Runs `args` with each of `rules` layered on, and parses the JSON it prints.
fn json_with_rules<'a>(mut args: Vec<&'a str>, rules: &[&'a str]) -> Value {
    for r in rules {
        args.extend(["--rules", r]);
    }
    let out = plantrack(&args);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).expect("valid JSON")
}

/// The status of goal D5.S2.I7 (城市管理提效, which plans 老旧小区改造) against its own
/// body's first-half summary, with the given rules files.
fn city_goal(rules: &[&str]) -> (String, Vec<String>) {
    let args = vec![
        "track",
        COMPILATION,
        COMPILATION,
        "--plan-section",
        "D5.S2",
        "--summary-section",
        "D5.S1",
        "--format",
        "json",
    ];
    let report = json_with_rules(args, rules);
    let goal = report["goals"]
        .as_array()
        .unwrap()
        .iter()
        .find(|g| g["text"].as_str().unwrap().starts_with("加强城市管理提效"))
        .expect("the goal is in the plan");
    let ids = goal["evidence"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["id"].as_str().unwrap().to_string())
        .collect();
    (goal["status"].as_str().unwrap().to_string(), ids)
}

/// One file with a misspelt key, a threshold of 1.7, a bad regex and a repeated synonym
/// group gives four problems in one run, each with file, line, column and key; exit 2.
#[test]
fn four_mistakes_four_problems() {
    let out = plantrack(["rules", "check", "tests/fixtures/four-mistakes.toml"]);
    assert_eq!(out.status.code(), Some(2));
    let stdout = String::from_utf8(out.stdout).unwrap();
    let lines: Vec<&str> = stdout.lines().collect();
    assert_eq!(lines.len(), 4, "{stdout}");
    let expected = [
        ("3:1", "thresholds.evidense", "did you mean `evidence`?"),
        ("4:14", "thresholds.commitment", "not 1.7"),
        ("7:9", "sections.plan", "bad regex"),
        ("10:29", "synonyms.groups", "repeats the group on line 10"),
    ];
    for (line, (place, key, what)) in lines.iter().zip(expected) {
        assert!(
            line.starts_with(&format!(
                "tests/fixtures/four-mistakes.toml:{place}: `{key}`"
            )) && line.contains(what),
            "{line}"
        );
    }
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(!stderr.contains("panicked"));
    // The same file given to track fails the same way, before any work.
    let out = plantrack([
        "track",
        COMPILATION,
        COMPILATION,
        "--rules",
        "tests/fixtures/four-mistakes.toml",
    ]);
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(
        String::from_utf8_lossy(&out.stderr)
            .matches("four-mistakes.toml:")
            .count(),
        4
    );
}

/// One added synonym (旧改 = 老旧小区改造) moves a real goal from unmentioned to met; a
/// blocked pair moves it back.
#[test]
fn synonym_then_block_move_a_goal() {
    assert_eq!(city_goal(&[]).0, "unmentioned");
    let (status, evidence) = city_goal(&["tests/fixtures/old-estates-synonym.toml"]);
    assert_eq!(status, "met");
    assert!(!evidence.is_empty());
    let (status, evidence) = city_goal(&["tests/fixtures/old-estates-block.toml"]);
    assert_eq!(status, "unmentioned");
    assert!(evidence.is_empty());
}

/// A plan heading word added in a rules file makes the outline find a section it missed.
#[test]
fn heading_word_teaches_the_outline() {
    let file = "tests/fixtures/unusual-plan-heading.txt";
    let kinds = |rules: &[&str]| {
        let v = json_with_rules(vec!["outline", file, "--format", "json"], rules);
        v["documents"][0]["sections"]
            .as_array()
            .unwrap()
            .iter()
            .map(|s| s["kind"].as_str().unwrap().to_string())
            .collect::<Vec<_>>()
    };
    assert!(!kinds(&[]).contains(&"plan".to_string()));
    let taught = kinds(&["tests/fixtures/plan-heading-word.toml"]);
    assert_eq!(taught, ["summary", "problems", "plan"]);
}

/// `rules dump` prints the effective rules, the user's layer included, as TOML.
#[test]
fn dump_shows_the_layered_rules() {
    let out = plantrack([
        "rules",
        "dump",
        "--rules",
        "tests/fixtures/old-estates-synonym.toml",
    ]);
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).unwrap();
    let parsed: toml::Table = toml::from_str(&text).expect("valid TOML");
    let groups = parsed["synonyms"]["groups"].as_array().unwrap();
    assert!(groups
        .iter()
        .any(|g| g.as_array().unwrap()[1].as_str() == Some("旧改")));
    assert!(groups.len() > 1, "the defaults stay");
}

/// A rule that changes nothing is reported on stderr after the run.
#[test]
fn warns_about_rules_that_never_fire() {
    let out = plantrack([
        "track",
        COMPILATION,
        COMPILATION,
        "--plan-section",
        "D1.S2",
        "--summary-section",
        "D1.S1",
        "--rules",
        "tests/fixtures/old-estates-block.toml",
    ]);
    assert!(out.status.success());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("warning: rule [[block]]") && stderr.contains("never fired"),
        "{stderr}"
    );
}

/// A missing rules file is an input error naming the file.
#[test]
fn missing_rules_file_is_an_error() {
    let out = plantrack(["rules", "dump", "--rules", "no-such-rules.toml"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("no-such-rules.toml"));
}

/// The shipped vocabulary is what `rules vocabulary` makes from the shipped documents: a
/// rebuild from `samples/` gives the same bytes, so the table in the binary can always be
/// traced to its corpus. A missing file is an error that names it.
#[test]
fn shipped_vocabulary_is_rebuilt_from_the_samples() {
    let mut files: Vec<String> = Vec::new();
    for dir in ["samples", "samples/reports"] {
        let mut names: Vec<String> = std::fs::read_dir(common::root().join(dir))
            .unwrap()
            .map(|e| e.unwrap().path())
            .filter(|p| p.extension().is_some_and(|x| x == "txt"))
            .map(|p| {
                p.strip_prefix(common::root())
                    .unwrap()
                    .display()
                    .to_string()
            })
            .collect();
        names.sort();
        files.extend(names);
    }
    let mut args = vec!["rules".to_string(), "vocabulary".to_string()];
    args.extend(files);
    let out = plantrack(&args);
    let table = common::stdout_ok(&out, "rules vocabulary");
    let shipped = std::fs::read_to_string(common::root().join("rules/vocabulary.tsv")).unwrap();
    assert!(
        table == shipped,
        "rules/vocabulary.tsv is not what the samples give"
    );

    let out = plantrack(["rules", "vocabulary", "no-such-corpus.txt"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("no-such-corpus.txt"));
}

/// Runs `rules check` on `text` written as `name`; asserts exit 2 and returns the output.
fn check_refuses(name: &str, text: &str) -> String {
    let rules = common::TempFile::new(&format!("rules-{name}"), name, text.as_bytes());
    let out = plantrack(["rules", "check", rules.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2));
    String::from_utf8_lossy(&out.stdout).to_string() + &String::from_utf8_lossy(&out.stderr)
}

/// Empty words and patterns match everywhere; the check refuses each with its place.
#[test]
fn empty_words_and_patterns_are_refused() {
    let text = check_refuses(
        "empty.toml",
        "[status]\ndone = [\"完成\", \"\"]\n\n[[pin]]\ngoal = \"\"\nitem = \"x\"\n",
    );
    assert!(
        text.contains("empty.toml:2:15: `status.done`: an empty word"),
        "{text}"
    );
    assert!(
        text.contains("empty.toml:5:8: `pin[0].goal`: an empty pattern"),
        "{text}"
    );
}

/// A number too large for its key names the key.
#[test]
fn huge_numbers_name_their_key() {
    let text = check_refuses(
        "huge.toml",
        "[thresholds]\nmax_evidence = 99999999999999999999\n",
    );
    assert!(
        text.contains("huge.toml:2:16: `thresholds.max_evidence`"),
        "{text}"
    );
}

/// A rules file that parses but sets nothing (comments and bare headers) is not reported
/// as a plain `ok`, and a run with it warns: a truncated or wrong file must not pass for a
/// checked one.
#[test]
fn a_file_that_sets_nothing_says_so() {
    let rules = common::TempFile::new("rules-nothing", "nothing.toml", b"# my rules\n[tasks]\n");
    let out = plantrack(["rules", "check", rules.to_str().unwrap()]);
    let text = common::stdout_ok(&out, "rules check");
    assert!(
        text.contains("nothing.toml: ok, but it sets nothing"),
        "{text}"
    );
    // A run with it says so too, and goes on with the built-in rules.
    let out = plantrack([
        "track",
        "samples/shengtaiyuan-2022-summary-2023-plan.txt",
        "samples/minzheng-shengtaiyuan-2023-summary-2024-plan.txt",
        "--format",
        "json",
        "--rules",
        rules.to_str().unwrap(),
    ]);
    assert!(out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("nothing.toml sets nothing"), "{err}");

    let rules = common::TempFile::new(
        "rules-something",
        "some.toml",
        b"[tasks]\nthreshold = 0.3\n",
    );
    let out = plantrack(["rules", "check", rules.to_str().unwrap()]);
    let text = common::stdout_ok(&out, "rules check");
    assert!(text.contains("some.toml: ok\n"), "{text}");
}
