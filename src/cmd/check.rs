//! `tanni check`: report every problem of the inputs at once.

use std::process::ExitCode;

use tanni::load::load_site;

use super::RootArg;

#[derive(clap::Args)]
pub struct Args {
    #[command(flatten)]
    root: RootArg,
}

pub fn run(args: Args) -> ExitCode {
    match load_site(&args.root.root) {
        Ok(site) => super::print_out(&format!(
            "ok: {} meetings in {} categories, {} content pages, {} UI strings\n",
            site.catalog.meetings.len(),
            site.catalog.categories.len(),
            site.pages.len(),
            site.strings.ja.len()
        )),
        Err(problems) => {
            eprintln!("{problems}");
            ExitCode::FAILURE
        }
    }
}
