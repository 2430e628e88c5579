//! `tanni check`: report every problem of the inputs at once, then render
//! the site in memory, so that what passes the check also builds.

use std::process::ExitCode;

use tanni::pipeline::{check, BuildError, CheckReport};

use super::RootArg;

#[derive(clap::Args)]
pub struct Args {
    #[command(flatten)]
    root: RootArg,
}

pub fn run(args: Args) -> ExitCode {
    match check(&args.root.root) {
        Ok(CheckReport { site, files }) => super::print_out(&format!(
            "ok: {} meetings in {} categories, {} content pages, {} UI strings; a build writes {files} files\n",
            site.catalog.meetings.len(),
            site.catalog.categories.len(),
            site.pages.len(),
            site.strings.ja.len()
        )),
        Err(BuildError::Invalid(problems)) => {
            eprintln!("{problems}");
            ExitCode::FAILURE
        }
        Err(error) => {
            eprintln!("error: {error:#}");
            ExitCode::FAILURE
        }
    }
}
