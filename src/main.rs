//! The command line: parse arguments, call the library, print errors once.

use std::io::IsTerminal;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Args, Parser, Subcommand};
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

use civic_archive::config::Config;
use civic_archive::error::{Error, Result};
use civic_archive::{analyse, build_with_progress, check, BuildReport, Paths};

/// A build makes and frees millions of small strings from many threads at
/// once; mimalloc's per-thread heaps do that with less CPU than glibc's
/// malloc (measured in README, Performance).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

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

/// Where a build reads and writes: shared by `build` and `serve`.
#[derive(Args)]
struct SiteArgs {
    /// Folder of raw articles (.txt), sidecar corrections (.toml) and pages (trang/*.md).
    #[arg(long, default_value = "content")]
    content: PathBuf,
    /// Folder the site is written to; replaced whole at the end of the build.
    #[arg(long, default_value = "public")]
    output: PathBuf,
    /// Site address, e.g. https://user.github.io/repo/ (overrides archive.toml;
    /// `serve` uses only its path).
    #[arg(long)]
    base_url: Option<String>,
    /// The site configuration file.
    #[arg(long, default_value = "archive.toml")]
    config: PathBuf,
    /// Templates that override the built-in ones, by file name.
    #[arg(long, default_value = "templates")]
    templates: PathBuf,
    /// Files copied into the site as they are.
    #[arg(long = "static", default_value = "static")]
    static_dir: PathBuf,
}

impl SiteArgs {
    fn paths(&self) -> Paths {
        Paths {
            content: self.content.clone(),
            output: self.output.clone(),
            templates: self.templates.clone(),
            static_dir: self.static_dir.clone(),
        }
    }
}

#[derive(Subcommand)]
enum Command {
    /// Build the site from content/ into public/.
    Build {
        #[command(flatten)]
        site: SiteArgs,
        /// Print nothing but errors.
        #[arg(long, short)]
        quiet: bool,
    },
    /// Read and analyse content/ without writing anything: print what was
    /// extracted from each article and what looks wrong (exit code 1 then).
    Check {
        /// Folder of raw articles.
        #[arg(long, default_value = "content")]
        content: PathBuf,
        /// The site configuration file (checked too).
        #[arg(long, default_value = "archive.toml")]
        config: PathBuf,
    },
    /// Build, serve the site on 127.0.0.1, rebuild when content, templates,
    /// static files or the config change, and reload the open page.
    Serve {
        #[command(flatten)]
        site: SiteArgs,
        /// Port on 127.0.0.1.
        #[arg(long, short, default_value_t = 8000)]
        port: u16,
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

/// The error and the causes its own message does not already say, once.
fn print_error(e: &Error) {
    let mut msg = e.to_string();
    let mut src = std::error::Error::source(e);
    while let Some(s) = src {
        let part = s.to_string();
        if !msg.contains(&part) {
            msg.push_str(": ");
            msg.push_str(&part);
        }
        src = s.source();
    }
    eprintln!("error: {msg}");
}

fn load_config(path: &Path, base_url: Option<&str>) -> Result<Config> {
    let mut cfg = Config::load(path)?;
    if let Some(url) = base_url {
        cfg.set_base_url(url).map_err(|message| Error::Config {
            path: PathBuf::from("--base-url"),
            message,
        })?;
    }
    Ok(cfg)
}

fn run_build(paths: &Paths, cfg: &Config, quiet: bool) -> Result<BuildReport> {
    // A bar only for a person watching a terminal; logs and CI get nothing.
    let bar = if !quiet && std::io::stderr().is_terminal() {
        let bar = ProgressBar::with_draw_target(Some(0), ProgressDrawTarget::stderr());
        if let Ok(style) = ProgressStyle::with_template("{bar:30} {pos}/{len} bài viết {msg}") {
            bar.set_style(style);
        }
        bar
    } else {
        ProgressBar::hidden()
    };
    let report = build_with_progress(paths, cfg, &|done, total| {
        bar.set_length(total);
        bar.set_position(done);
    });
    bar.finish_and_clear();
    report
}

fn main() -> ExitCode {
    civic_archive::keep_freed_memory();
    let cli = Cli::parse();
    match cli.command {
        Command::Build { site, quiet } => {
            let paths = site.paths();
            let result = load_config(&site.config, site.base_url.as_deref())
                .and_then(|cfg| run_build(&paths, &cfg, quiet));
            match result {
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
                    print_error(&e);
                    ExitCode::FAILURE
                }
            }
        }
        Command::Serve { site, port } => {
            let opts = civic_archive::serve::ServeOptions {
                paths: site.paths(),
                config_file: site.config,
                base_url: site.base_url,
                port,
            };
            match civic_archive::serve::serve(opts) {
                Ok(()) => ExitCode::SUCCESS,
                Err(e) => {
                    print_error(&e);
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
        Command::Check { content, config } => {
            let result = load_config(&config, None).and_then(|_| analyse(&content));
            match result {
                Ok(analysis) => {
                    let report =
                        check::report(&analysis.archive, &analysis.warnings, check::doubts);
                    print!("{}", report.text);
                    if report.problems > 0 {
                        ExitCode::FAILURE
                    } else {
                        ExitCode::SUCCESS
                    }
                }
                Err(e) => {
                    print_error(&e);
                    ExitCode::from(2)
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
