//! SARIF 2.1.0: the static-analysis exchange format, so code-scanning dashboards (GitHub code
//! scanning, IDE SARIF viewers) can show disagreements next to the articles like any lint.
//!
//! Built as a `serde_json::Value` rather than through a typed SARIF crate: the output needs only a
//! handful of objects, and keeping the model crate a dev-dependency (the tests parse the output
//! with `serde_sarif`) keeps the binary lean. serde_json writes an object's keys in a fixed
//! order and everything here is built from the report's own (sorted) order, so the same report
//! always gives byte-identical output.

use super::Report;
use crate::compare::{Contradiction, Side};
use crate::model::Claim;
use crate::rules::{Rule, RuleSet};
use serde_json::{Value, json};

const SCHEMA: &str = "https://json.schemastore.org/sarif-2.1.0.json";
/// Versioned so a change in what the fingerprint covers can get a new key instead of silently
/// re-opening every known alert.
const FINGERPRINT_KEY: &str = "contraFingerprint/v1";

/// Stands in for the results in the log's skeleton; never a real string in a report.
const RESULTS_SLOT: &str = "\u{0}contra-results\u{0}";

/// Writes the SARIF log to `w` one result at a time. A large corpus has tens of thousands of
/// results, each with every claim of every side as a location: as one `serde_json::Value` that
/// was gigabytes. The skeleton is printed with a placeholder where the results go, and each
/// result is printed alone and indented to its depth, giving the same bytes as printing the
/// whole log at once (JSON strings never hold a raw newline, so indenting by line is safe).
///
/// The log has one run: one reporting descriptor per claim-type rule and one result per
/// disagreement, each side located at the claim that gave its current word.
pub(super) fn write(
    report: &Report,
    rules: &RuleSet,
    w: &mut dyn std::io::Write,
) -> std::io::Result<()> {
    let notifications: Vec<Value> = report
        .errors
        .iter()
        .map(|e| {
            json!({
                "level": "error",
                "message": { "text": e.message },
                "locations": [{ "physicalLocation": { "artifactLocation": { "uri": uri(&e.path) } } }],
            })
        })
        .collect();
    let results = if report.contradictions.is_empty() {
        json!([])
    } else {
        json!([RESULTS_SLOT])
    };
    let log = json!({
        "$schema": SCHEMA,
        "version": "2.1.0",
        "runs": [{
            "tool": { "driver": {
                "name": "contra",
                "version": env!("CARGO_PKG_VERSION"),
                "rules": rules.rules.iter().map(descriptor).collect::<Vec<_>>(),
            }},
            // Claim columns count characters, not the UTF-16 units SARIF assumes by default.
            "columnKind": "unicodeCodePoints",
            // Skipped inputs are the run's business, not findings: they go to the invocation.
            "invocations": [{
                "executionSuccessful": true,
                "toolExecutionNotifications": notifications,
            }],
            "results": results,
        }],
    });
    let skeleton = serde_json::to_string_pretty(&log).map_err(std::io::Error::other)?;
    let slot = serde_json::to_string(RESULTS_SLOT).map_err(std::io::Error::other)?;
    let Some(at) = skeleton.find(&slot) else {
        return writeln!(w, "{skeleton}");
    };
    let line_start = skeleton[..at].rfind('\n').map_or(0, |i| i + 1);
    let indent = &skeleton[line_start..at];
    w.write_all(&skeleton.as_bytes()[..line_start])?;
    for (i, c) in report.contradictions.iter().enumerate() {
        let one = serde_json::to_string_pretty(&result(report, rules, c))
            .map_err(std::io::Error::other)?;
        for (k, line) in one.lines().enumerate() {
            if k > 0 {
                w.write_all(b"\n")?;
            }
            w.write_all(indent.as_bytes())?;
            w.write_all(line.as_bytes())?;
        }
        if i + 1 < report.contradictions.len() {
            w.write_all(b",")?;
        }
        w.write_all(b"\n")?;
    }
    let rest = &skeleton[at + slot.len()..];
    w.write_all(rest.strip_prefix('\n').unwrap_or(rest).as_bytes())?;
    w.write_all(b"\n")
}

