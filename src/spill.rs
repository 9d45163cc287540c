//! What only an article's own page shows, kept on disk between extract
//! and render.
//!
//! The body, removed lines, figures and documents are most of what an
//! article weighs in memory, and nothing from extract to render reads them:
//! link works on the other facts. So a build writes them to one spill file
//! as soon as the article is extracted and reads them back for what shows
//! them (the article page, its line of `articles.json`, its search terms).
//! A 100,000-article build then holds facts, not text. The file is made
//! beside the site and has no name: it is gone when the last article that
//! refers to it is.

use std::fs::File;
use std::io;
use std::os::unix::fs::FileExt;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;

use crate::model::{Block, BlockKind};

/// The file articles' own parts are spilled to.
#[derive(Debug)]
pub struct SpillFile {
    file: File,
    /// The folder the file is in, for messages (the file has no name).
    dir: PathBuf,
    /// Where the next write goes: writes go side by side, each at a range
    /// of its own, so writers never wait for each other.
    end: AtomicU64,
}

/// Where something was written in a spill file.
#[derive(Debug, Clone)]
struct SpillRange {
    file: Arc<SpillFile>,
    offset: u64,
    len: u32,
}

impl PartialEq for SpillRange {
    fn eq(&self, other: &Self) -> bool {
        Arc::ptr_eq(&self.file, &other.file) && self.offset == other.offset
    }
}

impl SpillRange {
    /// The bytes written there.
    fn read(&self) -> io::Result<Vec<u8>> {
        let mut bytes = vec![0; self.len as usize];
        self.file.file.read_exact_at(&mut bytes, self.offset)?;
        Ok(bytes)
    }

    /// The error for bytes that read back wrong: the file is ours, but a
    /// disk can still hand back other bytes.
    fn broken(&self, what: &str) -> io::Error {
        io::Error::new(
            io::ErrorKind::InvalidData,
            format!(
                "{}: a {what} read back differs from the one written",
                self.file.describe().display()
            ),
        )
    }
}

/// A body in a spill file: where it is, and its first paragraph, which
/// lists and the rebuild's hashes read without reading the whole body.
#[derive(Debug, Clone, PartialEq)]
pub struct SpilledBody {
    range: SpillRange,
    blocks: u32,
    first_paragraph: Option<Block>,
}

/// JSON written to a spill file (see `model::Part`).
#[derive(Debug, Clone, PartialEq)]
pub struct SpilledJson(SpillRange);

impl SpillFile {
    /// A new, empty spill file in `dir`.
    pub fn new_in(dir: &Path) -> io::Result<Arc<SpillFile>> {
        Ok(Arc::new(SpillFile {
            file: tempfile::tempfile_in(dir)?,
            dir: dir.to_path_buf(),
            end: AtomicU64::new(0),
        }))
    }

    /// What to name in an error about the file.
    pub fn describe(&self) -> PathBuf {
        self.dir.join("(spill file)")
    }

    /// Write `parts` side by side, in one write; the range of each.
    fn write(self: &Arc<Self>, parts: &[&[u8]]) -> io::Result<Vec<SpillRange>> {
        let too_big = || io::Error::new(io::ErrorKind::InvalidInput, "part over 4 GiB");
        let lens = parts
            .iter()
            .map(|p| u32::try_from(p.len()).map_err(|_| too_big()))
            .collect::<io::Result<Vec<u32>>>()?;
        let total = lens.iter().map(|l| u64::from(*l)).sum();
        let mut offset = self.end.fetch_add(total, Ordering::Relaxed);
        self.file.write_all_at(&parts.concat(), offset)?;
        Ok(lens
            .into_iter()
            .map(|len| {
                let range = SpillRange {
                    file: Arc::clone(self),
                    offset,
                    len,
                };
                offset += u64::from(len);
                range
            })
            .collect())
    }

