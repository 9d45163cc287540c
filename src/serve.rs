//! `serve`: build, serve the site on 127.0.0.1 under its base path, rebuild
//! when content, templates, static files or the config change, and reload
//! the open page.
//!
//! Reloading is a long poll: pages served here (never the built files) get
//! a small script that asks `/__civic-archive/reload?after=N` and reloads
//! when the build generation passes N. No websocket, no extra dependency.

use std::path::{Component, Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{mpsc, Arc, Condvar, Mutex};
use std::time::{Duration, Instant};

use notify::{RecursiveMode, Watcher};

use crate::config::Config;
use crate::error::{Error, Result};
use crate::{Builder, Paths};

const RELOAD_PATH: &str = "/__civic-archive/reload";
/// How long a reload poll waits before answering "nothing new".
const POLL_WAIT: Duration = Duration::from_secs(25);
/// Changes arriving within this window are one rebuild (an editor's save
/// often touches a file twice).
const DEBOUNCE: Duration = Duration::from_millis(80);

/// Settings of a `serve` run.
pub struct ServeOptions {
    pub paths: Paths,
    pub config_file: PathBuf,
    pub base_url: Option<String>,
    pub port: u16,
}

/// The build generation, and a condition the reload polls wait on.
#[derive(Default)]
struct Generation {
    value: AtomicU64,
    lock: Mutex<()>,
    changed: Condvar,
}

impl Generation {
    fn bump(&self) {
        let _guard = self.lock.lock();
        self.value.fetch_add(1, Ordering::SeqCst);
        self.changed.notify_all();
    }

    fn wait_past(&self, after: u64) -> u64 {
        let deadline = Instant::now() + POLL_WAIT;
        let Ok(mut guard) = self.lock.lock() else {
            return self.value.load(Ordering::SeqCst);
        };
        while self.value.load(Ordering::SeqCst) <= after {
            let left = deadline.saturating_duration_since(Instant::now());
            if left.is_zero() {
                break;
            }
            match self.changed.wait_timeout(guard, left) {
                Ok((g, _)) => guard = g,
                Err(_) => break,
            }
        }
        self.value.load(Ordering::SeqCst)
    }
}

fn load_config(opts: &ServeOptions) -> Result<Config> {
    let mut config = Config::load(&opts.config_file)?;
    if let Some(url) = &opts.base_url {
        config.set_base_url(url).map_err(|message| Error::Config {
            path: PathBuf::from("--base-url"),
            message,
        })?;
    }
    // Served locally: links must work on 127.0.0.1, so keep only the path.
    let path = config.base_path.clone();
    config
        .set_base_url(&path)
        .map_err(|message| Error::Config {
            path: opts.config_file.clone(),
            message,
        })?;
    Ok(config)
}

/// Build with `builder`, which keeps what earlier builds learnt: a rebuild
/// after one article changed cleans that article only and writes only the
/// files of the site that changed.
fn rebuild(opts: &ServeOptions, builder: &mut Builder) -> Result<(Config, f64)> {
    let config = load_config(opts)?;
    let report = builder.build(&opts.paths, &config, &|_, _| {})?;
    Ok((config, report.seconds))
}

/// Run the server until the process is stopped.
pub fn serve(opts: ServeOptions) -> Result<()> {
    let mut builder = Builder::incremental();
    let (config, secs) = rebuild(&opts, &mut builder)?;
    let addr = format!("127.0.0.1:{}", opts.port);
    let server = tiny_http::Server::http(&addr).map_err(|e| Error::Output {
        path: PathBuf::from(&addr),
        message: format!("cannot listen: {e}"),
    })?;
    let base_path = Arc::new(Mutex::new(config.base_path.clone()));
    println!(
        "built in {:.0} ms; serving http://{addr}{}",
        secs * 1000.0,
        config.base_path
    );
    println!(
        "watching {} and the templates, static files and config; Ctrl-C stops",
        opts.paths.content.display()
    );

    let generation = Arc::new(Generation::default());
    let output = opts.paths.output.clone();
    let (tx, rx) = mpsc::channel();
    // Only changes to our inputs count: the config's folder also holds the
    // output, whose swap at the end of each build must not trigger another.
    let absolute = |p: &Path| std::fs::canonicalize(p).unwrap_or_else(|_| p.to_path_buf());
    let inputs: Vec<PathBuf> = [
        &opts.paths.content,
        &opts.paths.templates,
        &opts.paths.static_dir,
    ]
    .iter()
    .map(|p| absolute(p))
    .collect();
    let config_abs = {
        let dir = opts
            .config_file
            .parent()
            .filter(|p| !p.as_os_str().is_empty());
        let name = opts.config_file.file_name().unwrap_or_default();
        absolute(dir.unwrap_or(Path::new("."))).join(name)
    };
    let mut watcher = notify::recommended_watcher(move |res: notify::Result<notify::Event>| {
        let Ok(ev) = res else { return };
        if matches!(ev.kind, notify::EventKind::Access(_)) {
            return;
        }
        let ours = ev
            .paths
            .iter()
            .any(|p| p == &config_abs || inputs.iter().any(|root| p.starts_with(root)));
        if ours {
            let _ = tx.send(());
        }
    })
    .map_err(|e| Error::Input {
        path: opts.paths.content.clone(),
        message: format!("cannot watch: {e}"),
    })?;
    for p in [
        &opts.paths.content,
        &opts.paths.templates,
        &opts.paths.static_dir,
    ] {
        if p.exists() {
            watcher
                .watch(p, RecursiveMode::Recursive)
                .map_err(|e| Error::Input {
                    path: p.clone(),
                    message: format!("cannot watch: {e}"),
                })?;
        }
    }
    // The config is watched through its folder: editors replace the file.
    let config_dir = opts
        .config_file
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .map(Path::to_path_buf)
        .unwrap_or_else(|| PathBuf::from("."));
    let _ = watcher.watch(&config_dir, RecursiveMode::NonRecursive);

    {
        let generation = Arc::clone(&generation);
        let base_path = Arc::clone(&base_path);
        std::thread::spawn(move || {
            // The output dir is not watched, so our own writes don't loop.
            while rx.recv().is_ok() {
                // Drain the burst, then rebuild once.
                while rx.recv_timeout(DEBOUNCE).is_ok() {}
                match rebuild(&opts, &mut builder) {
                    Ok((config, secs)) => {
                        if let Ok(mut b) = base_path.lock() {
                            *b = config.base_path;
                        }
                        println!("rebuilt in {:.0} ms", secs * 1000.0);
                        generation.bump();
                    }
                    Err(e) => eprintln!("error: {e}"),
                }
            }
        });
    }

    let server = Arc::new(server);
    let workers: Vec<_> = (0..4)
        .map(|_| {
            let server = Arc::clone(&server);
            let generation = Arc::clone(&generation);
            let base_path = Arc::clone(&base_path);
            let output = output.clone();
            std::thread::spawn(move || {
                for request in server.incoming_requests() {
                    let base = base_path
                        .lock()
                        .map(|b| b.clone())
                        .unwrap_or_else(|_| "/".into());
                    respond(request, &output, &base, &generation);
                }
            })
        })
        .collect();
    for w in workers {
        let _ = w.join();
    }
    drop(watcher);
    Ok(())
}

fn content_type(path: &Path) -> &'static str {
    match path.extension().and_then(|e| e.to_str()).unwrap_or("") {
        "html" => "text/html; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "js" => "text/javascript; charset=utf-8",
        "json" => "application/json",
        "xml" => "application/xml; charset=utf-8",
        "txt" => "text/plain; charset=utf-8",
        "csv" => "text/csv; charset=utf-8",
        "svg" => "image/svg+xml",
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "ico" => "image/x-icon",
        _ => "application/octet-stream",
    }
}

