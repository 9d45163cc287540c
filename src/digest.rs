//! Hashes of what pages are made from, so a rebuild can tell what changed.

/// Lets serde feed a hasher without building the text. serde_json writes
/// a value in pieces of a few bytes (a quote, a key, a comma), and each
/// piece fed to the hasher on its own cost more than hashing its bytes: the
/// pieces are gathered first and fed a block at a time. The hash is that
/// of all the bytes in order, however they were cut.
pub(crate) struct Feed {
    hasher: xxhash_rust::xxh3::Xxh3,
    block: [u8; Feed::BLOCK],
    len: usize,
}

impl Feed {
    const BLOCK: usize = 1024;

    pub fn new() -> Feed {
        Feed {
            hasher: xxhash_rust::xxh3::Xxh3::new(),
            block: [0; Feed::BLOCK],
            len: 0,
        }
    }

    /// The hash of all that was fed.
    pub fn digest(mut self) -> u64 {
        self.hasher.update(&self.block[..self.len]);
        self.hasher.digest()
    }
}

impl std::io::Write for Feed {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        let end = self.len + buf.len();
        match self.block.get_mut(self.len..end) {
            Some(room) => {
                room.copy_from_slice(buf);
                self.len = end;
            }
            None => {
                self.hasher.update(&self.block[..self.len]);
                self.len = 0;
                match self.block.get_mut(..buf.len()) {
                    Some(room) => {
                        room.copy_from_slice(buf);
                        self.len = buf.len();
                    }
                    None => self.hasher.update(buf),
                }
            }
        }
        Ok(buf.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// Feed `value`'s serde form to `f`.
pub(crate) fn feed<T: serde::Serialize + ?Sized>(f: &mut Feed, value: &T) {
    // Writing into a hasher cannot fail; a value that cannot be
    // serialised would fail the data downloads first.
    let _ = serde_json::to_writer(&mut *f, value);
}

/// The hash of `value`'s serde form.
pub(crate) fn hash<T: serde::Serialize + ?Sized>(value: &T) -> u64 {
    let mut f = Feed::new();
    feed(&mut f, value);
    f.digest()
}

thread_local! {
    /// Set while `hash_listed` runs on this thread.
    static LISTING: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

/// Whether a `hash_listed` runs on this thread (see `ArticleRef`).
pub(crate) fn listing() -> bool {
    LISTING.with(|l| l.get())
}

/// `hash`, with each hashed `ArticleRef` in `value` standing for its
/// fields: for views listing thousands of articles.
pub(crate) fn hash_listed<T: serde::Serialize + ?Sized>(value: &T) -> u64 {
    struct Reset(bool);
    impl Drop for Reset {
        fn drop(&mut self) {
            LISTING.with(|l| l.set(self.0));
        }
    }
    let _reset = Reset(LISTING.with(|l| l.replace(true)));
    hash(value)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;

    #[test]
    fn the_hash_is_of_the_bytes_however_they_are_cut() {
        // Pieces smaller than a block, exactly one, and larger, so every
        // branch of `write` runs, against the bytes hashed whole.
        let bytes: Vec<u8> = (0..5000u32).map(|i| (i * 7 % 251) as u8).collect();
        for cut in [
            1,
            3,
            700,
            Feed::BLOCK - 1,
            Feed::BLOCK,
            Feed::BLOCK + 1,
            3000,
        ] {
            let mut f = Feed::new();
            for piece in bytes.chunks(cut) {
                f.write_all(piece).unwrap();
            }
            assert_eq!(
                f.digest(),
                xxhash_rust::xxh3::xxh3_64(&bytes),
                "pieces of {cut}"
            );
        }
        assert_eq!(Feed::new().digest(), xxhash_rust::xxh3::xxh3_64(b""));
    }

    #[test]
    fn a_value_hashes_as_its_json() {
        let v = ("Đống Đa", [1, 2, 3], Some("x\"y"));
        let json = serde_json::to_vec(&v).unwrap();
        assert_eq!(hash(&v), xxhash_rust::xxh3::xxh3_64(&json));
    }
}
