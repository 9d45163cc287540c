//! Faults: kill -9 mid-write, an output path under a file, a read-only
//! disk, a full disk. The previous site must stay whole, errors must name
//! the path, and a later build must clean up what a killed one left.

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use civic_archive::config::Config;
use civic_archive::{build, Paths};

/// Every file under `dir` with its bytes.
fn snapshot(dir: &Path) -> BTreeMap<PathBuf, Vec<u8>> {
    walkdir::WalkDir::new(dir)
        .into_iter()
        .map(|e| e.unwrap())
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            (
                e.path().strip_prefix(dir).unwrap().to_path_buf(),
                fs::read(e.path()).unwrap(),
            )
        })
        .collect()
}

fn write_articles(content: &Path, n: usize, tag: &str) {
    fs::create_dir_all(content).unwrap();
    for i in 0..n {
        let mut text = format!("Bài {tag} số {i}: Hội nghị Ban Chấp hành Đảng bộ quận\n\n");
        for _ in 0..20 {
            text.push_str(
                "Đại hội đại biểu Đảng bộ quận Đống Đa lần thứ XXVIII, nhiệm kỳ 2020 - 2025.\n",
            );
        }
        fs::write(content.join(format!("{i:05}.txt")), text).unwrap();
    }
}

fn site_build(root: &Path, content: &Path) -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_civic-archive"));
    cmd.current_dir(root)
        .args(["build", "--quiet", "--content"])
        .arg(content)
        .args(["--output", "public"])
        .stdout(Stdio::null())
        .stderr(Stdio::piped());
    cmd
}

/// Leftovers of builds beside the output: `.public.tmp-<pid>`, `.public.old`.
fn leftovers(root: &Path) -> Vec<String> {
    fs::read_dir(root)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with(".public."))
        .collect()
}

/// kill -9 while the new site is being written: the old site is still
/// there, byte for byte; the next build succeeds and removes the leftovers.
#[cfg(unix)]
#[test]
fn kill_during_write_leaves_the_previous_site_whole() {
    let root = tempfile::tempdir().unwrap();
    let root = root.path();
    let old_content = root.join("old");
    let new_content = root.join("new");
    write_articles(&old_content, 300, "cũ");
    write_articles(&new_content, 3000, "mới");

    let status = site_build(root, &old_content).status().unwrap();
    assert!(status.success());
    let before = snapshot(&root.join("public"));
    assert!(before.len() > 300);

    // Try a few times: the kill has to land while the temp dir is filling.
    let mut killed_mid_write = false;
    for _attempt in 0..5 {
        let mut child = site_build(root, &new_content).spawn().unwrap();
        let tmp = root.join(format!(".public.tmp-{}", child.id()));
        let started = Instant::now();
        let mut landed = false;
        while started.elapsed() < Duration::from_secs(120) {
            let files = fs::read_dir(&tmp).map(|d| d.count()).unwrap_or(0);
            if files >= 2 {
                child.kill().unwrap(); // SIGKILL on unix
                landed = true;
                break;
            }
            if child.try_wait().unwrap().is_some() {
                break;
            }
            std::thread::sleep(Duration::from_micros(200));
        }
        let status = child.wait().unwrap();
        if landed && !status.success() {
            killed_mid_write = true;
            assert!(tmp.exists(), "the killed build left no temp dir?");
            break;
        }
        // The build won the race: put the old site back and try again.
        assert!(build(
            &Paths {
                content: old_content.clone(),
                output: root.join("public"),
                templates: root.join("t"),
                static_dir: root.join("s"),
            },
            &Config::default(),
        )
        .is_ok());
    }
    assert!(killed_mid_write, "never caught the build mid-write");
    assert_eq!(
        snapshot(&root.join("public")),
        before,
        "the old site changed"
    );

    let out = site_build(root, &new_content).output().unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(leftovers(root), Vec::<String>::new());
    let after = snapshot(&root.join("public"));
    assert!(after.len() > before.len());
}

