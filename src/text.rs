//! Sentences with byte offsets. Offsets travel with every claim, so any report can quote the
//! sentence and point at file:line:column.

/// One sentence: a byte range of the document text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Sentence {
    pub start: usize,
    pub end: usize,
    /// The sentence opens inside a quotation (a quote that runs over several sentences, or one
    /// that starts the sentence): without a cue of its own, its speaker is the last one named.
    pub quoted: bool,
}

/// Abbreviations whose full stop does not end a sentence ("Maj. Gen. Ryder", "the U.S. military").
const ABBREVIATIONS: &[&str] = &[
    "mr", "mrs", "ms", "dr", "gen", "maj", "col", "lt", "capt", "sgt", "adm", "brig", "cpl", "pvt",
    "rep", "sen", "gov", "st", "jr", "sr", "no", "vs", "etc", "inc", "co", "corp", "jan", "feb",
    "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "approx", "est", "u.s",
    "u.n", "u.k", "e.g", "i.e", "a.m", "p.m", "cmdr", "cdr", "spc", "pfc", "prof", "rev",
];

fn is_quote(c: char) -> bool {
    matches!(c, '"' | '“' | '”' | '«' | '»')
}

fn is_closer(c: char) -> bool {
    is_quote(c) || matches!(c, ')' | ']' | '’' | '\'')
}

/// True when the word ending at `end` (exclusive, just before a '.') is an abbreviation or an
/// initial ("J. Smith").
fn is_abbreviation(text: &str, end: usize) -> bool {
    let before = &text[..end];
    let word_start = before
        .rfind(|c: char| c.is_whitespace() || c == '(' || is_quote(c))
        .map_or(0, |i| {
            i + before[i..].chars().next().map_or(1, char::len_utf8)
        });
    let word = before[word_start..].to_ascii_lowercase();
    if word.chars().count() == 1 && word.chars().all(|c| c.is_alphabetic()) {
        return true;
    }
    ABBREVIATIONS.contains(&word.as_str())
}

/// Splits `text[from..]` into sentences. Blank lines and single line breaks before a capital
/// end a sentence too: headlines, captions and bylines carry no final full stop.
pub fn split_sentences(text: &str, from: usize) -> Vec<Sentence> {
    let mut out = Vec::new();
    let mut start = from;
    let mut in_quote = false;
    let mut starts_quoted = false;
    let bytes = text.as_bytes();
    let mut pos = from;
    // Only terminators, line breaks and quotes matter; the bytes that can start one are few, so
    // everything else is skipped without decoding (« » start with 0xC2, “ ” with 0xE2).
    let interesting = |b: &u8| matches!(b, b'.' | b'!' | b'?' | b'\n' | b'"' | 0xC2 | 0xE2);
    while let Some(i) = bytes
        .get(pos..)
        .and_then(|rest| rest.iter().position(interesting))
        .map(|off| pos + off)
    {
        // `i` is a character boundary: an ASCII byte or a lead byte.
        let Some(c) = text[i..].chars().next() else {
            break;
        };
        pos = i + c.len_utf8();
        if is_quote(c) {
            in_quote = match c {
                '“' | '«' => true,
                '”' | '»' => false,
                _ => !in_quote,
            };
        }
        let boundary_end = match c {
            '.' | '!' | '?' => {
                let mut j = i + 1;
                while let Some(n) = text[j..].chars().next() {
                    if is_closer(n) || n == '.' {
                        if is_quote(n) {
                            in_quote = matches!(n, '“' | '«') || (n == '"' && !in_quote);
                        }
                        j += n.len_utf8();
                    } else {
                        break;
                    }
                }
                pos = j;
                let next_ok = text[j..].chars().next().is_none_or(|n| n.is_whitespace());
                let follows = text[j..].trim_start().chars().next();
                let capital_next = follows.is_none_or(|n| {
                    n.is_uppercase() || n.is_ascii_digit() || is_quote(n) || n == '‘' || n == '('
                });
                if next_ok && capital_next && !(c == '.' && is_abbreviation(text, i)) {
                    Some(j)
                } else {
                    None
                }
            }
            '\n' => {
                let next = text[i + 1..]
                    .trim_start_matches([' ', '\t', '\r'])
                    .chars()
                    .next();
                let blank = next == Some('\n');
                if blank || next.is_some_and(|n| !n.is_lowercase() && !n.is_ascii_digit()) {
                    Some(i)
                } else {
                    None
                }
            }
            _ => None,
        };
        if let Some(end) = boundary_end {
            push(text, start, end, starts_quoted, &mut out);
            start = end;
            starts_quoted = in_quote;
            if c == '\n' {
                in_quote = false;
                starts_quoted = false;
            }
        }
    }
    push(text, start, bytes.len(), starts_quoted, &mut out);
    out
}