/// A rule file as a reporting descriptor, so viewers can explain a result without contra.
fn descriptor(rule: &Rule) -> Value {
    let help = format!(
        "{}\n\nSources disagree: read each side's quote in its article before repeating a figure. \
         `contra rules explain {}` shows the patterns and how values are compared; the rule is \
         defined in {}.",
        rule.description.trim(),
        rule.id,
        rule.file.name
    );
    json!({
        "id": rule.id,
        "name": pascal_case(&rule.id),
        "shortDescription": { "text": rule.title },
        "fullDescription": { "text": rule.description.trim() },
        "help": { "text": help },
        "defaultConfiguration": { "level": "warning" },
        "properties": { "kind": rule.kind.as_str() },
    })
}

fn result(report: &Report, rules: &RuleSet, c: &Contradiction) -> Value {
    let mut locations = Vec::new();
    let mut related = Vec::new();
    for side in &c.sides {
        let mut claims = side_claims(report, side);
        // The latest claim carries the side's current word (`display`); earlier ones are context.
        if let Some(primary) = claims.pop() {
            locations.push(location(report, &primary, side, None));
        }
        for claim in claims {
            related.push(location(report, &claim, side, Some(related.len())));
        }
    }
    let sides: Vec<Value> = c
        .sides
        .iter()
        .map(|s| {
            json!({
                "actor": s.actor,
                "actorName": s.actor_name,
                "display": s.display,
                "independentOutlets": s.sourcing.independent_outlets,
                "reprints": s.sourcing.reprints,
                "grade": s.sourcing.grade.as_str(),
            })
        })
        .collect();
    // -1 is SARIF's "no rule index", for a rule missing from the rule set given.
    let index = rules.rules.iter().position(|r| r.id == c.rule);
    json!({
        "ruleId": c.rule,
        "ruleIndex": index.map_or(-1, |i| i as i64),
        "level": "warning",
        "message": { "text": c.summary },
        "locations": locations,
        "relatedLocations": related,
        "partialFingerprints": { FINGERPRINT_KEY: c.fingerprint },
        "properties": {
            "id": c.id,
            "event": c.event,
            "subject": c.subject,
            "reconciled": c.reconciled,
            "sides": sides,
            "contested": c.contested.as_str(),
        },
    })
}

/// A side's claims in time order (latest last); ids the report does not know are skipped.
fn side_claims(report: &Report, side: &Side) -> Vec<Claim> {
    side.claims
        .iter()
        .filter_map(|&id| report.claim(id))
        .collect()
}

/// A claim's place: the region is the matched words, the context region the whole sentence, so
/// a viewer can both underline the figure and show the quote around it.
fn location(report: &Report, claim: &Claim, side: &Side, id: Option<usize>) -> Value {
    let path = report
        .document(&claim.document)
        .map_or(claim.document.as_str(), |d| d.path.as_str());
    let start = (claim.line.max(1), claim.column.max(1));
    let matched = claim.quote.get(claim.highlight.clone());
    let region = match matched.filter(|m| !m.is_empty()) {
        Some(m) => span_region(start, m),
        // No reliable span: a start point only, which viewers read as "from here".
        None => json!({ "startLine": start.0, "startColumn": start.1 }),
    };
    let mut physical = json!({
        "artifactLocation": { "uri": uri(path) },
        "region": region,
    });
    let (line, col) = (claim.quote_start.line, claim.quote_start.column);
    if line >= 1 && col >= 1 && !claim.quote.is_empty() {
        let mut context = span_region((line, col), &claim.quote);
        context["snippet"] = json!({ "text": claim.quote });
        physical["contextRegion"] = context;
    }
    let mut loc = json!({
        "physicalLocation": physical,
        "message": { "text": format!("{}: {}", side.actor_name, claim.display) },
    });
    if let Some(id) = id {
        loc["id"] = json!(id);
    }
    loc
}

