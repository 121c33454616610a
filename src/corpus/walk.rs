//! What to read: files named on the command line, folders walked with ignore files honoured
//! (`.gitignore`, `.ignore`, hidden entries skipped) and `--exclude` globs, standard input.

use super::InputError;
use ignore::WalkBuilder;
use ignore::overrides::OverrideBuilder;
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

/// Extensions read as articles when a folder is walked.
const ARTICLE_EXTENSIONS: &[&str] = &["txt", "md", "markdown"];
/// Extensions read as JSON Lines corpora (one article per line).
const JSONL_EXTENSIONS: &[&str] = &["jsonl", "ndjson"];

/// One source of articles.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub enum Input {
    /// One article per file.
    File(PathBuf),
    /// One article per line.
    JsonLines(PathBuf),
    /// One article, or JSON Lines when it starts with `{`.
    Stdin,
}

fn extension_in(path: &Path, list: &[&str]) -> bool {
    path.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| list.contains(&e.to_ascii_lowercase().as_str()))
}

fn classify(path: PathBuf) -> Input {
    if extension_in(&path, JSONL_EXTENSIONS) {
        Input::JsonLines(path)
    } else {
        Input::File(path)
    }
}

/// The inputs to read, sorted so runs are reproducible whatever order the paths came in.
/// A file named directly is read whatever its extension; `exclude` globs apply to walked folders
/// and to named files alike.
pub fn collect_inputs(paths: &[PathBuf], exclude: &[String]) -> (Vec<Input>, Vec<InputError>) {
    let mut inputs = BTreeSet::new();
    let mut errors = Vec::new();
    let excluded = match exclusion(exclude) {
        Ok(e) => e,
        Err(message) => {
            errors.push(InputError {
                path: "--exclude".into(),
                message,
            });
            return (Vec::new(), errors);
        }
    };
    for path in paths {
        if path.as_os_str() == "-" {
            inputs.insert(Input::Stdin);
        } else if path.is_dir() {
            walk(path, exclude, &mut inputs, &mut errors);
        } else if path.exists() {
            if !excluded.as_ref().is_some_and(|g| g.is_match(path)) {
                inputs.insert(classify(path.clone()));
            }
        } else {
            errors.push(InputError {
                path: path.display().to_string(),
                message: "no such file or folder".into(),
            });
        }
    }
    (inputs.into_iter().collect(), errors)
}

fn exclusion(exclude: &[String]) -> Result<Option<globset::GlobSet>, String> {
    if exclude.is_empty() {
        return Ok(None);
    }
    let mut set = globset::GlobSetBuilder::new();
    for g in exclude {
        set.add(globset::Glob::new(g).map_err(|e| format!("bad glob {g:?}: {e}"))?);
    }
    set.build().map(Some).map_err(|e| e.to_string())
}

fn walk(
    dir: &Path,
    exclude: &[String],
    inputs: &mut BTreeSet<Input>,
    errors: &mut Vec<InputError>,
) {
    let mut overrides = OverrideBuilder::new(dir);
    for g in exclude {
        if let Err(e) = overrides.add(&format!("!{g}")) {
            errors.push(InputError {
                path: "--exclude".into(),
                message: format!("bad glob {g:?}: {e}"),
            });
        }
    }
    let mut builder = WalkBuilder::new(dir);
    builder
        .hidden(true)
        .git_ignore(true)
        .ignore(true)
        .require_git(false)
        .follow_links(true);
    if let Ok(o) = overrides.build() {
        builder.overrides(o);
    }
    for entry in builder.build() {
        match entry {
            Ok(e) if e.file_type().is_some_and(|t| t.is_file()) => {
                let path = e.into_path();
                if extension_in(&path, ARTICLE_EXTENSIONS) || extension_in(&path, JSONL_EXTENSIONS)
                {
                    inputs.insert(classify(path));
                }
            }
            Ok(_) => {}
            Err(e) => errors.push(InputError {
                path: dir.display().to_string(),
                message: format!("cannot walk: {e}"),
            }),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn walks_folders_honouring_ignore_files_and_excludes() {
        let dir = tempfile::tempdir().expect("tempdir");
        let p = dir.path();
        for name in [
            "a.txt",
            "b.md",
            "c.jsonl",
            "skip.txt",
            "notes.pdf",
            ".hidden.txt",
        ] {
            std::fs::write(p.join(name), "x").expect("write");
        }
        std::fs::create_dir(p.join("drafts")).expect("mkdir");
        std::fs::write(p.join("drafts/d.txt"), "x").expect("write");
        std::fs::write(p.join(".ignore"), "skip.txt\n").expect("write");
        let (inputs, errors) = collect_inputs(&[p.to_path_buf()], &["drafts/**".to_string()]);
        assert!(errors.is_empty(), "{errors:?}");
        let names: Vec<String> = inputs
            .iter()
            .map(|i| match i {
                Input::File(f) | Input::JsonLines(f) => f
                    .file_name()
                    .map(|n| n.to_string_lossy().into_owned())
                    .unwrap_or_default(),
                Input::Stdin => "-".into(),
            })
            .collect();
        assert_eq!(names, vec!["a.txt", "b.md", "c.jsonl"]);
    }

    #[test]
    fn a_missing_path_is_an_error_not_a_stop() {
        let (inputs, errors) =
            collect_inputs(&[PathBuf::from("no/such/path"), PathBuf::from("-")], &[]);
        assert_eq!(inputs, vec![Input::Stdin]);
        assert_eq!(errors.len(), 1);
    }
}