    /// Write `blocks` to the file.
    pub fn spill(self: &Arc<Self>, blocks: &[Block]) -> io::Result<SpilledBody> {
        let mut bytes = Vec::with_capacity(blocks.iter().map(|b| b.text.len() + 5).sum());
        for b in blocks {
            let len = u32::try_from(b.text.len())
                .map_err(|_| io::Error::new(io::ErrorKind::InvalidInput, "block over 4 GiB"))?;
            bytes.push(kind_code(b.kind));
            bytes.extend_from_slice(&len.to_le_bytes());
            bytes.extend_from_slice(b.text.as_bytes());
        }
        let Some(range) = self.write(&[&bytes])?.pop() else {
            return Err(io::Error::other("a write gave no range"));
        };
        Ok(SpilledBody {
            range,
            blocks: blocks.len() as u32,
            first_paragraph: blocks
                .iter()
                .find(|b| b.kind == BlockKind::Paragraph)
                .cloned(),
        })
    }

    /// Write `parts`, each already serialised as JSON, side by side.
    pub fn spill_json(self: &Arc<Self>, parts: &[&[u8]]) -> io::Result<Vec<SpilledJson>> {
        Ok(self.write(parts)?.into_iter().map(SpilledJson).collect())
    }
}

impl SpilledJson {
    /// Read the JSON back, checked to be UTF-8.
    pub fn read(&self) -> io::Result<String> {
        let bytes = self.0.read()?;
        if simdutf8::basic::from_utf8(&bytes).is_err() {
            return Err(self.0.broken("part"));
        }
        // SAFETY: the bytes were just checked to be UTF-8. `simdutf8` checks
        // what `String::from_utf8` does, with vector instructions; the
        // standard check passes only ASCII quickly, and the parts are
        // Vietnamese text (its check was 2.5 % of a 100,000 build's render).
        Ok(unsafe { String::from_utf8_unchecked(bytes) })
    }

    /// How many bytes the part takes in the file.
    pub fn bytes(&self) -> usize {
        self.0.len as usize
    }
}

impl SpilledBody {
    /// Read the blocks back.
    pub fn read(&self) -> io::Result<Vec<Block>> {
        let bytes = self.range.read()?;
        let broken = || self.range.broken("body");
        let mut blocks = Vec::with_capacity(self.blocks as usize);
        let mut rest = bytes.as_slice();
        while let [code, a, b, c, d, tail @ ..] = rest {
            let len = u32::from_le_bytes([*a, *b, *c, *d]) as usize;
            let (text, tail) = tail.split_at_checked(len).ok_or_else(broken)?;
            let text = simdutf8::basic::from_utf8(text).map_err(|_| broken())?;
            blocks.push(Block {
                kind: kind_of(*code).ok_or_else(broken)?,
                text: text.to_string(),
            });
            rest = tail;
        }
        if !rest.is_empty() || blocks.len() != self.blocks as usize {
            return Err(broken());
        }
        Ok(blocks)
    }

    /// How many bytes the body takes in the file.
    pub fn bytes(&self) -> usize {
        self.range.len as usize
    }

    /// The body's first paragraph, kept in memory.
    pub fn first_paragraph(&self) -> Option<&Block> {
        self.first_paragraph.as_ref()
    }

    /// The file the body is in, for messages.
    pub fn describe(&self) -> PathBuf {
        self.range.file.describe()
    }
}

fn kind_code(kind: BlockKind) -> u8 {
    match kind {
        BlockKind::Paragraph => 0,
        BlockKind::Heading => 1,
        BlockKind::Caption => 2,
        BlockKind::Quote => 3,
    }
}