/// The region covering `text` when it starts at 1-based `(line, column)`; end column exclusive.
fn span_region((line, column): (usize, usize), text: &str) -> Value {
    let newlines = text.matches('\n').count();
    let end_column = match text.rfind('\n') {
        Some(nl) => text[nl + 1..].chars().count() + 1,
        None => column + text.chars().count(),
    };
    json!({
        "startLine": line,
        "startColumn": column,
        "endLine": line + newlines,
        "endColumn": end_column,
        "snippet": { "text": text },
    })
}

/// A file path as an RFC 3986 URI reference: consumers parse `uri`, so spaces, `%`, `#`, `?` and
/// non-ASCII must be percent-encoded, Windows separators become `/`, and absolute paths become
/// `file:` URIs (a bare `C:/…` would read as scheme `c`).
fn uri(path: &str) -> String {
    let path = path.replace('\\', "/");
    let bytes = path.as_bytes();
    let drive = bytes.len() >= 2 && bytes[0].is_ascii_alphabetic() && bytes[1] == b':';
    let (mut out, rest) = if drive {
        (format!("file:///{}:", &path[..1]), &path[2..])
    } else if path.starts_with('/') {
        ("file://".to_string(), path.as_str())
    } else {
        (String::new(), path.strip_prefix("./").unwrap_or(&path))
    };
    for b in rest.bytes() {
        if b.is_ascii_alphanumeric() || b"-._~/".contains(&b) {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// `death_toll` -> `DeathToll`: SARIF wants `name` to read as an identifier.
fn pascal_case(id: &str) -> String {
    id.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .flat_map(|w| {
            let mut cs = w.chars();
            cs.next().into_iter().flat_map(char::to_uppercase).chain(cs)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::test_report;
    use serde_sarif::sarif::Sarif;

    fn rules() -> &'static RuleSet {
        crate::rules::test_rules()
    }

    fn render(report: &Report, rules: &RuleSet) -> String {
        let options = crate::report::Options {
            rules,
            color: false,
        };
        crate::report::to_string(crate::report::Format::Sarif, report, options)
    }

    /// Two outlets, one disagreement; Nujaba's side has two claims (one related location).
    fn report() -> Report {
        test_report(&[
            (
                "a",
                "news/a #1.txt",
                Some("Outlet a"),
                "The Observatory said at least 12 fighters were killed.",
            ),
            (
                "b",
                "news/b #1.txt",
                Some("Outlet b"),
                "Harakat al-Nujaba said five fighters were killed.\n\n\
                 A spokesman for the group later said five fighters were killed in the strike.",
            ),
        ])
    }

    #[test]
    fn parses_as_typed_sarif_with_one_result_per_disagreement() {
        let report = report();
        assert_eq!(report.contradictions.len(), 1);
        let out = render(&report, rules());
        let log: Sarif = serde_json::from_str(&out).expect("valid SARIF");
        assert_eq!(log.runs.len(), 1);
        let run = &log.runs[0];
        assert_eq!(run.tool.driver.name, "contra");
        assert_eq!(
            run.tool.driver.rules.as_ref().unwrap().len(),
            rules().rules.len()
        );
        let results = run.results.as_ref().unwrap();
        assert_eq!(results.len(), 1);
        let r = &results[0];
        assert_eq!(r.rule_id.as_deref(), Some("death_toll"));
        assert_eq!(r.locations.as_ref().unwrap().len(), 2);
        assert_eq!(r.related_locations.as_ref().unwrap().len(), 1);
        let fp = r.partial_fingerprints.as_ref().unwrap();
        assert_eq!(fp[FINGERPRINT_KEY], report.contradictions[0].fingerprint);
    }

    #[test]
    fn required_fields_and_positions() {
        let report = report();
        let v: Value = serde_json::from_str(&render(&report, rules())).unwrap();
        assert_eq!(v["$schema"], SCHEMA);
        assert_eq!(v["version"], "2.1.0");
        let driver = &v["runs"][0]["tool"]["driver"];
        assert_eq!(driver["version"], env!("CARGO_PKG_VERSION"));
        let dt = &driver["rules"].as_array().unwrap();
        let dt = dt.iter().find(|r| r["id"] == "death_toll").unwrap();
        assert_eq!(dt["name"], "DeathToll");
        assert_eq!(dt["shortDescription"]["text"], "Death toll");
        assert!(
            dt["help"]["text"]
                .as_str()
                .unwrap()
                .contains("contra rules explain")
        );
        let r = &v["runs"][0]["results"][0];
        assert_eq!(r["level"], "warning");
        assert_eq!(r["message"]["text"], report.contradictions[0].summary);
        assert_eq!(r["properties"]["event"], "e");
        assert_eq!(r["properties"]["sides"][0]["display"], "5");
        // Sides in report order: Nujaba (5, latest claim at line 7), then the Observatory.
        let loc = &r["locations"][1]["physicalLocation"];
        assert_eq!(loc["artifactLocation"]["uri"], "news/a%20%231.txt");
        assert_eq!(loc["region"]["startLine"], 5);
        assert_eq!(loc["region"]["startColumn"], 22);
        assert_eq!(
            loc["region"]["snippet"]["text"],
            "at least 12 fighters were killed"
        );
        assert_eq!(
            loc["contextRegion"]["snippet"]["text"],
            "The Observatory said at least 12 fighters were killed."
        );
        assert_eq!(loc["contextRegion"]["startColumn"], 1);
        assert_eq!(
            r["locations"][0]["physicalLocation"]["region"]["startLine"],
            7
        );
        assert_eq!(
            r["relatedLocations"][0]["physicalLocation"]["region"]["startLine"],
            5
        );
    }

    #[test]
    fn deterministic_and_lists_input_errors() {
        let mut report = report();
        report.errors.push(crate::corpus::InputError {
            path: "bad.bin".into(),
            message: "binary file".into(),
        });
        let out = render(&report, rules());
        assert_eq!(out, render(&report, rules()));
        let log: Sarif = serde_json::from_str(&out).unwrap();
        let inv = &log.runs[0].invocations.as_ref().unwrap()[0];
        assert_eq!(inv.tool_execution_notifications.as_ref().unwrap().len(), 1);
    }

    /// Results are printed one at a time into a skeleton; the bytes must be those of printing the
    /// whole log as one value, with several results and with none.
    #[test]
    fn streamed_output_is_the_whole_log_printed_at_once() {
        let mut two = report();
        let mut copy = two.contradictions[0].clone();
        copy.id.push_str("-copy");
        two.contradictions.push(copy);
        let empty = crate::check_documents(rules(), Vec::new());
        for r in [&two, &empty] {
            let out = render(r, rules());
            let whole: Value = serde_json::from_str(&out).unwrap();
            assert_eq!(out, serde_json::to_string_pretty(&whole).unwrap() + "\n");
            let results = whole["runs"][0]["results"].as_array().unwrap();
            assert_eq!(results.len(), r.contradictions.len());
        }
    }

    #[test]
    fn empty_report_is_valid() {
        let empty = crate::check_documents(rules(), Vec::new());
        let log: Sarif = serde_json::from_str(&render(&empty, rules())).unwrap();
        assert!(log.runs[0].results.as_ref().unwrap().is_empty());
    }

    #[test]
    fn uris_are_encoded() {
        assert_eq!(uri("./a b/ü.txt"), "a%20b/%C3%BC.txt");
        assert_eq!(uri("/tmp/x.md"), "file:///tmp/x.md");
        assert_eq!(uri(r"C:\news\x.md"), "file:///C:/news/x.md");
        assert_eq!(uri("-"), "-");
        assert_eq!(pascal_case("pre_notification"), "PreNotification");
    }
}
