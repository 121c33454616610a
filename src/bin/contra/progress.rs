//! What a long check shows on standard error while it runs.

use contra::Stage;
use std::io::IsTerminal;

/// Articles read before the spinner appears: small runs finish before it would matter.
const SHOW_AFTER: u64 = 500;

/// A spinner on standard error, shown only for large corpora and only on a terminal: articles
/// read, then the stage the run is in.
pub struct Spinner {
    bar: indicatif::ProgressBar,
    /// Whether it may ever be drawn (a terminal, and not `--quiet`).
    drawable: bool,
}

impl Spinner {
    pub fn new(quiet: bool) -> Self {
        let bar = indicatif::ProgressBar::hidden();
        bar.set_style(
            indicatif::ProgressStyle::with_template("{spinner} {pos} articles read ({per_sec})")
                .expect("static template"),
        );
        Spinner {
            bar,
            drawable: !quiet && std::io::stderr().is_terminal(),
        }
    }

    pub fn finish(&self) {
        self.bar.finish_and_clear();
    }

    fn shown(&self) -> bool {
        self.drawable && self.bar.position() >= SHOW_AFTER
    }
}

impl contra::Progress for Spinner {
    fn article(&self) {
        self.bar.inc(1);
        if self.drawable && self.bar.position() == SHOW_AFTER {
            self.bar
                .set_draw_target(indicatif::ProgressDrawTarget::stderr());
            self.bar
                .enable_steady_tick(std::time::Duration::from_millis(200));
        }
    }

    fn stage(&self, stage: Stage) {
        if !self.shown() {
            return;
        }
        self.bar.set_style(
            indicatif::ProgressStyle::with_template("{spinner} {msg}").expect("static template"),
        );
        self.bar.set_message(match stage {
            Stage::Grouping { documents } => format!("grouping {documents} articles into events"),
            Stage::Comparing { events } => format!("comparing claims within {events} events"),
        });
    }
}
