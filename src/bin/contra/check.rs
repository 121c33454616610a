//! `contra check`: settings, rules, the run, the report, the exit code.

use crate::cli::{CheckArgs, RulesArg};
use crate::error::{Error, Result};
use crate::progress::Spinner;
use crate::{allocator, color, load_rules, print};
use contra::baseline;
use contra::config::{self, Config};
use contra::corpus::Limits;
use contra::report::{self, Format, Options};
use std::path::PathBuf;
use std::process::ExitCode;

/// contra.toml (found upward, or named) merged with the flags, which win.
fn settings(args: &CheckArgs) -> Result<(Config, Option<PathBuf>)> {
    let file = if args.no_config {
        None
    } else {
        args.config.clone().or_else(|| {
            std::env::current_dir()
                .ok()
                .and_then(|d| config::discover(&d))
        })
    };
    let from_file = match &file {
        Some(path) => config::load(path).map_err(Error::Config)?,
        None => Config::default(),
    };
    let flags = Config {
        rules: args.rules.rules.clone(),
        include: args.paths.clone(),
        exclude: args.exclude.clone(),
        baseline: args.baseline.clone(),
        format: args.format.map(|f| f.name().to_string()),
        select: args.select.clone(),
        ignore: args.ignore.clone(),
        fail_on: args.fail_on.clone(),
        jobs: args.jobs,
        quiet: args.quiet,
        max_article_size: args.max_article_size.clone(),
    };
    Ok((from_file.overridden_by(flags), file))
}

fn parse_format(name: Option<&str>) -> Result<Format> {
    use clap::ValueEnum;
    match name {
        None => Ok(Format::Human),
        Some(n) => Format::from_str(n, true).map_err(|_| {
            let names: Vec<&str> = Format::ALL.iter().map(|f| f.name()).collect();
            Error::usage(format!("unknown format `{n}`: {}", names.join(", ")))
        }),
    }
}

fn limits(settings: &Config) -> Result<Limits> {
    match settings.max_article_size.as_deref().map(config::parse_size) {
        None => Ok(Limits::default()),
        Some(Ok(bytes)) => Ok(Limits {
            max_article_bytes: bytes,
        }),
        Some(Err(e)) => Err(Error::usage(format!("--max-article-size: {e}"))),
    }
}

pub fn run(args: CheckArgs) -> Result<ExitCode> {
    let (settings, file) = settings(&args)?;
    if args.show_config {
        let origin = file.map_or("no contra.toml".to_string(), |f| {
            format!("from {} and the flags", f.display())
        });
        print(&format!(
            "# settings in force: {origin}\n{}",
            settings.to_toml()
        ))?;
        return Ok(ExitCode::SUCCESS);
    }
    let format = parse_format(settings.format.as_deref())?;
    if let Some(n) = settings.jobs {
        // Only fails if a pool exists already, which cannot happen this early.
        let _ = rayon::ThreadPoolBuilder::new()
            .num_threads(n.max(1))
            .build_global();
    }
    let mut rules = load_rules(&RulesArg {
        rules: settings.rules.clone(),
    })?;
    rules
        .select(&settings.select, &settings.ignore)
        .map_err(Error::Usage)?;
    allocator::release_at_once();
    if settings.include.is_empty() {
        return Err(Error::usage(
            "nothing to check: give articles or folders, or `include` in contra.toml",
        ));
    }
    let limits = limits(&settings)?;
    let spinner = Spinner::new(settings.quiet);
    let mut report = contra::check_inputs(
        &rules,
        &settings.include,
        &settings.exclude,
        limits,
        &spinner,
    );
    spinner.finish();
    if let Some(path) = &args.write_baseline {
        baseline::write(path, &report).map_err(Error::Usage)?;
    }
    if let Some(path) = &settings.baseline {
        let known = baseline::load(path).map_err(Error::Usage)?;
        let hidden = baseline::apply(&mut report, &known);
        if !settings.quiet && hidden > 0 {
            eprintln!(
                "contra: {hidden} known disagreement{} hidden by the baseline {}",
                if hidden == 1 { "" } else { "s" },
                path.display()
            );
        }
    }
    if !settings.quiet {
        stream(|w| {
            let options = Options {
                rules: &rules,
                color: color(),
            };
            report::write(format, &report, options, w)
        })?;
        for e in &report.errors {
            eprintln!("contra: skipped {}: {}", e.path, e.message);
        }
        for w in &report.warnings {
            eprintln!("contra: warning: {}: {}", w.path, w.message);
        }
    }
    if report.documents.is_empty() {
        return Err(Error::usage("no readable article among the inputs"));
    }
    // Recording a baseline accepts what is there: that run succeeds.
    let failing = args.write_baseline.is_none()
        && report
            .contradictions
            .iter()
            .any(|c| settings.fails_on(&c.rule));
    // The process ends here: freeing a large report piece by piece only costs time (0.4 s of
    // the 200,000-article benchmark), and the system takes the memory back whole. The claims
    // file is unnamed, so it goes when the process closes it.
    std::mem::forget(report);
    std::mem::forget(rules);
    Ok(if failing && !args.exit_zero {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}

/// Writes a report, which can be as large as the corpus, straight to stdout, buffered.
fn stream(write: impl FnOnce(&mut dyn std::io::Write) -> std::io::Result<()>) -> Result<()> {
    use std::io::Write;
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    write(&mut out)?;
    out.flush()?;
    Ok(())
}
