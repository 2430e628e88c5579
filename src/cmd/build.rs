//! `tanni build`: check, render and write the site.

use std::path::PathBuf;
use std::process::ExitCode;

use tanni::config::EngineKind;
use tanni::pipeline::{build_with, BuildError, BuildOptions, BuildReport};

use super::progress::Shown;
use super::RootArg;

#[derive(clap::Args)]
pub struct Args {
    #[command(flatten)]
    pub root: RootArg,
    /// Where to write the site [default: ROOT/public]
    #[arg(long)]
    output_dir: Option<PathBuf>,
    /// The URL the site is published at, sub-path included
    /// (https://example.github.io/repo/), for sitemap.xml, robots.txt,
    /// canonical links and the links of 404.html [default: base_url of
    /// site.toml]
    #[arg(long)]
    base_url: Option<String>,
    /// The template engine [default: template_engine of site.toml]
    #[arg(long, value_enum)]
    template_engine: Option<EngineArg>,
}

/// The template engines, as the command line names them.
#[derive(Clone, Copy, clap::ValueEnum)]
enum EngineArg {
    Tera,
    Minijinja,
}

impl Args {
    pub fn options(&self) -> BuildOptions {
        BuildOptions {
            output_dir: self.output_dir.clone(),
            base_url: self.base_url.clone(),
            template_engine: self.template_engine.map(|engine| match engine {
                EngineArg::Tera => EngineKind::Tera,
                EngineArg::Minijinja => EngineKind::Minijinja,
            }),
        }
    }
}

pub fn run(args: Args) -> ExitCode {
    let progress = Shown::new();
    let result = build_with(&args.root.root, &args.options(), &progress);
    progress.finish();
    if report(result) {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    }
}

/// Prints what a build did or why it stopped; true when it succeeded.
pub fn report(result: Result<BuildReport, BuildError>) -> bool {
    match result {
        Ok(report) => {
            eprintln!(
                "built {} meetings into {}: {} files, {} of them written, {:.1} MiB in {:.0?} (load {:.0?}, render and write {:.0?}, flush {:.0?})",
                report.meetings,
                report.output_dir.display(),
                report.files,
                report.changed,
                report.bytes as f64 / (1024.0 * 1024.0),
                report.elapsed(),
                report.stages[0],
                report.stages[1],
                report.stages[2],
            );
            true
        }
        Err(BuildError::Invalid(problems)) => {
            eprintln!("{problems}");
            eprintln!("the previous output, if any, was left as it was");
            false
        }
        Err(BuildError::Refused(refusal)) => {
            eprintln!("error: {refusal}");
            eprintln!("nothing was written");
            false
        }
        Err(BuildError::Failed(error)) => {
            eprintln!("error: {error:#}");
            eprintln!("the previous output, if any, was left as it was");
            false
        }
    }
}
