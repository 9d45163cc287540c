//! Incremental builds: a rebuild that reuses earlier work must write exactly
//! the site a fresh build writes, and pages that gather facts from many
//! articles (districts, timeline, people, data) must follow a changed fact.

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};

use civic_archive::config::Config;
use civic_archive::{corpus, BuildReport, Builder, Paths};

/// Every file under `root`, by relative path.
fn snapshot(root: &Path) -> BTreeMap<PathBuf, Vec<u8>> {
    walkdir::WalkDir::new(root)
        .into_iter()
        .filter_map(|e| e.ok())
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            let rel = e.path().strip_prefix(root).unwrap().to_path_buf();
            (rel, fs::read(e.path()).unwrap())
        })
        .collect()
}

fn paths(content: &Path, output: &Path) -> Paths {
    Paths {
        content: content.to_path_buf(),
        output: output.to_path_buf(),
        templates: content.join("no-templates"),
        static_dir: Path::new(env!("CARGO_MANIFEST_DIR")).join("static"),
    }
}

/// Build, and say what was done.
fn build_report(builder: &mut Builder, content: &Path, out: &Path) -> BuildReport {
    builder
        .build(&paths(content, out), &Config::default(), &|_, _| {})
        .unwrap()
}

/// Build, and say whether link ran.
fn build_with(builder: &mut Builder, content: &Path, out: &Path) -> bool {
    build_report(builder, content, out).linked
}

/// A temp dir holding the seeds and `n` generated articles, built once by
/// a remembering builder into `public/`. Returns the dir (which removes
/// itself when dropped), the content and output folders, the builder and
/// whether link ran.
fn built_once(n: usize) -> (tempfile::TempDir, PathBuf, PathBuf, Builder, bool) {
    let dir = tempfile::tempdir().unwrap();
    let content = content(dir.path(), n);
    let out = dir.path().join("public");
    let mut builder = Builder::incremental();
    let linked = build_with(&mut builder, &content, &out);
    (dir, content, out, builder, linked)
}

/// The seed articles and `n` generated ones.
fn content(dir: &Path, n: usize) -> PathBuf {
    let content = dir.join("content");
    corpus::generate(n, 5, &content.join("gen")).unwrap();
    let seeds = Path::new(env!("CARGO_MANIFEST_DIR")).join("content");
    for e in fs::read_dir(&seeds).unwrap() {
        let e = e.unwrap();
        if e.file_type().unwrap().is_file() {
            fs::copy(e.path(), content.join(e.file_name())).unwrap();
        }
    }
    content
}

/// A fresh build of `content` into a new folder, as the reference.
fn fresh(content: &Path, dir: &Path, name: &str) -> BTreeMap<PathBuf, Vec<u8>> {
    let out = dir.join(name);
    civic_archive::build(&paths(content, &out), &Config::default()).unwrap();
    snapshot(&out)
}

/// How many folders `dir` holds (a person or district page each).
fn count_dirs(dir: &Path) -> usize {
    fs::read_dir(dir)
        .unwrap()
        .filter(|e| e.as_ref().unwrap().path().is_dir())
        .count()
}

/// Differences between two sites, by path, for a readable failure.
fn differences(a: &BTreeMap<PathBuf, Vec<u8>>, b: &BTreeMap<PathBuf, Vec<u8>>) -> Vec<String> {
    let mut out = Vec::new();
    for (p, bytes) in a {
        match b.get(p) {
            None => out.push(format!("only in the first: {}", p.display())),
            Some(other) if other != bytes => out.push(format!("differs: {}", p.display())),
            _ => {}
        }
    }
    for p in b.keys().filter(|p| !a.contains_key(*p)) {
        out.push(format!("only in the second: {}", p.display()));
    }
    out
}

fn articles_json(out: &Path) -> serde_json::Value {
    serde_json::from_slice(&fs::read(out.join("du-lieu/articles.json")).unwrap()).unwrap()
}

/// The id of the article read from `source_file`.
fn id_of(out: &Path, source_file: &str) -> String {
    articles_json(out)["articles"]
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["source_file"] == source_file)
        .map(|a| a["id"].as_str().unwrap().to_string())
        .unwrap()
}

