//! How far a build has got, on stderr: a bar where stderr is a terminal, a
//! line per stage where it is not (a log, a CI run).

use std::io::IsTerminal as _;
use std::time::Duration;

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use tanni::pipeline::Progress;

pub struct Shown {
    /// The bar, where stderr is a terminal.
    bar: Option<ProgressBar>,
}

impl Shown {
    pub fn new() -> Self {
        let bar = std::io::stderr().is_terminal().then(|| {
            let bar = ProgressBar::with_draw_target(None, ProgressDrawTarget::stderr());
            bar.enable_steady_tick(Duration::from_millis(120));
            bar
        });
        Shown { bar }
    }

    /// Takes the bar off the terminal before the report is printed.
    pub fn finish(&self) {
        if let Some(bar) = &self.bar {
            bar.finish_and_clear();
        }
    }
}

impl Progress for Shown {
    fn stage(&self, name: &str, files: Option<u64>) {
        let Some(bar) = &self.bar else {
            match files {
                Some(files) => eprintln!("{name}: {files} files"),
                None => eprintln!("{name}"),
            }
            return;
        };
        match files {
            Some(files) => {
                bar.set_style(
                    ProgressStyle::with_template(
                        "{msg} [{bar:30}] {pos}/{len} files, {elapsed}, {eta} left",
                    )
                    .expect("a valid template")
                    .progress_chars("=> "),
                );
                bar.set_length(files);
                bar.set_position(0);
            }
            None => {
                bar.set_style(
                    ProgressStyle::with_template("{spinner} {msg}, {elapsed}")
                        .expect("a valid template"),
                );
            }
        }
        bar.set_message(name.to_string());
    }

    fn advance(&self) {
        if let Some(bar) = &self.bar {
            bar.inc(1);
        }
    }

    fn more(&self, files: u64) {
        if let Some(bar) = &self.bar {
            bar.inc_length(files);
        }
    }
}