/// Map a request path under the base path to a file of the output.
/// `None` for anything outside the base path or trying to climb out.
pub fn resolve(output: &Path, base_path: &str, url_path: &str) -> Option<PathBuf> {
    let path = url_path.split(['?', '#']).next().unwrap_or("");
    let rest = path.strip_prefix(base_path).or_else(|| {
        // "/archive" without the slash means the home page.
        (format!("{path}/") == base_path).then_some("")
    })?;
    let rest = percent_decode(rest)?;
    let rel = Path::new(&rest);
    if !rel.components().all(|c| matches!(c, Component::Normal(_))) {
        return None;
    }
    let file = output.join(rel);
    if file.is_dir() || rest.is_empty() || rest.ends_with('/') {
        Some(file.join("index.html"))
    } else {
        Some(file)
    }
}

fn percent_decode(s: &str) -> Option<String> {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = std::str::from_utf8(bytes.get(i + 1..i + 3)?).ok()?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).ok()
}

/// The script added to HTML served by `serve` (never to built files).
fn reload_script(generation: u64) -> String {
    format!(
        "<script>(function(){{var g={generation};function poll(){{fetch('{RELOAD_PATH}?after='+g).then(function(r){{return r.text()}}).then(function(t){{if(+t>g){{location.reload()}}else{{poll()}}}}).catch(function(){{setTimeout(poll,2000)}})}}poll()}})();</script>"
    )
}