/// A generated article's file and its subject district.
fn generated_with_district(out: &Path) -> (String, String) {
    articles_json(out)["articles"]
        .as_array()
        .unwrap()
        .iter()
        .find_map(|a| {
            let file = a["source_file"].as_str()?;
            let district = a["districts"].get(0)?.as_str()?;
            (file.starts_with("gen/") && a["event"].is_object())
                .then(|| (file.to_string(), district.to_string()))
        })
        .unwrap()
}

#[test]
fn a_rebuild_after_a_body_edit_equals_a_fresh_build() {
    let (dir, content, out, mut builder, linked) = built_once(40);
    assert!(linked);
    assert_eq!(
        differences(&snapshot(&out), &fresh(&content, dir.path(), "a")),
        Vec::<String>::new()
    );

    // Add a sentence to one article's body.
    let (file, _) = generated_with_district(&out);
    let path = content.join(&file);
    let original = fs::read_to_string(&path).unwrap();
    let text = format!("{original}\nMột câu mới được thêm vào cuối bài để thử xây dựng lại.\n");
    fs::write(&path, text).unwrap();

    // The sentence brings no new fact: the last link's result stands, and
    // no page but the article's own shows the body.
    let report = build_report(&mut builder, &content, &out);
    assert!(!report.linked);
    assert_eq!(report.article_pages_made, 1);
    let rebuilt = snapshot(&out);
    assert_eq!(
        differences(&rebuilt, &fresh(&content, dir.path(), "b")),
        Vec::<String>::new()
    );
    let page = String::from_utf8(
        rebuilt[&PathBuf::from(format!("bai-viet/{}/index.html", id_of(&out, &file)))].clone(),
    )
    .unwrap();
    assert!(page.contains("Một câu mới được thêm vào cuối bài"));

    // And back: terms leave the search index as well as enter it.
    fs::write(&path, original).unwrap();
    build_with(&mut builder, &content, &out);
    assert_eq!(
        differences(&snapshot(&out), &fresh(&content, dir.path(), "c")),
        Vec::<String>::new()
    );
}

/// A large archive spills each article's body, removed lines, figures and
/// documents to disk between extract and render; a small one holds them.
/// Either way, and across rebuilds, the site is the same.
#[test]
fn an_archive_spilling_its_articles_builds_the_site_one_holding_them_builds() {
    let dir = tempfile::tempdir().unwrap();
    let content = content(dir.path(), 30);
    let held = fresh(&content, dir.path(), "held");
    let spilled = dir.path().join("spilled");
    build_with(&mut Builder::new().spilling_all(), &content, &spilled);
    assert_eq!(
        differences(&snapshot(&spilled), &held),
        Vec::<String>::new()
    );

    // `serve`'s builder spills too, and rebuilds from what it spilled.
    let out = dir.path().join("served");
    let mut builder = Builder::incremental();
    build_with(&mut builder, &content, &out);
    assert_eq!(differences(&snapshot(&out), &held), Vec::<String>::new());
    assert!(
        held.keys()
            .any(|p| p.ends_with("index.html") && p.starts_with("bai-viet")),
        "article pages were built"
    );

    // A new fact in one article: it is read again and spilled again.
    let (file, _) = generated_with_district(&out);
    let path = content.join(&file);
    let original = fs::read_to_string(&path).unwrap();
    let fact = "Ngày 5/3/2021, Hội nghị lần thứ 41 Ban Chấp hành Đảng bộ quận Hoàn Kiếm khóa XIII được tổ chức.";
    fs::write(&path, format!("{original}\n{fact}\n")).unwrap();
    assert!(build_report(&mut builder, &content, &out).linked);
    assert_eq!(
        differences(&snapshot(&out), &fresh(&content, dir.path(), "held-2")),
        Vec::<String>::new()
    );
}