/// The longest stretch matched as one sentence. Real sentences are far shorter; a longer one is
/// a scrape without punctuation, cut at spaces so no input makes one regex pass unbounded.
pub const MAX_SENTENCE_BYTES: usize = 2000;

fn push(text: &str, start: usize, end: usize, open_quote: bool, out: &mut Vec<Sentence>) {
    let raw = &text[start..end];
    let lead = raw.len() - raw.trim_start().len();
    let trimmed = raw.trim();
    if trimmed.is_empty() {
        return;
    }
    let mut s = start + lead;
    let end = s + trimmed.len();
    let mut quoted = open_quote || trimmed.starts_with(is_quote);
    while end - s > MAX_SENTENCE_BYTES {
        let limit = floor_char_boundary(text, s + MAX_SENTENCE_BYTES);
        let cut = text[s..limit]
            .rfind(char::is_whitespace)
            .map_or(limit, |i| s + i)
            .max(s + 1);
        let cut = ceil_char_boundary(text, cut);
        out.push(Sentence {
            start: s,
            end: cut,
            quoted,
        });
        s = cut + text[cut..end].len() - text[cut..end].trim_start().len();
        quoted = false;
    }
    if s < end {
        out.push(Sentence {
            start: s,
            end,
            quoted,
        });
    }
}

/// The smallest char boundary at or above `i`.
fn ceil_char_boundary(text: &str, mut i: usize) -> usize {
    while i < text.len() && !text.is_char_boundary(i) {
        i += 1;
    }
    i
}

