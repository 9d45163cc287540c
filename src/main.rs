//! The command line: parse arguments, call the library, print errors once.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};

use civic_archive::config::Config;
use civic_archive::{build, Paths};

#[derive(Parser)]
#[command(
    name = "civic-archive",
    version,
    about = "Build a browsable archive website from raw news articles about local government"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Build the site from content/ into public/.
    Build {
        /// Folder of raw articles (.txt), sidecar corrections (.toml) and pages (trang/*.md).
        #[arg(long, default_value = "content")]
        content: PathBuf,
        /// Folder the site is written to; replaced whole at the end of the build.
        #[arg(long, default_value = "public")]
        output: PathBuf,
        /// Site address, e.g. https://user.github.io/repo/ (overrides archive.toml).
        #[arg(long)]
        base_url: Option<String>,
        /// The site configuration file.
        #[arg(long, default_value = "archive.toml")]
        config: PathBuf,
        /// Templates that override the built-in ones.
        #[arg(long, default_value = "templates")]
        templates: PathBuf,
        /// Files copied into the site as they are.
        #[arg(long = "static", default_value = "static")]
        static_dir: PathBuf,
        /// Print nothing but errors.
        #[arg(long, short)]
        quiet: bool,
    },
    /// Write N generated raw articles (deterministic from --seed), for benchmarks.
    GenCorpus {
        /// How many articles to write.
        #[arg(long)]
        articles: usize,
        /// Same seed and count, same bytes.
        #[arg(long, default_value_t = 1)]
        seed: u64,
        /// New or empty folder for the raw articles (.txt).
        #[arg(long)]
        out: PathBuf,
        /// Also write the same articles as Hugo Markdown pages into this new or empty folder.
        #[arg(long)]
        hugo: Option<PathBuf>,
    },
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Command::Build {
            content,
            output,
            base_url,
            config,
            templates,
            static_dir,
            quiet,
        } => {
            let run = || -> civic_archive::error::Result<civic_archive::BuildReport> {
                let mut cfg = Config::load(&config)?;
                if let Some(url) = base_url {
                    cfg.set_base_url(&url).map_err(|message| {
                        civic_archive::error::Error::Config {
                            path: PathBuf::from("--base-url"),
                            message,
                        }
                    })?;
                }
                let paths = Paths {
                    content,
                    output,
                    templates,
                    static_dir,
                };
                build(&paths, &cfg)
            };
            match run() {
                Ok(report) => {
                    if !quiet {
                        for w in &report.warnings {
                            eprintln!("warning: {w}");
                        }
                        for n in &report.notices {
                            eprintln!("note: {n}");
                        }
                        println!(
                            "built {} articles, {} files in {:.2} s",
                            report.articles, report.files, report.seconds
                        );
                    }
                    ExitCode::SUCCESS
                }
                Err(e) => {
                    eprintln!("error: {e}");
                    ExitCode::FAILURE
                }
            }
        }
        Command::GenCorpus {
            articles,
            seed,
            out,
            hugo,
        } => {
            let run = || -> std::io::Result<()> {
                civic_archive::corpus::generate(articles, seed, &out)?;
                if let Some(dir) = &hugo {
                    civic_archive::corpus::generate_hugo(articles, seed, dir)?;
                }
                Ok(())
            };
            match run() {
                Ok(()) => ExitCode::SUCCESS,
                Err(e) => {
                    eprintln!("error: {e}");
                    ExitCode::FAILURE
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use clap::CommandFactory;

    #[test]
    fn verify_app() {
        super::Cli::command().debug_assert();
    }
}
