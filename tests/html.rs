//! `--format html` in a real browser: the fixtures' report and a hostile corpus's, rendered by
//! headless Chromium (Debian's `chromium`), their DOM checked, a screenshot taken, and both
//! pages validated with the Nu HTML Checker (`vnu.jar`).
//!
//! Where Chromium or the checker is missing the tests say so and pass; with
//! `CONTRA_REQUIRE_BROWSER` set (as `.ci/run` sets it) they fail instead, so CI never skips.
//! `CONTRA_UPDATE_SCREENSHOT=1` copies the fixtures' screenshot to `docs/report.png`.

mod common;

use common::{contra, contra_in, root};
use serde_json::Value;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::Command;

/// A tool a test needs, or why the test cannot run: a failure where CI requires the tool.
fn tool(name: &str, found: Option<PathBuf>, hint: &str) -> Option<PathBuf> {
    if found.is_some() {
        return found;
    }
    let why = format!("{name} not found ({hint})");
    if std::env::var_os("CONTRA_REQUIRE_BROWSER").is_some() {
        panic!("{why}; CONTRA_REQUIRE_BROWSER is set, so this test may not be skipped");
    }
    // Straight to the process's stderr: the test harness captures `eprintln!` of a passing test.
    let _ = writeln!(
        std::io::stderr(),
        "SKIPPED: {why}; set CONTRA_REQUIRE_BROWSER to make this a failure"
    );
    None
}

fn chromium() -> Option<PathBuf> {
    let found = std::env::var_os("CONTRA_CHROMIUM")
        .map(PathBuf::from)
        .filter(|p| p.exists())
        .or_else(|| {
            ["/usr/bin/chromium", "/usr/bin/chromium-browser"]
                .iter()
                .map(PathBuf::from)
                .find(|p| p.exists())
        });
    tool(
        "Chromium",
        found,
        "apt-get install -y chromium, or CONTRA_CHROMIUM=path",
    )
}

fn vnu() -> Option<PathBuf> {
    let found = std::env::var_os("VNU_JAR")
        .map(PathBuf::from)
        .filter(|p| p.exists());
    tool(
        "vnu.jar",
        found,
        "npm install vnu-jar, then VNU_JAR=path/to/vnu.jar",
    )
}

/// Chromium, headless, on its own throwaway profile, with nothing reaching the network.
fn browser(chromium: &Path, page: &Path, extra: &[&str]) -> std::process::Output {
    let profile = tempfile::tempdir().expect("profile dir");
    Command::new(chromium)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--hide-scrollbars",
        ])
        .arg(format!("--user-data-dir={}", profile.path().display()))
        .args(extra)
        .arg(format!("file://{}", page.display()))
        .output()
        .expect("run chromium")
}