#[test]
fn a_changed_fact_moves_the_article_between_district_pages() {
    let (dir, content, out, mut builder, _) = built_once(40);
    let (file, district) = generated_with_district(&out);
    // Another district of the same kind, so "quận X" stays a real name.
    const URBAN: [&str; 12] = [
        "Ba Đình",
        "Hoàn Kiếm",
        "Tây Hồ",
        "Long Biên",
        "Cầu Giấy",
        "Đống Đa",
        "Hai Bà Trưng",
        "Hoàng Mai",
        "Thanh Xuân",
        "Nam Từ Liêm",
        "Bắc Từ Liêm",
        "Hà Đông",
    ];
    let other = match (URBAN.contains(&district.as_str()), district.as_str()) {
        (true, "Tây Hồ") => "Hoàn Kiếm",
        (true, _) => "Tây Hồ",
        (false, "Sóc Sơn") => "Mê Linh",
        (false, _) => "Sóc Sơn",
    };
    let district_page = |name: &str| {
        let slug = slug::slugify(name);
        fs::read_to_string(out.join(format!("quan-huyen/{slug}/index.html"))).unwrap_or_default()
    };
    let old_id = id_of(&out, &file);
    assert!(district_page(&district).contains(&format!("bai-viet/{old_id}/")));

    // The article now reports on another district.
    let path = content.join(&file);
    let text = fs::read_to_string(&path).unwrap().replace(&district, other);
    fs::write(&path, text).unwrap();
    let report = build_report(&mut builder, &content, &out);
    assert!(report.linked, "a changed fact is linked");
    // Its own page, and those of articles that list it or share its
    // event: not every article page.
    assert!(
        report.article_pages_made < report.articles / 2,
        "{} of {} article pages made again",
        report.article_pages_made,
        report.articles
    );
    // The two districts' pages, the lists and the home page, and the
    // pages of the article's people: not the other districts' pages.
    let listing_pages = count_dirs(&out.join("quan-huyen")) + count_dirs(&out.join("nhan-vat")) + 3;
    assert!(
        (2..listing_pages / 2).contains(&report.listing_pages_made),
        "{} of {listing_pages} district, person and list pages made again",
        report.listing_pages_made
    );

    assert_eq!(
        differences(&snapshot(&out), &fresh(&content, dir.path(), "b")),
        Vec::<String>::new()
    );
    let new_id = id_of(&out, &file);
    assert!(
        district_page(other).contains(&format!("bai-viet/{new_id}/")),
        "{file}: {district} -> {other}: {}",
        articles_json(&out)["articles"]
            .as_array()
            .unwrap()
            .iter()
            .find(|a| a["source_file"] == file.as_str())
            .unwrap()["districts"]
    );
    assert!(!district_page(&district).contains(&format!("bai-viet/{new_id}/")));
    let timeline = fs::read_to_string(out.join("dong-thoi-gian/index.html")).unwrap();
    assert!(timeline.contains(&format!("bai-viet/{new_id}/")));
    let json = articles_json(&out);
    let article = json["articles"]
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["source_file"] == file.as_str())
        .unwrap();
    assert_eq!(article["districts"][0], other);
}

#[test]
fn a_removed_article_leaves_no_page_behind() {
    let (dir, content, out, mut builder, _) = built_once(20);
    let (file, _) = generated_with_district(&out);
    let id = id_of(&out, &file);
    assert!(out.join(format!("bai-viet/{id}/index.html")).exists());

    fs::remove_file(content.join(&file)).unwrap();
    assert!(
        build_with(&mut builder, &content, &out),
        "one article fewer is linked"
    );
    assert!(!out.join(format!("bai-viet/{id}")).exists());
    assert_eq!(
        differences(&snapshot(&out), &fresh(&content, dir.path(), "b")),
        Vec::<String>::new()
    );
}

#[test]
fn the_command_line_build_updates_only_what_changed() {
    let dir = tempfile::tempdir().unwrap();
    let content = content(dir.path(), 20);
    let out = dir.path().join("public");
    let run = || {
        let status = std::process::Command::new(env!("CARGO_BIN_EXE_civic-archive"))
            .args(["build", "--quiet", "--content"])
            .arg(&content)
            .arg("--output")
            .arg(&out)
            .arg("--templates")
            .arg(content.join("no-templates"))
            .arg("--static")
            .arg(Path::new(env!("CARGO_MANIFEST_DIR")).join("static"))
            .arg("--config")
            .arg(dir.path().join("no-archive.toml"))
            .status()
            .unwrap();
        assert!(status.success());
    };
    run();
    // A file nothing changed is not rewritten: its inode stays.
    let home = out.join("quan-huyen/index.html");
    let inode = |p: &Path| {
        use std::os::unix::fs::MetadataExt;
        fs::metadata(p).unwrap().ino()
    };
    let before = inode(&home);
    let (file, _) = generated_with_district(&out);
    let path = content.join(&file);
    let mut text = fs::read_to_string(&path).unwrap();
    text.push_str("\nThêm một đoạn.\n");
    fs::write(&path, text).unwrap();
    run();
    assert_eq!(inode(&home), before, "an unchanged page was rewritten");
    let names: Vec<String> = fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with(".public"))
        .collect();
    assert_eq!(names, Vec::<String>::new(), "leftovers beside the site");
    assert_eq!(
        differences(&snapshot(&out), &fresh(&content, dir.path(), "b")),
        Vec::<String>::new()
    );
}