fn header(name: &str, value: &str) -> Option<tiny_http::Header> {
    tiny_http::Header::from_bytes(name.as_bytes(), value.as_bytes()).ok()
}

fn respond(request: tiny_http::Request, output: &Path, base_path: &str, generation: &Generation) {
    let url = request.url().to_string();
    if let Some(query) = url.strip_prefix(RELOAD_PATH) {
        let after = query
            .trim_start_matches("?after=")
            .parse::<u64>()
            .unwrap_or(0);
        let now = generation.wait_past(after);
        let _ = request.respond(tiny_http::Response::from_string(now.to_string()));
        return;
    }
    let not_found = |request: tiny_http::Request| {
        let page = output.join("404.html");
        let body = std::fs::read(&page).unwrap_or_else(|_| b"404".to_vec());
        let mut resp = tiny_http::Response::from_data(body).with_status_code(404);
        if let Some(h) = header("Content-Type", "text/html; charset=utf-8") {
            resp.add_header(h);
        }
        let _ = request.respond(resp);
    };
    let Some(file) = resolve(output, base_path, &url) else {
        if url == "/" && base_path != "/" {
            let mut resp = tiny_http::Response::empty(302);
            if let Some(h) = header("Location", base_path) {
                resp.add_header(h);
            }
            let _ = request.respond(resp);
        } else {
            not_found(request);
        }
        return;
    };
    let Ok(mut body) = std::fs::read(&file) else {
        not_found(request);
        return;
    };
    let ctype = content_type(&file);
    if ctype.starts_with("text/html") {
        let script = reload_script(generation.value.load(Ordering::SeqCst));
        let at = find_last(&body, b"</body>").unwrap_or(body.len());
        body.splice(at..at, script.into_bytes());
    }
    let mut resp = tiny_http::Response::from_data(body);
    for h in [
        header("Content-Type", ctype),
        header("Cache-Control", "no-store"),
    ]
    .into_iter()
    .flatten()
    {
        resp.add_header(h);
    }
    let _ = request.respond(resp);
}

fn find_last(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).rposition(|w| w == needle)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_resolve_under_the_base_path_only() {
        let out = Path::new("/site");
        assert_eq!(
            resolve(out, "/archive/", "/archive/bai-viet/x/nguon.txt"),
            Some(PathBuf::from("/site/bai-viet/x/nguon.txt"))
        );
        assert_eq!(
            resolve(out, "/archive/", "/archive/"),
            Some(PathBuf::from("/site/index.html"))
        );
        assert_eq!(
            resolve(out, "/archive/", "/archive"),
            Some(PathBuf::from("/site/index.html"))
        );
        assert_eq!(resolve(out, "/archive/", "/other/"), None);
        assert_eq!(resolve(out, "/archive/", "/archive/../etc/passwd"), None);
        assert_eq!(
            resolve(out, "/archive/", "/archive/%2e%2e/etc/passwd"),
            None
        );
    }

    #[test]
    fn query_strings_are_ignored() {
        assert_eq!(
            resolve(Path::new("/s"), "/", "/tim-kiem/?q=dong+da"),
            Some(PathBuf::from("/s/tim-kiem/index.html"))
        );
    }

    #[test]
    fn generation_wait_returns_when_bumped() {
        let g = Arc::new(Generation::default());
        let g2 = Arc::clone(&g);
        let t = std::thread::spawn(move || g2.wait_past(0));
        std::thread::sleep(Duration::from_millis(20));
        g.bump();
        assert_eq!(t.join().unwrap(), 1);
    }
}