/// The DOM after the page's scripts ran.
fn dom(chromium: &Path, page: &Path) -> String {
    let out = browser(chromium, page, &["--dump-dom"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).expect("UTF-8 DOM")
}

fn validate(vnu: &Path, page: &Path) {
    let out = Command::new("java")
        .args(["-jar"])
        .arg(vnu)
        .args(["--errors-only", "--format", "text"])
        .arg(page)
        .output()
        .expect("run java -jar vnu.jar");
    assert!(
        out.status.success(),
        "{} is not valid HTML:\n{}{}",
        page.display(),
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
}

/// `contra check ARGS --format html` written to `dir/name`.
fn page(dir: &Path, name: &str, args: &[&str]) -> PathBuf {
    let mut all = vec!["check", "--format", "html", "--exit-zero"];
    all.extend_from_slice(args);
    let out = contra_in(&root(), &all);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let path = dir.join(name);
    std::fs::write(&path, &out.stdout).expect("write page");
    path
}

/// Text as Chromium serialises it inside an element.
fn as_dom_text(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('\u{a0}', "&nbsp;")
}

#[test]
fn the_fixtures_report_renders_every_disagreement_with_its_quotes() {
    let Some(chromium) = chromium() else { return };
    let dir = tempfile::tempdir().expect("temp dir");
    let page = page(dir.path(), "report.html", &["fixtures"]);
    let json: Value = serde_json::from_slice(
        &contra(&["check", "fixtures", "--format", "json", "--exit-zero"]).stdout,
    )
    .expect("JSON report");
    let contradictions = json["contradictions"].as_array().expect("list");
    assert!(contradictions.len() > 5, "the fixtures have disagreements");
    let dom = dom(&chromium, &page);
    assert_eq!(
        dom.matches(r#"<article class="disagreement""#).count(),
        contradictions.len(),
        "one card per disagreement"
    );
    // The filter script ran (so the page's own script is allowed by its policy) and sees them all.
    let n = contradictions.len();
    assert!(
        dom.contains(&format!("{n} of {n} disagreements shown")),
        "filter ran"
    );
    let text = dom.replace("<mark>", "").replace("</mark>", "");
    let claims: Vec<&Value> = json["claims"].as_array().expect("claims").iter().collect();
    for c in contradictions {
        for side in c["sides"].as_array().expect("sides") {
            for id in side["claims"].as_array().expect("claim ids") {
                let claim = claims.iter().find(|k| k["id"] == *id).expect("cited claim");
                let quote = as_dom_text(claim["quote"].as_str().expect("quote"));
                assert!(text.contains(&quote), "{}: quote missing: {quote}", c["id"]);
            }
        }
    }
    // An interval plot per count disagreement, a timeline per event with disagreements.
    let counts = contradictions
        .iter()
        .filter(|c| c["reconciled"].is_string())
        .count();
    assert_eq!(dom.matches(r#"<svg class="plot""#).count(), counts);
    assert!(dom.matches(r#"<svg class="timeline""#).count() >= 1);

    let shot = dir.path().join("report.png");
    let out = browser(
        &chromium,
        &page,
        &[
            &format!("--screenshot={}", shot.display()),
            "--window-size=1200,1800",
        ],
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let png = std::fs::read(&shot).expect("screenshot written");
    assert!(
        png.starts_with(b"\x89PNG\r\n\x1a\n") && png.len() > 10_000,
        "a real picture"
    );
    if std::env::var_os("CONTRA_UPDATE_SCREENSHOT").is_some() {
        std::fs::copy(&shot, root().join("docs/report.png")).expect("update docs/report.png");
    }
    if let Some(vnu) = vnu() {
        validate(&vnu, &page);
    }
}

/// Markup that would change the page's title if it ever ran.
const PAYLOAD: &str =
    r#"<script>document.title="PWNED"</script><img src=x onerror="document.title='PWNED'">"#;

/// Articles as JSON Lines, so any text reaches the tool as it is: script tags in the quotes,
/// the outlets, the titles and the URLs, broken markup, right-to-left text and controls, and
/// ten thousand claims (a hundred articles of a hundred figures).
fn hostile_corpus(dir: &Path) {
    let mut articles = vec![
        serde_json::json!({
            "id": "evil", "event": "e", "outlet": format!("Evil {PAYLOAD}"), "title": PAYLOAD,
            "url": "javascript:document.title='PWNED'",
            "text": format!("The Pentagon said five soldiers were killed {PAYLOAD}. </blockquote></section><div class=\"x"),
        }),
        serde_json::json!({
            "id": "rtl", "event": "e", "outlet": "مرآة الخليج", "title": "<b>",
            "url": "https://example.invalid/\"><script>document.title='PWNED'</script>",
            "text": "\u{202e}The Syrian Observatory for Human Rights said 12 soldiers were killed.\u{202c} \
                     قالت الوزارة <b>bold <i>broken \u{7}\u{1}\u{ffff}",
        }),
    ];
    for a in 0..100 {
        let text: String = (0..100)
            .map(|k| {
                format!(
                    "The Pentagon said {} soldiers were killed. ",
                    1000 + a * 100 + k
                )
            })
            .collect();
        articles.push(serde_json::json!({ "id": format!("bulk{a}"), "event": "e", "text": text }));
    }
    let lines: String = articles.iter().map(|a| format!("{a}\n")).collect();
    std::fs::write(dir.join("hostile.jsonl"), lines).expect("write");
}

#[test]
fn a_hostile_corpus_gives_a_valid_page_that_runs_no_script_of_its_own() {
    let Some(chromium) = chromium() else { return };
    let dir = tempfile::tempdir().expect("temp dir");
    let corpus = dir.path().join("corpus");
    std::fs::create_dir(&corpus).expect("corpus dir");
    hostile_corpus(&corpus);
    let page = page(dir.path(), "hostile.html", &[&corpus.display().to_string()]);
    let html = std::fs::read_to_string(&page).expect("page");
    assert_eq!(
        html.matches("<script").count(),
        1,
        "only the page's own script"
    );
    assert!(!html.contains("href=\"javascript:"), "no script links");
    let json: Value = serde_json::from_slice(
        &contra(&[
            "check",
            &corpus.display().to_string(),
            "--format",
            "json",
            "--exit-zero",
        ])
        .stdout,
    )
    .expect("JSON report");
    assert!(json["claims"].as_array().expect("claims").len() >= 10_000);
    assert!(!json["contradictions"].as_array().expect("list").is_empty());
    let dom = dom(&chromium, &page);
    assert!(dom.contains("<title>contra: "), "title untouched");
    assert!(!dom.contains("PWNED</title>"), "no article script ran");
    assert!(
        dom.contains("&lt;script&gt;document.title"),
        "the markup is shown as text"
    );
    // The check can fail: the same payload as real markup does change the title.
    let control = dir.path().join("control.html");
    std::fs::write(
        &control,
        format!("<!DOCTYPE html><title>t</title>{PAYLOAD}"),
    )
    .expect("write");
    assert!(self::dom(&chromium, &control).contains("<title>PWNED</title>"));
    if let Some(vnu) = vnu() {
        validate(&vnu, &page);
    }
}
