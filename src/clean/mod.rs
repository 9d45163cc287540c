//! clean: RawDoc -> CleanDoc. Title, kicker, lede, headings, captions,
//! paragraphs; every dropped line recorded with its reason.

use crate::model::{Block, BlockKind, CleanDoc, RawDoc};

/// Clean one raw article. Pure: reads only `raw.text`.
pub fn clean(raw: &RawDoc) -> CleanDoc {
    let mut lines = raw.text.lines().map(str::trim).filter(|l| !l.is_empty());
    let title = lines.next().unwrap_or_default().to_string();
    let body = lines
        .map(|l| Block {
            kind: BlockKind::Paragraph,
            text: l.to_string(),
        })
        .collect();
    CleanDoc {
        source_file: raw.source_file.clone(),
        title,
        body,
        ..CleanDoc::default()
    }
}