fn kind_of(code: u8) -> Option<BlockKind> {
    Some(match code {
        0 => BlockKind::Paragraph,
        1 => BlockKind::Heading,
        2 => BlockKind::Caption,
        3 => BlockKind::Quote,
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bodies_read_back_as_written() {
        let dir = tempfile::tempdir().unwrap();
        let spill = SpillFile::new_in(dir.path()).unwrap();
        let mut first = Block::paragraphs(&["Đảng bộ quận Hoàn Kiếm tổ chức Đại hội.", ""]);
        first.insert(
            0,
            Block {
                kind: BlockKind::Heading,
                text: "Nhiệm kỳ 2020–2025".into(),
            },
        );
        first.push(Block {
            kind: BlockKind::Quote,
            text: "“Đoàn kết – Dân chủ”".into(),
        });
        let bodies = [first, Vec::new(), Block::paragraphs(&["Ủy ban nhân dân"])];
        let spilled: Vec<SpilledBody> = bodies.iter().map(|b| spill.spill(b).unwrap()).collect();
        for (body, s) in bodies.iter().zip(&spilled) {
            assert_eq!(&s.read().unwrap(), body);
            assert_eq!(s.blocks as usize, body.len());
            assert_eq!(
                s.first_paragraph(),
                body.iter().find(|b| b.kind == BlockKind::Paragraph)
            );
        }
        assert_eq!(
            spilled[0].first_paragraph().map(|b| b.text.as_str()),
            Some("Đảng bộ quận Hoàn Kiếm tổ chức Đại hội.")
        );
    }

    #[test]
    fn spilled_parts_serialise_and_read_back_as_held() {
        use crate::model::{Evidence, Figure, Part, Place, RemovalReason, Removed};
        let dir = tempfile::tempdir().unwrap();
        let spill = SpillFile::new_in(dir.path()).unwrap();
        let figures = vec![Figure {
            text: "14.215,56 tỷ đồng".into(),
            value: 14215.56,
            unit: "tỷ đồng".into(),
            context: "Thu ngân sách đạt 14.215,56 tỷ đồng, \"vượt\" dự toán.".into(),
            evidence: Some(Evidence {
                block: Some(4),
                text: "Thu ngân sách đạt 14.215,56 tỷ đồng.".into(),
                place: Place::Body,
            }),
        }];
        let removed = vec![Removed {
            line: 3,
            text: "TIN TỨC – SỰ KIỆN".into(),
            reason: RemovalReason::Banner,
        }];
        let json = [
            serde_json::to_vec(&figures).unwrap(),
            serde_json::to_vec(&removed).unwrap(),
            b"[]".to_vec(),
        ];
        let parts: Vec<&[u8]> = json.iter().map(Vec::as_slice).collect();
        let spilled = spill.spill_json(&parts).unwrap();
        let f: Part<Vec<Figure>> = Part::Spilled(spilled[0].clone());
        let r: Part<Vec<Removed>> = Part::Spilled(spilled[1].clone());
        let none: Part<Vec<Removed>> = Part::Spilled(spilled[2].clone());
        assert_eq!(*f.get().unwrap(), figures);
        assert_eq!(*r.get().unwrap(), removed);
        assert!(none.get().unwrap().is_empty());
        assert_eq!(
            serde_json::to_string(&f).unwrap(),
            serde_json::to_string(&Part::Held(figures)).unwrap()
        );
        assert_eq!(
            serde_json::to_string(&r).unwrap(),
            serde_json::to_string(&Part::Held(removed)).unwrap()
        );
    }

    #[test]
    fn a_part_that_is_not_utf8_is_an_error_naming_the_file() {
        let dir = tempfile::tempdir().unwrap();
        let spill = SpillFile::new_in(dir.path()).unwrap();
        // A lone lead byte, then "ủy" cut inside its character.
        let bad: [&[u8]; 2] = [b"[\"\xC3\"]", &"[\"ủy\"]".as_bytes()[..4]];
        for s in spill.spill_json(&bad).unwrap() {
            let e = s.read().unwrap_err();
            assert_eq!(e.kind(), io::ErrorKind::InvalidData);
            assert!(e.to_string().contains("spill file"), "{e}");
        }
        let good = spill.spill_json(&["[\"ủy\"]".as_bytes()]).unwrap();
        assert_eq!(good[0].read().unwrap(), "[\"ủy\"]");
    }

    #[test]
    fn a_body_that_does_not_read_back_is_an_error_naming_the_file() {
        let dir = tempfile::tempdir().unwrap();
        let spill = SpillFile::new_in(dir.path()).unwrap();
        let mut s = spill.spill(&Block::paragraphs(&["Hội nghị"])).unwrap();
        s.blocks = 2;
        let e = s.read().unwrap_err();
        assert_eq!(e.kind(), io::ErrorKind::InvalidData);
        assert!(e.to_string().contains("spill file"), "{e}");
    }
}
