//! Rule-file errors that point at the exact place in the file, rendered by `miette`.

use miette::{Diagnostic, NamedSource, SourceSpan};
use std::fmt;
use std::sync::Arc;

/// One rule source file, kept whole so any error can quote it.
#[derive(Debug, Clone)]
pub struct SourceFile {
    pub name: String,
    pub text: Arc<str>,
}

impl SourceFile {
    pub fn new(name: impl Into<String>, text: impl Into<Arc<str>>) -> Self {
        SourceFile {
            name: name.into(),
            text: text.into(),
        }
    }

    /// 1-based line and column of a byte offset.
    pub fn line_col(&self, offset: usize) -> (usize, usize) {
        crate::text::line_col(&self.text, offset)
    }
}

/// A problem in a rule file: what, where, and what to do about it.
#[derive(Debug, Clone, Diagnostic)]
#[diagnostic(code(contra::rules))]
pub struct RuleError {
    pub message: String,
    #[source_code]
    pub src: NamedSource<Arc<str>>,
    #[label("{label}")]
    pub span: SourceSpan,
    pub label: String,
    #[help]
    pub help: Option<String>,
    /// "file:line:column", for plain-text listings and tests.
    pub location: String,
}

impl fmt::Display for RuleError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.location, self.message)
    }
}

impl std::error::Error for RuleError {}

impl RuleError {
    pub fn new(
        file: &SourceFile,
        span: std::ops::Range<usize>,
        message: impl Into<String>,
    ) -> Self {
        let start = span.start.min(file.text.len());
        let end = span.end.clamp(start, file.text.len());
        let (line, col) = file.line_col(start);
        RuleError {
            message: message.into(),
            src: NamedSource::new(file.name.clone(), file.text.clone()),
            span: (start, end - start).into(),
            label: "here".into(),
            help: None,
            location: format!("{}:{}:{}", file.name, line, col),
        }
    }

    pub fn with_help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }

    pub fn with_label(mut self, label: impl Into<String>) -> Self {
        self.label = label.into();
        self
    }
}

/// Every problem found while loading a rule folder; nothing runs while there is one.
#[derive(Debug, Clone, Diagnostic)]
#[diagnostic(
    code(contra::rules::invalid),
    help("fix the rule files above; no rule was run")
)]
pub struct RuleErrors {
    #[related]
    pub errors: Vec<RuleError>,
}

impl fmt::Display for RuleErrors {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let n = self.errors.len();
        write!(
            f,
            "{n} problem{} in the rule files",
            if n == 1 { "" } else { "s" }
        )
    }
}

impl std::error::Error for RuleErrors {}

/// "did you mean" from the closest candidate by Jaro-Winkler similarity.
pub fn did_you_mean<'a>(
    word: &str,
    candidates: impl IntoIterator<Item = &'a str>,
) -> Option<String> {
    candidates
        .into_iter()
        .map(|c| (strsim::jaro_winkler(word, c), c))
        .filter(|(score, _)| *score > 0.8)
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, c)| format!("did you mean `{c}`?"))
}