#[test]
fn a_new_article_with_the_same_title_renumbers_the_old_one_as_a_fresh_build_does() {
    let (dir, content, out, mut builder, _) = built_once(20);
    let (file, _) = generated_with_district(&out);
    let id = id_of(&out, &file);

    // Slugs shared by several files are numbered in file-name order, so a
    // copy whose name sorts first takes the plain slug: the unchanged
    // original must move to a numbered one although its file did not change.
    let copy = "0-copy.txt";
    fs::copy(content.join(&file), content.join(copy)).unwrap();
    assert!(
        build_with(&mut builder, &content, &out),
        "a new article is linked"
    );
    assert_eq!(id_of(&out, copy), id);
    assert_ne!(id_of(&out, &file), id);
    assert_eq!(
        differences(&snapshot(&out), &fresh(&content, dir.path(), "b")),
        Vec::<String>::new()
    );

    fs::remove_file(content.join(copy)).unwrap();
    build_with(&mut builder, &content, &out);
    assert_eq!(id_of(&out, &file), id);
    assert_eq!(
        differences(&snapshot(&out), &fresh(&content, dir.path(), "c")),
        Vec::<String>::new()
    );
}

/// The ids of the related articles an article page lists.
fn related_ids(page: &str) -> Vec<String> {
    let Some((_, section)) = page.split_once("aria-labelledby=\"lien-quan\"") else {
        return Vec::new();
    };
    let section = section.split("</section>").next().unwrap_or_default();
    section
        .split("href=\"/bai-viet/")
        .skip(1)
        .filter_map(|s| s.split_once('/').map(|(id, _)| id.to_string()))
        .collect()
}

#[test]
fn a_retitled_article_is_retitled_where_other_pages_list_it() {
    let (dir, content, out, mut builder, _) = built_once(40);
    // An article listed as related on another article's page.
    let (page_id, listed) = articles_json(&out)["articles"]
        .as_array()
        .unwrap()
        .iter()
        .find_map(|a| {
            let id = a["id"].as_str()?;
            let page = fs::read_to_string(out.join(format!("bai-viet/{id}/index.html"))).ok()?;
            let listed = related_ids(&page).into_iter().next()?;
            Some((id.to_string(), listed))
        })
        .expect("some article page lists related articles");
    let file = articles_json(&out)["articles"]
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["id"] == listed.as_str())
        .map(|a| a["source_file"].as_str().unwrap().to_string())
        .unwrap();

    // A new first line: the raw file's title.
    let path = content.join(&file);
    let text = fs::read_to_string(&path).unwrap();
    let (title, rest) = text.split_once('\n').unwrap();
    let retitled = format!("{title} trong năm đầu nhiệm kỳ");
    fs::write(&path, format!("{retitled}\n{rest}")).unwrap();
    let report = build_report(&mut builder, &content, &out);

    assert_eq!(
        differences(&snapshot(&out), &fresh(&content, dir.path(), "b")),
        Vec::<String>::new()
    );
    let page = fs::read_to_string(out.join(format!("bai-viet/{page_id}/index.html"))).unwrap();
    assert!(
        page.contains(&retitled),
        "{page_id} lists {listed} under its new title"
    );
    assert!(report.article_pages_made > 1);
    assert!(report.article_pages_made < report.articles);
}

/// A temp dir whose content is `files` (name, text), built once by a
/// remembering builder: the dir, content and output folders, the builder.
fn hand_built(files: &[(&str, &str)]) -> (tempfile::TempDir, PathBuf, PathBuf, Builder) {
    let dir = tempfile::tempdir().unwrap();
    let content = dir.path().join("content");
    fs::create_dir_all(&content).unwrap();
    for (name, text) in files {
        fs::write(content.join(name), text).unwrap();
    }
    let out = dir.path().join("public");
    let mut builder = Builder::incremental();
    build_report(&mut builder, &content, &out);
    (dir, content, out, builder)
}

