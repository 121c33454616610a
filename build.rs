//! Embeds every file of `rules/` into the binary, so `contra` works from any directory and a
//! new rule file needs no Rust change to ship.

use std::{env, fs, path::Path};

fn main() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("rules");
    println!("cargo:rerun-if-changed={}", dir.display());
    let mut names: Vec<String> = fs::read_dir(&dir)
        .expect("rules/ folder")
        .filter_map(|e| e.ok())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| (n.ends_with(".toml") || n.ends_with(".tsv")) && !n.starts_with('.'))
        .collect();
    names.sort();
    let mut out = String::from(
        "/// The shipped rule files: (file name, contents).\npub const BUILTIN_RULES: &[(&str, &str)] = &[\n",
    );
    for name in names {
        println!("cargo:rerun-if-changed={}", dir.join(&name).display());
        out.push_str(&format!(
            "    ({name:?}, include_str!(concat!(env!(\"CARGO_MANIFEST_DIR\"), \"/rules/{name}\"))),\n"
        ));
    }
    out.push_str("];\n");
    let dest = Path::new(&env::var("OUT_DIR").expect("OUT_DIR")).join("builtin_rules.rs");
    fs::write(dest, out).expect("write builtin_rules.rs");
}
