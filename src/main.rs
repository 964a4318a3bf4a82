//! The `dossier` command: parses the arguments, runs the library, prints
//! the error chain once.

mod cli;
mod reporter;
mod usage;

use std::process::ExitCode;

use clap::Parser;

// jemalloc: a build allocates on every core, where it is faster than the
// system allocator and holds less memory at the peak (see Cargo.toml).
#[cfg(not(target_env = "msvc"))]
#[global_allocator]
static GLOBAL: tikv_jemallocator::Jemalloc = tikv_jemallocator::Jemalloc;

fn main() -> ExitCode {
    let cli = cli::Cli::parse();
    match cli::run(cli) {
        Ok(code) => code,
        Err(err) => {
            eprintln!("error: {err}");
            for cause in err.chain().skip(1) {
                eprintln!("  caused by: {cause}");
            }
            ExitCode::from(2)
        }
    }
}
