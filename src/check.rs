//! `check`: what load..link made of each article, and what looks doubtful,
//! as a plain-text report for the editor who has to fix it.

use std::fmt::Write as _;

use crate::link::Archive;
use crate::model::{Article, Event};
use crate::text::to_roman;

/// The report text and whether anything in it needs an editor.
pub struct CheckReport {
    pub text: String,
    pub problems: usize,
}

/// What looks wrong in one article: extract's own doubts about its facts.
pub use crate::extract::doubts;

fn event_line(e: &Event) -> String {
    let mut s = format!("{:?}/{:?}", e.kind, e.level).to_lowercase();
    if let Some(d) = &e.district {
        let _ = write!(s, " {d}");
    }
    if let Some(o) = e.ordinal {
        let _ = write!(s, " lần thứ {}", to_roman(o));
    }
    if let Some(t) = &e.term {
        let _ = write!(s, " nhiệm kỳ {t}");
    }
    match (&e.start, &e.end) {
        (Some(a), Some(b)) if a != b => {
            let _ = write!(s, ", {a} – {b}");
        }
        (Some(a), _) => {
            let _ = write!(s, ", {a}");
        }
        _ => s.push_str(", no date"),
    }
    if let Some(p) = e.precision {
        let _ = write!(s, " ({p:?})");
    }
    if e.inferred {
        let _ = write!(s, " [inferred: {}]", e.basis.as_deref().unwrap_or("?"));
    }
    s
}

/// The report over a whole archive. `warnings` are load's skipped files.
pub fn report(
    archive: &Archive,
    warnings: &[String],
    doubts: impl Fn(&Article) -> Vec<String>,
) -> CheckReport {
    let mut t = String::new();
    let mut problems = 0;
    for a in &archive.articles {
        let _ = writeln!(t, "{}  ({})", a.source_file, a.url);
        let derived = if a.title_derived { " [derived]" } else { "" };
        let _ = writeln!(t, "  title:     {}{derived}", a.title);
        if !a.districts.is_empty() {
            let _ = writeln!(t, "  districts: {}", a.districts.join(", "));
        }
        if let Some(e) = &a.event {
            let _ = writeln!(t, "  event:     {}", event_line(e));
        }
        for e in &a.events_mentioned {
            let _ = writeln!(t, "  mentions:  {}", event_line(e));
        }
        for p in &a.people {
            let _ = writeln!(t, "  person:    {} — {}", p.name, p.roles.join("; "));
        }
        // `check` reads articles as `process` makes them: nothing spilled.
        for d in a.documents.held() {
            let _ = writeln!(
                t,
                "  document:  {} {}",
                d.kind,
                d.number.as_deref().unwrap_or("")
            );
        }
        if !a.corrected.is_empty() {
            let _ = writeln!(t, "  corrected: {}", a.corrected.join(", "));
        }
        let found = doubts(a);
        problems += found.len();
        for d in found {
            let _ = writeln!(t, "  DOUBT:     {d}");
        }
        t.push('\n');
    }
    for n in &archive.notices {
        let _ = writeln!(t, "NOTICE: {n}");
        problems += 1;
    }
    for w in warnings {
        let _ = writeln!(t, "WARNING: {w}");
        problems += 1;
    }
    let _ = writeln!(
        t,
        "{} articles, {} events, {} districts, {} people; {} to look at",
        archive.articles.len(),
        archive.events.len(),
        archive.districts.len(),
        archive.people.len(),
        problems
    );
    CheckReport { text: t, problems }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_empty_article_is_doubtful() {
        let doc = crate::model::CleanDoc::default();
        let a = Article::assemble(doc, crate::model::Facts::default(), "UTF-8");
        let d = doubts(&a);
        assert!(d.iter().any(|x| x.contains("district")), "{d:?}");
        let archive = Archive {
            articles: vec![a],
            ..Archive::default()
        };
        let r = report(&archive, &[], doubts);
        assert!(r.problems > 0);
        assert!(r.text.contains("DOUBT"));
    }
}
