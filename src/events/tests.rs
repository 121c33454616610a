//! Grouping on whole corpora: large stories, and the stability of events.

use super::DENSE_LIMIT;

/// `n` short reports of one strike near `place`, published on `date`.
fn story(place: &str, n: usize, date: &str) -> Vec<crate::corpus::Document> {
    (0..n)
        .map(|i| {
            let text = format!(
                "+++\npublished = \"{date}\"\n+++\nStrike near {place}\n\n\
                 A drone strike near {place} hit a depot, officials in {place} said. \
                 Medics said {} people were hurt near {place}.",
                2 + i % 7
            );
            crate::corpus::parse(&format!("{place}-{i:04}"), "test", text).expect("valid")
        })
        .collect()
}

#[test]
fn a_story_too_large_for_dense_linkage_is_still_one_event() {
    // Past DENSE_LIMIT a component is clustered from its scored pairs alone: if they were
    // dropped, every article would be its own event. Smaller stories a month apart each
    // make the place names rare words, as in a real corpus.
    let mut docs = story("Qaraxin", DENSE_LIMIT + 20, "2024-03-04");
    for k in 0..30 {
        let place = format!("Velmora{}", char::from(b'a' + k as u8 % 26));
        let date = format!("20{:02}-{:02}-10", 10 + k / 12, 1 + k % 12);
        docs.extend(story(&place, 12, &date));
    }
    let report = crate::check_documents(crate::rules::test_rules(), docs);
    let mut sizes: Vec<usize> = report.events.iter().map(|e| e.documents.len()).collect();
    sizes.sort_unstable();
    sizes.dedup();
    assert_eq!(sizes, vec![12, DENSE_LIMIT + 20]);
}

/// The shipped fixtures, parsed; their file names start with their story ("e1_", "e2_", ...).
fn fixtures() -> Vec<crate::corpus::Document> {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures");
    let mut paths: Vec<_> = std::fs::read_dir(&dir)
        .expect("fixtures/")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .collect();
    paths.sort();
    paths
        .iter()
        .map(|p| {
            let text = std::fs::read_to_string(p).expect("a fixture");
            let id = p.file_stem().expect("a name").to_string_lossy();
            crate::corpus::parse(&id, &p.display().to_string(), text).expect("a valid fixture")
        })
        .collect()
}

/// What the report says of a set of documents: each one's event, and every disagreement of
/// those events (fingerprint, event and sides), in report order.
fn said_about(
    report: &crate::report::Report,
    ids: &[String],
) -> (Vec<(String, String)>, Vec<String>) {
    let events: Vec<(String, String)> = report
        .documents
        .iter()
        .filter(|d| ids.contains(&d.id))
        .map(|d| (d.id.clone(), d.event.clone().unwrap_or_default()))
        .collect();
    let theirs: Vec<&String> = events.iter().map(|(_, e)| e).collect();
    let disagreements = report
        .contradictions
        .iter()
        .filter(|c| theirs.contains(&&c.event))
        .map(|c| {
            // Claim numbers run through the whole report; who says what, where, is the content.
            let sides: Vec<String> = c
                .sides
                .iter()
                .map(|s| format!("{}={} {:?}", s.actor, s.display, s.documents))
                .collect();
            format!(
                "{} {} {} {}",
                c.fingerprint,
                c.event,
                c.summary,
                sides.join("; ")
            )
        })
        .collect();
    (events, disagreements)
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig::with_cases(24))]

    /// The stability property: for a set `S` of articles and a set `A` of articles none of
    /// which is linked to an article of `S` (checked as a pair, the two are two events),
    /// checking `S ∪ A`, in any order, puts every article of `S` in the event it has when `S`
    /// is checked alone, and reports the same disagreements about those events. `S` and `A`
    /// are drawn from different fixture stories.
    #[test]
    fn articles_about_other_incidents_never_move_an_event(
        stories in proptest::collection::vec(proptest::bool::ANY, 7),
        keep in proptest::collection::vec(proptest::bool::ANY, 20),
        order in proptest::prelude::any::<u64>(),
    ) {
        let rules = crate::rules::test_rules();
        let in_s = |d: &crate::corpus::Document| {
            let story = d.meta.id.as_bytes()[1] - b'1';
            stories[usize::from(story) % 7]
        };
        let docs = fixtures();
        let (mut s, mut a): (Vec<_>, Vec<_>) = docs
            .into_iter()
            .enumerate()
            .filter(|(i, _)| keep[*i % keep.len()])
            .map(|(_, d)| d)
            .partition(|d| in_s(d));
        proptest::prop_assume!(!s.is_empty());
        let linked = |x: &crate::corpus::Document, y: &crate::corpus::Document| {
            let pair = crate::check_documents(rules, vec![x.clone(), y.clone()]);
            pair.events.len() == 1
        };
        proptest::prop_assume!(!s.iter().any(|x| a.iter().any(|y| linked(x, y))));
        let ids: Vec<String> = s.iter().map(|d| d.meta.id.clone()).collect();
        let alone = crate::check_documents(rules, s.clone());
        let mut together: Vec<_> = s.drain(..).chain(a.drain(..)).collect();
        // Any order of reading: a rotation and a reversal chosen by `order`.
        let n = together.len();
        together.rotate_left((order as usize) % n);
        if order % 2 == 1 {
            together.reverse();
        }
        let mixed = crate::check_documents(rules, together);
        proptest::prop_assert_eq!(said_about(&alone, &ids), said_about(&mixed, &ids));
    }
}