/// The page of the article read from `source_file`.
fn page_of(out: &Path, source_file: &str) -> String {
    let id = id_of(out, source_file);
    fs::read_to_string(out.join(format!("bai-viet/{id}/index.html"))).unwrap()
}

#[test]
fn a_changed_event_reaches_the_pages_of_the_event_s_other_articles() {
    // Two reports of one congress: only the second, past its first
    // paragraph (which lists show), gives its term.
    let second = |term: &str| {
        format!(
            "Đại hội Đảng bộ quận Tây Hồ lần thứ XXVI thành công tốt đẹp\n\n\
             Ngày 15/7/2020, Đảng bộ quận Tây Hồ tổ chức Đại hội đại biểu lần thứ XXVI.\n\n\
             Đại hội đã thông qua Nghị quyết nhiệm kỳ {term}.\n"
        )
    };
    let (dir, content, out, mut builder) = hand_built(&[
        (
            "a-first.txt",
            "Quận Tây Hồ bầu Ban Chấp hành khóa mới\n\n\
             Đảng bộ quận Tây Hồ tổ chức Đại hội đại biểu lần thứ XXVI, \
             bầu Ban Chấp hành Đảng bộ quận khóa XXVI.\n\n\
             Các chi bộ trực thuộc đã hoàn thành đại hội cấp cơ sở.\n",
        ),
        ("b-second.txt", &second("2020 – 2025")),
    ]);
    let first = || page_of(&out, "a-first.txt");
    assert!(
        first().contains("nhiệm kỳ 2020–2025"),
        "the first report's page names the congress with the term the second gives"
    );

    // Only the event's title changes for the first report's page.
    fs::write(content.join("b-second.txt"), second("2021 – 2026")).unwrap();
    build_report(&mut builder, &content, &out);
    assert!(first().contains("nhiệm kỳ 2021–2026"));
    assert_eq!(
        differences(&snapshot(&out), &fresh(&content, dir.path(), "b")),
        Vec::<String>::new()
    );
}

#[test]
fn a_person_page_renumbered_by_a_namesake_is_followed_by_the_pages_that_link_it() {
    // The other article's list summary (its first paragraph) stays the same.
    let b = |second: &str| {
        format!(
            "Quận Tây Hồ kiểm tra công tác phòng chống thiên tai\n\n\
             Ngày 9/10/2021, đoàn công tác của quận Tây Hồ kiểm tra công tác phòng chống thiên tai.\n\n\
             {second}\n"
        )
    };
    let (dir, content, out, mut builder) = hand_built(&[
        (
            "a.txt",
            "Quận Tây Hồ sơ kết công tác quý III\n\n\
             Ngày 5/10/2021, Quận ủy Tây Hồ tổ chức hội nghị sơ kết công tác quý III. \
             Đồng chí Lê Văn Đồng - Bí thư Quận ủy Tây Hồ chủ trì hội nghị.\n\n\
             Hội nghị đã thảo luận các nhiệm vụ trọng tâm quý IV.\n",
        ),
        ("b.txt", &b("Đoàn đã kiểm tra các điểm xung yếu.")),
    ]);
    let a_page = || page_of(&out, "a.txt");
    assert!(a_page().contains("href=\"/nhan-vat/le-van-dong/\""));

    // A namesake whose name folds alike and sorts first takes the plain slug.
    fs::write(
        content.join("b.txt"),
        b("Đồng chí Lê Văn Đông - Chủ tịch UBND quận Tây Hồ dẫn đầu đoàn."),
    )
    .unwrap();
    build_report(&mut builder, &content, &out);
    assert!(a_page().contains("href=\"/nhan-vat/le-van-dong-2/\""));
    assert_eq!(
        differences(&snapshot(&out), &fresh(&content, dir.path(), "b")),
        Vec::<String>::new()
    );
}