/// An output path under a regular file: an error naming the path, no panic.
#[test]
fn output_under_a_file_is_reported_with_the_path() {
    let root = tempfile::tempdir().unwrap();
    let content = root.path().join("content");
    write_articles(&content, 2, "a");
    fs::write(root.path().join("plain-file"), "not a dir").unwrap();
    let output = root.path().join("plain-file/public");
    let err = build(
        &Paths {
            content,
            output: output.clone(),
            templates: root.path().join("t"),
            static_dir: root.path().join("s"),
        },
        &Config::default(),
    )
    .expect_err("building under a file must fail");
    let msg = err.to_string();
    eprintln!("error as reported: {msg}");
    assert!(msg.contains("plain-file/public"), "{msg}");
    assert_eq!(
        fs::read_to_string(root.path().join("plain-file")).unwrap(),
        "not a dir"
    );
}

/// A tmpfs mounted for one test, unmounted when dropped. Needs root.
struct Tmpfs(PathBuf);

impl Tmpfs {
    fn mount(at: &Path, size: &str) -> Option<Tmpfs> {
        fs::create_dir_all(at).ok()?;
        let out = Command::new("mount")
            .args(["-t", "tmpfs", "-o", &format!("size={size}"), "tmpfs"])
            .arg(at)
            .output()
            .ok()?;
        if out.status.success() {
            Some(Tmpfs(at.to_path_buf()))
        } else {
            eprintln!(
                "SKIPPED: cannot mount a tmpfs ({}); run as root to test a full or read-only disk",
                String::from_utf8_lossy(&out.stderr).trim()
            );
            None
        }
    }

    fn remount_read_only(&self) {
        let ok = Command::new("mount")
            .args(["-o", "remount,ro"])
            .arg(&self.0)
            .status()
            .unwrap()
            .success();
        assert!(ok, "remount read-only failed");
    }
}

impl Drop for Tmpfs {
    fn drop(&mut self) {
        let _ = Command::new("umount").arg(&self.0).status();
    }
}

fn paths_in(disk: &Path, content: &Path) -> Paths {
    Paths {
        content: content.to_path_buf(),
        output: disk.join("public"),
        templates: disk.join("t"),
        static_dir: disk.join("s"),
    }
}

/// A full disk: the error names the file it could not write, the old site
/// stays whole, and the half-written temp dir is removed.
#[test]
fn full_disk_is_reported_and_the_old_site_kept() {
    let root = tempfile::tempdir().unwrap();
    let Some(disk) = Tmpfs::mount(&root.path().join("disk"), "1m") else {
        return;
    };
    let small = root.path().join("small");
    let big = root.path().join("big");
    write_articles(&small, 3, "nhỏ");
    write_articles(&big, 3, "lớn");
    fs::write(big.join("to.txt"), "Bài to\n\n".repeat(300_000)).unwrap(); // 2.4 MB

    build(&paths_in(&disk.0, &small), &Config::default()).unwrap();
    let before = snapshot(&disk.0.join("public"));
    let err = build(&paths_in(&disk.0, &big), &Config::default())
        .expect_err("a full disk must fail the build");
    let msg = err.to_string();
    eprintln!("error as reported: {msg}");
    // The body spill file beside the site fills the disk first, or the
    // temp dir the site is written to.
    assert!(
        msg.contains(".public.tmp-") || msg.contains("spill file"),
        "{msg}"
    );
    assert!(msg.to_lowercase().contains("space"), "{msg}");
    assert_eq!(snapshot(&disk.0.join("public")), before);
    let names: Vec<String> = fs::read_dir(&disk.0)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(names, vec!["public".to_string()]);
}

/// A read-only disk (the permission error a root user can still hit): the
/// error names the path, the old site is untouched.
#[test]
fn read_only_output_is_reported_and_the_old_site_kept() {
    let root = tempfile::tempdir().unwrap();
    let Some(disk) = Tmpfs::mount(&root.path().join("disk"), "4m") else {
        return;
    };
    let content = root.path().join("content");
    write_articles(&content, 3, "a");
    build(&paths_in(&disk.0, &content), &Config::default()).unwrap();
    let before = snapshot(&disk.0.join("public"));
    disk.remount_read_only();
    write_articles(&content, 5, "b");
    let err = build(&paths_in(&disk.0, &content), &Config::default())
        .expect_err("a read-only disk must fail the build");
    let msg = err.to_string();
    eprintln!("error as reported: {msg}");
    assert!(msg.contains(&disk.0.display().to_string()), "{msg}");
    assert!(msg.contains("Read-only"), "{msg}");
    assert_eq!(snapshot(&disk.0.join("public")), before);
}
