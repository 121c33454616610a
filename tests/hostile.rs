//! Whatever a scraper produced: every input is accounted for (read, repaired, or skipped with a
//! reason), good articles are all checked, nothing panics.

use serde_json::Value;
use std::path::Path;
use std::process::{Command, Output, Stdio};

fn contra(args: &[&str], stdin: Option<&[u8]>) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_contra"))
        .args(args)
        .env("NO_COLOR", "1")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("run contra");
    {
        use std::io::Write;
        let mut input = child.stdin.take().expect("stdin");
        input.write_all(stdin.unwrap_or(b"")).expect("write stdin");
    }
    child.wait_with_output().expect("wait")
}

fn write(dir: &Path, name: &str, bytes: &[u8]) {
    std::fs::write(dir.join(name), bytes).expect("write");
}

fn paths(v: &Value) -> Vec<String> {
    v.as_array()
        .into_iter()
        .flatten()
        .filter_map(|e| e["path"].as_str().map(String::from))
        .collect()
}

#[test]
fn a_hostile_corpus_is_read_skipped_or_repaired_never_lost() {
    let dir = tempfile::tempdir().expect("tempdir");
    let d = dir.path();
    let front = "+++\nevent = \"raid\"\n+++\n";
    // Good articles, in awkward encodings: they disagree with each other.
    write(
        d,
        "bom.txt",
        format!("\u{feff}{front}The Observatory said at least 12 fighters were killed.\n")
            .as_bytes(),
    );
    write(
        d,
        "crlf.txt",
        format!("{front}Headline\r\n\r\nHarakat al-Nujaba said five fighters were killed.\r\n")
            .replace('\n', "\r\n")
            .as_bytes(),
    );
    let mut latin1 = format!("{front}Caf").into_bytes();
    latin1.extend([0xe9, b' ']);
    latin1.extend(b"owners said nothing. The Pentagon said only military targets were hit.\n");
    write(d, "invalid_utf8.txt", &latin1);
    // Bad inputs, each skipped with a reason.
    write(d, "empty.txt", b"");
    write(d, "binary.txt", b"\x7fELF\x02\x01\x01\x00\x00\x00garbage");
    write(
        d,
        "front_matter.md",
        b"+++\noutlet = \"unterminated\n+++\nBody.\n",
    );
    write(d, "huge.txt", &vec![b'a'; 50 << 20]);
    write(
        d,
        "locked.txt",
        format!("{front}Local officials said homes were destroyed.\n").as_bytes(),
    );
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(d.join("locked.txt"), std::fs::Permissions::from_mode(0o000))
            .expect("chmod");
        std::fs::create_dir(d.join("loop")).expect("mkdir");
        std::os::unix::fs::symlink("..", d.join("loop/back")).expect("symlink");
    }
    write(
        d,
        "feed.jsonl",
        concat!(
            r#"{"id": "j1", "event": "raid", "text": "The mayor said the strike hit homes."}"#, "\n",
            r#"{"id": "j2", "event": "raid", "text": }"#, "\n",
            r#"{"id": "j3", "event": "raid", "text": "CENTCOM said the aircraft struck weapons depots."}"#, "\n",
        )
        .as_bytes(),
    );

    let out = contra(
        &["check", d.to_str().expect("path"), "--format", "json"],
        None,
    );
    assert_eq!(
        out.status.code(),
        Some(1),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let report: Value = serde_json::from_slice(&out.stdout).expect("JSON report");
    let docs: Vec<String> = report["documents"]
        .as_array()
        .expect("documents")
        .iter()
        .filter_map(|x| x["id"].as_str().map(String::from))
        .collect();
    let errors = paths(&report["errors"]);
    let warnings = paths(&report["warnings"]);
    let stderr = String::from_utf8_lossy(&out.stderr);

    for good in ["bom", "crlf", "invalid_utf8", "j1", "j3"] {
        assert!(
            docs.contains(&good.to_string()),
            "{good} not checked: {docs:?}"
        );
    }
    for bad in [
        "empty.txt",
        "binary.txt",
        "front_matter.md",
        "huge.txt",
        "feed.jsonl:2",
    ] {
        assert!(
            errors.iter().any(|e| e.ends_with(bad)),
            "{bad} not reported: {errors:?}"
        );
        assert!(stderr.contains(bad), "{bad} not on stderr: {stderr}");
    }
    assert!(
        warnings.iter().any(|w| w.ends_with("invalid_utf8.txt")),
        "{warnings:?}"
    );
    // As root the locked file is readable; either way it is accounted for.
    assert!(
        docs.contains(&"locked".to_string()) || errors.iter().any(|e| e.ends_with("locked.txt"))
    );
    // Every file given is a document or an error: nothing silently lost.
    let files = [
        "bom",
        "crlf",
        "invalid_utf8",
        "empty",
        "binary",
        "front_matter",
        "huge",
        "locked",
    ];
    for f in files {
        assert!(
            docs.iter().any(|x| x == f) || errors.iter().any(|e| e.contains(f)),
            "{f} lost"
        );
    }
    let messages = report["errors"].to_string();
    assert!(messages.contains("over the 8.0 MiB limit"), "{messages}");
    assert!(messages.contains("binary file"), "{messages}");
    // The good articles disagree, and the disagreement is found.
    assert!(
        report["contradictions"]
            .as_array()
            .map(Vec::len)
            .unwrap_or(0)
            >= 1
    );
    let crlf = report["claims"]
        .as_array()
        .expect("claims")
        .iter()
        .find(|c| c["document"] == "crlf")
        .expect("a claim in crlf.txt");
    assert_eq!(crlf["line"], 6);

    let human = contra(&["check", d.to_str().expect("path")], None);
    let text = String::from_utf8_lossy(&human.stdout);
    let summary = format!(
        "Read {} articles, skipped {} inputs, repaired 1 input.",
        docs.len(),
        errors.len()
    );
    assert!(text.contains(&summary), "{summary} not in\n{text}");
    assert!(
        errors.iter().any(|e| e.contains("loop")) || stderr.contains("loop"),
        "the symlink loop is not reported: {errors:?}"
    );
}

#[test]
fn empty_standard_input_is_an_error_not_a_crash() {
    let out = contra(&["check", "-"], Some(b""));
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("standard input is empty"));
}

#[test]
fn the_article_size_limit_is_configurable() {
    let dir = tempfile::tempdir().expect("tempdir");
    write(
        dir.path(),
        "a.txt",
        "The Observatory said 12 fighters were killed. "
            .repeat(100)
            .as_bytes(),
    );
    let file = dir.path().join("a.txt");
    let f = file.to_str().expect("path");
    assert_eq!(
        contra(&["check", f, "--max-article-size", "1KB"], None)
            .status
            .code(),
        Some(2)
    );
    assert_eq!(
        contra(&["check", f, "--max-article-size", "1MiB"], None)
            .status
            .code(),
        Some(0)
    );
    let bad = contra(&["check", f, "--max-article-size", "lots"], None);
    assert_eq!(bad.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&bad.stderr).contains("not a size"));
}
