//! Making untrusted text safe in a page: every article's words, names, paths and addresses go
//! through here before they reach the HTML.
//!
//! Hand-written rather than a crate's: escaping the five characters that matter is a few lines,
//! and the page also needs what escaping crates do not do, replacing the code points an HTML
//! document may not hold (NUL, C0/C1 controls, noncharacters) so that any article still gives
//! a page that validates.

use std::fmt::Write;

/// `text` escaped for an element's content or a quoted attribute value.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    push(&mut out, text);
    out
}

/// Appends `text`, escaped, to `out`.
pub fn push(out: &mut String, text: &str) {
    for ch in text.chars() {
        match ch {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            '\r' => out.push(' '),
            c if forbidden(c) => out.push('\u{FFFD}'),
            c => out.push(c),
        }
    }
}

/// Code points HTML forbids in a document (controls other than whitespace, noncharacters).
fn forbidden(c: char) -> bool {
    let n = c as u32;
    (c.is_control() && !matches!(c, '\n' | '\t' | '\u{c}'))
        || (0xFDD0..=0xFDEF).contains(&n)
        || (n & 0xFFFE) == 0xFFFE
}

/// An address a link may point to: only the web's own schemes, so a `javascript:` or `data:`
/// URL in an article's metadata stays text and can never run. Characters a URL may not hold
/// as they are (spaces, quotes, brackets, controls) are percent-encoded.
pub fn safe_url(url: &str) -> Option<String> {
    let url = url.trim();
    let lower = url.get(..8).unwrap_or(url).to_ascii_lowercase();
    if !(lower.starts_with("https://") || lower.starts_with("http://")) {
        return None;
    }
    let mut out = String::with_capacity(url.len());
    for ch in url.chars() {
        if ch.is_control() || ch.is_whitespace() || "\"<>\\^`{|}".contains(ch) {
            let mut buf = [0; 4];
            for b in ch.encode_utf8(&mut buf).bytes() {
                let _ = write!(out, "%{b:02X}");
            }
        } else {
            out.push(ch);
        }
    }
    Some(out)
}

/// A value for an `id` attribute or a fragment: letters, digits, `-` and `_` kept, anything
/// else as `_` plus its code, so two ids stay distinct.
pub fn ident(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for ch in text.chars() {
        if ch.is_ascii_alphanumeric() || ch == '-' {
            out.push(ch);
        } else {
            let _ = write!(out, "_{:x}", ch as u32);
        }
    }
    out
}

/// The Content-Security-Policy hash of an inline script: only that script may run, so even
/// markup that slipped through escaping could not execute.
pub fn script_hash(script: &str) -> String {
    use base64::Engine;
    use sha2::{Digest, Sha256};
    let digest = Sha256::digest(script.as_bytes());
    format!(
        "sha256-{}",
        base64::engine::general_purpose::STANDARD.encode(digest)
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markup_and_quotes_are_escaped() {
        assert_eq!(
            escape(r#"<script>alert("x")</script> & 'y'"#),
            "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;y&#39;"
        );
        assert_eq!(escape("plain, ünïcode — עברית"), "plain, ünïcode — עברית");
    }

    #[test]
    fn forbidden_code_points_are_replaced() {
        assert_eq!(
            escape("a\u{0}b\u{7}c\u{85}d\u{FFFF}e\u{FDD0}"),
            "a\u{FFFD}b\u{FFFD}c\u{FFFD}d\u{FFFD}e\u{FFFD}"
        );
        assert_eq!(escape("line\nnext\ttab\r"), "line\nnext\ttab ");
    }

    #[test]
    fn only_web_links() {
        assert_eq!(
            safe_url(" https://a.example/x "),
            Some("https://a.example/x".into())
        );
        assert_eq!(
            safe_url("HTTP://a.example"),
            Some("HTTP://a.example".into())
        );
        assert_eq!(
            safe_url("https://a.example/\"><b x=1>"),
            Some("https://a.example/%22%3E%3Cb%20x=1%3E".into())
        );
        assert_eq!(safe_url("javascript:alert(1)"), None);
        assert_eq!(safe_url("data:text/html,<script>"), None);
        assert_eq!(safe_url("//a.example"), None);
    }

    #[test]
    fn idents_are_distinct_and_plain() {
        assert_eq!(
            ident("e1/death_toll/fighters"),
            "e1_2fdeath_5ftoll_2ffighters"
        );
        assert_ne!(ident("a b"), ident("a_b"));
        assert!(
            ident("<x\">")
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || "_-".contains(c))
        );
    }

    #[test]
    fn hash_of_a_known_script() {
        // sha256 of the empty string, base64.
        assert_eq!(
            script_hash(""),
            "sha256-47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU="
        );
    }
}