/// 1-based line and column (in characters) of a byte offset.
pub fn line_col(text: &str, offset: usize) -> (usize, usize) {
    let offset = floor_char_boundary(text, offset.min(text.len()));
    let before = &text[..offset];
    let line = before.bytes().filter(|&b| b == b'\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    (line, before[line_start..].chars().count() + 1)
}

/// Line starts of a text, for many line/column look-ups in one document.
#[derive(Debug, Clone)]
pub struct LineIndex {
    starts: Vec<usize>,
}

impl LineIndex {
    pub fn new(text: &str) -> Self {
        let mut starts = vec![0];
        starts.extend(text.match_indices('\n').map(|(i, _)| i + 1));
        LineIndex { starts }
    }

    pub fn line_col(&self, text: &str, offset: usize) -> (usize, usize) {
        let offset = floor_char_boundary(text, offset.min(text.len()));
        let line = self.starts.partition_point(|&s| s <= offset);
        let start = self.starts[line - 1];
        (line, text[start..offset].chars().count() + 1)
    }
}

/// The fewest words a line needs to be an article's lede rather than a headline, kicker or
/// byline.
const LEDE_WORDS: usize = 12;

/// How many lines a lede is looked for in; the lines before it are headline, standfirst and
/// byline.
const LEAD_LINES: usize = 8;

/// An article's lede: its first paragraph after the headline and standfirst lines (the first
/// line of at least a dozen words that ends a sentence). `None` when no line in the first few
/// is one.
pub fn lede(text: &str, body_start: usize) -> Option<std::ops::Range<usize>> {
    let mut at = body_start;
    for line in text[body_start..].split_inclusive('\n').take(LEAD_LINES) {
        let start = at;
        at += line.len();
        let content = line.trim();
        let ends_sentence = content
            .trim_end_matches(is_closer)
            .ends_with(['.', '!', '?']);
        if ends_sentence && content.split_whitespace().count() >= LEDE_WORDS {
            return Some(start..at);
        }
    }
    None
}

/// The lines above an article's lede that are photo captions or credits, not the story: each
/// one `is_caption` accepts, and each that repeats the line before it (a picture's alt text
/// printed again as its caption). Their figures are no one's claim about the incident, and
/// often describe a file photo of another.
pub fn caption_lines(
    text: &str,
    body_start: usize,
    is_caption: impl Fn(&str) -> bool,
) -> Vec<std::ops::Range<usize>> {
    let end = lede(text, body_start).map_or(text.len(), |l| l.start);
    let mut out = Vec::new();
    let mut previous = "";
    let mut at = body_start;
    for line in text[body_start..end].split_inclusive('\n') {
        let start = at;
        at += line.len();
        let content = line.trim();
        if content.is_empty() {
            continue;
        }
        if content == previous || is_caption(content) {
            out.push(start..at);
        }
        previous = content;
    }
    out
}

/// The largest char boundary at or below `i`.
pub fn floor_char_boundary(text: &str, mut i: usize) -> usize {
    while i > 0 && !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_lede_is_the_first_paragraph_after_the_headline_lines() {
        let text = "Storm floods the valley\n\nBy Jo Reporter\n\nHeavy rain overnight flooded three villages in the valley, and four people died, officials said. More rain is due.\n\nIn 2019, a flood killed 12.";
        let lede = lede(text, 0).expect("a lede");
        assert!(text[lede.clone()].starts_with("Heavy rain"));
        assert!(text[lede].trim_end().ends_with("More rain is due."));
        assert_eq!(super::lede("One\nTwo", 0), None);
    }

    #[test]
    fn captions_above_the_lede_are_found_and_repeats_are_captions() {
        let text = "Rain floods the valley\nA man wades through water (Jo SNAPPER)\nA man wades through water (Jo SNAPPER)\nCars stand in water\nCars stand in water\n\nHeavy rain overnight flooded three villages in the valley, and four people died, officials said.\nCars stand in water\n";
        let found = caption_lines(text, 0, |l| l.ends_with("SNAPPER)"));
        let lines: Vec<&str> = found.iter().map(|r| text[r.clone()].trim()).collect();
        assert_eq!(
            lines,
            [
                "A man wades through water (Jo SNAPPER)",
                "A man wades through water (Jo SNAPPER)",
                "Cars stand in water"
            ]
        );
    }

    fn texts(t: &str) -> Vec<&str> {
        split_sentences(t, 0)
            .iter()
            .map(|s| &t[s.start..s.end])
            .collect()
    }

    #[test]
    fn splits_on_full_stops_but_not_abbreviations() {
        let t = "Maj. Gen. Ryder said the U.S. military struck. It was late. Mr. Patel agreed.";
        assert_eq!(
            texts(t),
            vec![
                "Maj. Gen. Ryder said the U.S. military struck.",
                "It was late.",
                "Mr. Patel agreed."
            ]
        );
    }

    #[test]
    fn headline_lines_are_sentences() {
        let t = "Strike kills 5 fighters: monitor\n\nThe monitor said so.";
        assert_eq!(
            texts(t),
            vec!["Strike kills 5 fighters: monitor", "The monitor said so."]
        );
    }

    #[test]
    fn wrapped_lines_continue_a_sentence() {
        let t = "The group said four of its\nfighters were killed.";
        assert_eq!(texts(t).len(), 1);
    }

    #[test]
    fn multi_sentence_quotes_are_marked_quoted() {
        let t = "“We act. We informed them after,” he said. Then more.";
        let s = split_sentences(t, 0);
        assert_eq!(s.len(), 3);
        assert!(s[0].quoted && s[1].quoted && !s[2].quoted);
    }

    #[test]
    fn closing_quote_stays_with_its_sentence() {
        let t = "He said: “It is over.” The end.";
        assert_eq!(texts(t), vec!["He said: “It is over.”", "The end."]);
    }

    #[test]
    fn overlong_sentences_are_cut_at_spaces() {
        let t = "word ".repeat(1000) + "é".repeat(3000).as_str();
        let s = split_sentences(&t, 0);
        assert!(s.len() > 2);
        assert!(s.iter().all(|x| x.end - x.start <= MAX_SENTENCE_BYTES
            && t.is_char_boundary(x.start)
            && t.is_char_boundary(x.end)));
        assert_eq!(s.last().map(|x| x.end), Some(t.len()));
    }

    #[test]
    fn line_and_column_count_characters() {
        let t = "ab\n“cd” ef";
        assert_eq!(line_col(t, t.find("ef").unwrap()), (2, 6));
        let idx = LineIndex::new(t);
        assert_eq!(idx.line_col(t, t.find("ef").unwrap()), (2, 6));
        assert_eq!(idx.line_col(t, 0), (1, 1));
    }
}
