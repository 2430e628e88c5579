//! The subcommands and their arguments.

mod build;
mod check;
mod credits;
mod new;
mod progress;
mod search;
mod serve;

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};

#[derive(Parser)]
#[command(
    name = "tanni",
    version,
    about = "Builds the renewal-credit site: the regulation, the meeting catalog, search and a credit calculator."
)]
pub struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Check the inputs, then build the site into the output directory.
    Build(build::Args),
    /// Build the site, then serve it on 127.0.0.1 for a preview.
    Serve(serve::Args),
    /// Check the inputs and report every problem, with file, line and column.
    Check(check::Args),
    /// Evaluate a member's record: the credit calculator on the command line.
    Credits(credits::Args),
    /// Search the site as the browser does, from the sources (no build needed).
    Search(search::Args),
    /// Add to the catalog: `tanni new meeting --category N [--region R]`.
    New(new::Args),
}

/// The site root every subcommand reads.
#[derive(clap::Args)]
struct RootArg {
    /// The site's root folder (holding site.toml, catalog/, content/, themes/).
    #[arg(long, default_value = ".")]
    pub root: PathBuf,
}

/// Writes a command's result to standard output. A reader that stopped
/// reading (`tanni search … | head`) ends the output quietly, not with a
/// panic.
fn print_out(text: &str) -> ExitCode {
    use std::io::Write as _;
    let mut out = std::io::stdout().lock();
    match out.write_all(text.as_bytes()).and_then(|()| out.flush()) {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) if error.kind() == std::io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("error: cannot write the output: {error}");
            ExitCode::FAILURE
        }
    }
}

pub fn run(cli: Cli) -> ExitCode {
    match cli.command {
        Command::Build(args) => build::run(args),
        Command::Check(args) => check::run(args),
        Command::Serve(args) => serve::run(args),
        Command::Search(args) => search::run(args),
        Command::Credits(args) => credits::run(args),
        Command::New(args) => new::run(args),
    }
}

#[cfg(test)]
mod tests {
    use clap::CommandFactory;

    #[test]
    fn the_command_line_is_well_formed() {
        super::Cli::command().debug_assert();
    }
}