/// A rebuild reads only the content files whose stamps changed since the
/// last build read them; a file rewritten at the same length, with its
/// modification time set back, is read again all the same.
#[test]
fn a_rebuild_reads_only_the_files_whose_stamps_changed() {
    let (dir, content, out, mut builder, _) = built_once(6);
    let files: Vec<PathBuf> = walkdir::WalkDir::new(&content)
        .into_iter()
        .map(|e| e.unwrap().into_path())
        .filter(|p| p.is_file())
        .collect();
    let not_articles = files
        .iter()
        .filter(|p| p.extension().is_none_or(|e| e != "txt"))
        .count();
    // Files written less than two seconds before a build read them may be
    // written again within the same clock tick: their stamps count only
    // once they are older.
    std::thread::sleep(std::time::Duration::from_millis(2100));
    assert_eq!(
        build_report(&mut builder, &content, &out).files_read,
        files.len()
    );
    assert_eq!(
        build_report(&mut builder, &content, &out).files_read,
        not_articles,
        "only the editorial pages and sidecars are read when no article changed"
    );

    let (file, _) = generated_with_district(&out);
    let path = content.join(&file);
    let modified = fs::metadata(&path).unwrap().modified().unwrap();
    let text = fs::read_to_string(&path).unwrap();
    // Same length: one ASCII letter of the last line becomes another.
    let at = text
        .trim_end()
        .rfind(|c: char| c.is_ascii_lowercase())
        .unwrap();
    let old = text.as_bytes()[at] as char;
    let new = if old == 'z' { 'y' } else { 'z' };
    let edited = format!("{}{new}{}", &text[..at], &text[at + 1..]);
    assert_eq!(edited.len(), text.len());
    fs::write(&path, &edited).unwrap();
    fs::File::options()
        .write(true)
        .open(&path)
        .unwrap()
        .set_modified(modified)
        .unwrap();
    let report = build_report(&mut builder, &content, &out);
    assert_eq!(report.files_read, not_articles + 1);
    assert_eq!(
        differences(&snapshot(&out), &fresh(&content, dir.path(), "b")),
        Vec::<String>::new()
    );
}

/// A sidecar added to, changed beside or removed from an article after a
/// build reaches the rebuilt site, as it reaches a fresh build.
#[test]
fn a_sidecar_added_changed_or_removed_is_rebuilt_as_a_fresh_build() {
    let fixture = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/corrections");
    let text = fs::read_to_string(fixture.join("thanh-xuan-dai-hoi.txt")).unwrap();
    let (dir, content, out, mut builder) = hand_built(&[("a.txt", &text)]);
    let start = |out: &Path| articles_json(out)["articles"][0]["event"]["start"].clone();
    assert_eq!(
        start(&out),
        serde_json::Value::Null,
        "no year without the sidecar"
    );
    let sidecar = content.join("a.toml");
    for (n, toml) in [
        Some("[event]\nstart = \"2020-06-15\"\n"),
        Some("[event]\nstart = \"2020-06-16\"\n"),
        None,
    ]
    .into_iter()
    .enumerate()
    {
        match toml {
            Some(t) => fs::write(&sidecar, t).unwrap(),
            None => fs::remove_file(&sidecar).unwrap(),
        }
        build_report(&mut builder, &content, &out);
        assert_eq!(
            differences(
                &snapshot(&out),
                &fresh(&content, dir.path(), &format!("f{n}"))
            ),
            Vec::<String>::new(),
            "{toml:?}"
        );
    }
    assert_eq!(start(&out), serde_json::Value::Null);
}

/// `serve` reads the configuration again before each rebuild: a rebuild
/// with another base URL and title is the fresh build with them, down to
/// the feed's entries and the timeline's structured data, which a rebuild
/// otherwise joins from the last build's pieces.
#[test]
fn a_rebuild_with_a_changed_config_equals_a_fresh_build_with_it() {
    let (dir, content, out, mut builder, _) = built_once(20);
    let config = Config::parse(
        "base_url = \"https://vd.github.io/luu-tru/\"\ntitle = \"Lưu trữ quận, huyện\"\n",
    )
    .unwrap();
    builder
        .build(&paths(&content, &out), &config, &|_, _| {})
        .unwrap();
    let reference = dir.path().join("reference");
    civic_archive::build(&paths(&content, &reference), &config).unwrap();
    assert_eq!(
        differences(&snapshot(&out), &snapshot(&reference)),
        Vec::<String>::new()
    );
    let feed = fs::read_to_string(out.join("feed.xml")).unwrap();
    assert!(feed.contains(
        "<link rel=\"alternate\" type=\"text/html\" href=\"https://vd.github.io/luu-tru/bai-viet/"
    ));
}
